"""Plain SQL (``legday.store.plain``) on a pooled psycopg connection: the PostgreSQL side of what
``legday.store.lite`` is for SQLite. The statements name their parameters ``:name`` (both
drivers' plain statements are written once); psycopg takes ``%(name)s``, so each statement text
is rewritten once and kept. This module imports no SQLAlchemy."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from legday.domain.access import Actor

# A ``:name`` parameter as SQLAlchemy's text() finds it: not after a word character, a colon or
# a backslash (so "18:00:00" and "::int" are left alone), and not followed by a colon.
_PARAM = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")


@lru_cache(maxsize=2048)
def psycopg_sql(sql: str) -> str:
    """``sql`` with ``:name`` parameters as ``%(name)s`` and a literal ``%`` doubled."""
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


class PgRows:
    """Rows of plain SQL as ``actor`` on a psycopg connection (``legday.store.plain.Writes``
    inside :func:`writing`)."""

    def __init__(self, conn: Any, actor: Actor) -> None:
        self._conn = conn
        self._actor = actor

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def dialect(self) -> str:
        return "postgresql"

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        with self._conn.cursor() as cur:
            cur.execute(psycopg_sql(sql), dict(params))
            return list(cur.fetchall()) if cur.description is not None else []

    def execute(self, sql: str, params: Mapping[str, Any]) -> None:
        with self._conn.cursor() as cur:
            cur.execute(psycopg_sql(sql), dict(params))

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(psycopg_sql(sql), [dict(r) for r in rows])

    def insert_id(self, sql: str, params: Mapping[str, Any]) -> int:
        with self._conn.cursor() as cur:
            cur.execute(psycopg_sql(sql), dict(params))
            found = cur.fetchone()
        assert found is not None  # an INSERT … RETURNING id of one row
        return int(found[0])


@contextmanager
def reading(conn: Any, actor: Actor) -> Iterator[PgRows]:
    """One read-only unit of work (the driver's implicit BEGIN), rolled back at the end."""
    try:
        yield PgRows(conn, actor)
    finally:
        conn.rollback()


@contextmanager
def writing(conn: Any, actor: Actor) -> Iterator[PgRows]:
    """One unit of work that writes: committed at the end, rolled back on any error."""
    try:
        yield PgRows(conn, actor)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
