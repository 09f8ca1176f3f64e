"""The schema version without Alembic: which revisions the migration scripts define, and which
one a database is at, read with one plain query.

Importing Alembic costs about 90 ms, paid by every command when the check went through it although
an upgrade is almost never needed. The scripts are read as text here (a few small files, well
under a millisecond); tests/store/test_revisions.py checks the answer against Alembic's own.
Alembic itself is imported only when a database must be upgraded (store/migrate.py).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # no SQLAlchemy at import: legday.store.lite reads the head without it
    from sqlalchemy import Connection

VERSIONS = Path(__file__).with_name("migrations") / "versions"
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(None|['\"]([^'\"]+)['\"])", re.MULTILINE)


class UnreadableScripts(Exception):
    """A script this reader cannot follow (merge points, odd syntax): ask Alembic instead."""


@cache
def chain() -> tuple[str, ...]:
    """Revision ids from the first to the head, read from the scripts' ``revision`` and
    ``down_revision`` lines. Raises UnreadableScripts for anything but one straight line."""
    parent: dict[str, str | None] = {}
    for script in sorted(VERSIONS.glob("*.py")):
        text = script.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN.search(text)
        if rev is None or down is None:
            raise UnreadableScripts(script.name)
        parent[rev.group(1)] = down.group(2)  # None for the first revision
    children: dict[str | None, list[str]] = {}
    for child, above in parent.items():
        children.setdefault(above, []).append(child)
    order: list[str] = []
    at: str | None = None
    while at in children:
        nxt = children[at]
        if len(nxt) != 1:
            raise UnreadableScripts(f"{len(nxt)} revisions follow {at}")
        at = nxt[0]
        order.append(at)
    if len(order) != len(parent):
        raise UnreadableScripts("revisions outside the main line")
    return tuple(order)


def head() -> str:
    return chain()[-1]


def stored(conn: Connection) -> str | None:
    """The revision recorded in the database (None: no version table, or it is empty)."""
    if conn.dialect.name == "sqlite":
        found = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
    else:
        found = conn.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar()
    if not found:
        return None
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if len(rows) > 1:
        raise UnreadableScripts("the database records several heads")
    return str(rows[0][0]) if rows else None
