"""A read-only unit of work on the standard sqlite3 driver, for the everyday commands that only
read (`legday next`, `legday records`, the athlete lookup): importing SQLAlchemy took more than
half of their start-up (bench/bench_cli.py), and on a SQLite file at the current schema they need
none of it. The statements they run are ``legday.store.plain``'s, the same ones the ORM path runs,
each carrying the access rule (``legday.store.access_rule``).

The connection is set up as the engine's (legday.store.engine): busy timeout, synchronous,
foreign keys, no implicit transactions; the file is opened read-write but never created (a
mistyped path must not leave an empty database behind), and each reading unit is one plain
BEGIN … ROLLBACK. `legday log` writes through here too (``writing``: BEGIN IMMEDIATE … COMMIT)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from legday.domain.access import Actor
from legday.store.location import busy_timeout_ms, sqlite_synchronous

# The URLs legday's engine reads as a SQLite file (legday.store.engine); anything else (a query
# string, memory, another database) goes the SQLAlchemy way.
_FILE_URL = re.compile(r"^sqlite(?:\+pysqlite)?:///(?P<path>[^?#]+)$")


def file_of(url: str) -> Path | None:
    """The SQLite file a database URL names, when it is a plain file URL; else None."""
    m = _FILE_URL.match(url)
    if m is None or m.group("path") == ":memory:":
        return None
    return Path(m.group("path"))


def connect(path: Path) -> sqlite3.Connection:
    """An existing SQLite file, opened as the engine opens it (raises sqlite3.Error)."""
    return _opened(path, "rw", ())


def create(path: Path) -> sqlite3.Connection:
    """The SQLite file at ``path``, made when it is not there (its folder too), opened as the
    engine opens a file: in WAL mode, which the file then keeps (raises OSError or
    sqlite3.Error). The caller fills an empty one (``schema_snapshot.create_file``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return _opened(path, "rwc", ("journal_mode=WAL",))


def _opened(path: Path, mode: str, first: tuple[str, ...]) -> sqlite3.Connection:
    """``path`` opened in URI ``mode`` with the engine's settings, after the pragmas ``first``."""
    conn = sqlite3.connect(
        f"file:{quote(str(path))}?mode={mode}",
        uri=True,
        timeout=busy_timeout_ms() / 1000,
        isolation_level=None,
        check_same_thread=True,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
        for pragma in (*first, f"synchronous={sqlite_synchronous()}", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def stored_revision(conn: sqlite3.Connection) -> str | None:
    """The schema revision the file records (None: no version table, or several rows)."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone():
        return None
    rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def local_user(conn: sqlite3.Connection) -> int | None:
    """The CLI's local user (migration 0003 creates it)."""
    row = conn.execute("SELECT id FROM app_user WHERE kind = 'local'").fetchone()
    return None if row is None else int(row[0])


def sqlite_param(v: Any) -> Any:
    """A parameter as SQLAlchemy's SQLite types store it: a DateTime with microseconds, a Date
    as ISO text (so comparisons with stored values hold)."""
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    return v


class LiteRows:
    """Rows of plain SQL as ``actor`` (``legday.store.plain.Rows``; ``Writes`` inside
    :func:`writing`)."""

    def __init__(self, conn: sqlite3.Connection, actor: Actor) -> None:
        self._conn = conn
        self._actor = actor

    @property
    def actor(self) -> Actor:
        return self._actor

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, _values(params)).fetchall()

    @property
    def dialect(self) -> str:
        return "sqlite"

    def execute(self, sql: str, params: Mapping[str, Any]) -> None:
        self._conn.execute(sql, _values(params))

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        self._conn.executemany(sql, [_values(r) for r in rows])

    def execute_rows(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def insert_id(self, sql: str, params: Mapping[str, Any]) -> int:
        return int(self._conn.execute(sql, _values(params)).fetchone()[0])


def _values(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: sqlite_param(v) for k, v in params.items()}


@contextmanager
def reading(conn: sqlite3.Connection, actor: Actor) -> Iterator[LiteRows]:
    """One read-only unit of work: a plain BEGIN (readers never block writers), rolled back."""
    conn.execute("BEGIN")
    try:
        yield LiteRows(conn, actor)
    finally:
        conn.execute("ROLLBACK")


@contextmanager
def writing(conn: sqlite3.Connection, actor: Actor) -> Iterator[LiteRows]:
    """One unit of work that writes: BEGIN IMMEDIATE takes SQLite's one write lock first (a
    reader that upgrades later could meet another writer and fail), committed at the end,
    rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield LiteRows(conn, actor)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
