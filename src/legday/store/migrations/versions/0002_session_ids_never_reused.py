"""session ids are never reused after a delete

On SQLite an INTEGER PRIMARY KEY without AUTOINCREMENT takes max(id) + 1, so deleting the newest
session hands its id to the next one (a note or an export that named session 12 would then name a
different session). AUTOINCREMENT keeps a high-water mark in ``sqlite_sequence``. PostgreSQL's
SERIAL sequence never goes back already: nothing to do there.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # store.migrate turns SQLite's foreign keys off around a migration, so dropping the old table
    # during the copy does not cascade into set_entry.
    with op.batch_alter_table(
        "training_session",
        recreate="always",
        table_kwargs={"sqlite_autoincrement": autoincrement},
    ):
        pass


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
