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

    def __init__(self, conn: Any, actor: Actor, pipeline: Any = None) -> None:
        self._conn = conn
        self._actor = actor
        self._pipeline = pipeline

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def dialect(self) -> str:
        return "postgresql"

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        with self._conn.cursor() as cur:
            cur.execute(psycopg_sql(sql), dict(params))
            if self._pipeline is not None:  # the answer is needed now: send what is queued
                self._pipeline.sync()
            return list(cur.fetchall()) if cur.description is not None else []

    def execute(self, sql: str, params: Mapping[str, Any]) -> None:
        """Run a statement whose rows nobody reads; inside a write unit it is queued and sent
        with the next statement whose answer is read, or with the commit."""
        with self._conn.cursor() as cur:
            cur.execute(psycopg_sql(sql), dict(params))

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(psycopg_sql(sql), [dict(r) for r in rows])

    def execute_rows(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)

    def insert_id(self, sql: str, params: Mapping[str, Any]) -> int:
        with self._conn.cursor() as cur:
            cur.execute(psycopg_sql(sql), dict(params))
            if self._pipeline is not None:
                self._pipeline.sync()
            found = cur.fetchone()
        assert found is not None  # an INSERT … RETURNING id of one row
        return int(found[0])


@contextmanager
def reading(conn: Any, actor: Actor) -> Iterator[PgRows]:
    """One read-only unit of work. Its statements run in autocommit: under READ COMMITTED,
    PostgreSQL's default and legday's, each statement of a transaction sees its own snapshot
    anyway, so a BEGIN and a ROLLBACK would only add two round trips (a bearer token's check is
    then one). A connection found inside a transaction keeps the old way: rolled back at the end."""
    from psycopg.pq import TransactionStatus

    if conn.autocommit or conn.info.transaction_status != TransactionStatus.IDLE:
        try:
            yield PgRows(conn, actor)
        finally:
            conn.rollback()
        return
    conn.autocommit = True
    try:
        yield PgRows(conn, actor)
    finally:
        if not conn.broken:  # a broken one is not pooled again (engine: checkout)
            conn.autocommit = False


@contextmanager
def writing(conn: Any, actor: Actor) -> Iterator[PgRows]:
    """One unit of work that writes: committed at the end, rolled back on any error.

    It runs in psycopg's pipeline mode: BEGIN goes out with the first statement, a statement
    whose rows nobody reads (``execute``) goes out with the next one that is read, and the last
    of them with COMMIT, so a logged set costs three round trips instead of thirteen
    (docs/server.md#cost-of-a-set). An error in any statement fails the unit at the next
    exchange, and nothing of it is committed."""
    try:
        with conn.pipeline() as pipeline:
            yield PgRows(conn, actor, pipeline)
            conn.commit()
    except BaseException:
        conn.rollback()
        raise
