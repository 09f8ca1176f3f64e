"""Alembic, driven from code: the schema version of a database and the upgrade to head."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

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
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        current = MigrationContext.configure(conn).get_current_revision()
        if current is None and has_user_tables(conn):
            raise ForeignTables
        if current != head_revision():
            command.upgrade(alembic_config(conn), "head")
        return current


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
