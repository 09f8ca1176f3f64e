"""Alembic environment: legday always hands in an open connection (see store/migrate.py)."""

from __future__ import annotations

from alembic import context

# the server's tables, the job queue and the coach and clinic pages' tables join Base.metadata
from legday.store import account_models, care_models, job_models  # noqa: F401
from legday.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - legday never runs alembic without a connection
    raise RuntimeError("run migrations through `legday db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs batch ALTERs
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
