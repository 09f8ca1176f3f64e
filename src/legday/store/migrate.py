"""Alembic, driven from code: the schema version of a database and the upgrade to head."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from legday.domain.errors import StorageError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def has_user_tables(engine: Engine | Connection) -> bool:
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    return bool(names)


def _run(engine: Engine, step: Callable[[Config], None]) -> None:
    """One migration run in one transaction. On SQLite foreign keys are off meanwhile: a batch
    migration copies a table and drops the old one, and a drop with foreign keys on deletes the
    rows that refer to it (ON DELETE CASCADE). The pragma only changes outside a transaction."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection if engine.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin(), warnings.catch_warnings():
                # A SQLite batch migration reflects the table it copies; SQLAlchemy cannot
                # reflect the expression index on lower(name) and says so on the user's
                # terminal. The migration recreates that index itself, so the notice is noise.
                warnings.filterwarnings(
                    "ignore", message="Skipped unsupported reflection of expression-based index"
                )
                step(alembic_config(conn))
                if raw is not None and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StorageError("a migration left rows that refer to missing rows")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


# pg_advisory_xact_lock key for schema changes: any fixed 64-bit number, the same in every
# legday process ("legday" in ASCII).
MIGRATION_LOCK = 0x6C6567646179


class ForeignTables(Exception):
    """The database holds tables but no legday schema version."""


def upgrade_locked(engine: Engine) -> str | None:
    """Bring the schema to head with every other process kept out: on PostgreSQL under an
    advisory lock, on SQLite under the write lock (BEGIN IMMEDIATE). The version is read again
    once the lock is held, so the second of two first users finds the work done instead of
    creating the tables twice. Returns the revision found before the upgrade."""
    found: list[str | None] = []

    def step(cfg: Config) -> None:
        conn: Connection = cfg.attributes["connection"]
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        current = MigrationContext.configure(conn).get_current_revision()
        found.append(current)
        if current is None and has_user_tables(conn):
            raise ForeignTables
        if current != head_revision():
            command.upgrade(cfg, "head")

    _run(engine, step)
    return found[0] if found else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, lambda cfg: command.upgrade(cfg, revision))


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, lambda cfg: command.downgrade(cfg, revision))
