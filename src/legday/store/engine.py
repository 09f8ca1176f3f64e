"""Engines for SQLite and PostgreSQL, with the settings measured in
docs/evidence/engineering.md#sqlite-durability."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from legday.domain.errors import StorageError
from legday.store.location import (  # re-exported: where the database is, how long to wait
    BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS,
)
from legday.store.location import DEFAULT_FILE as DEFAULT_FILE
from legday.store.location import busy_timeout_ms as busy_timeout_ms
from legday.store.location import data_home as data_home
from legday.store.location import default_read_url as default_read_url
from legday.store.location import default_url as default_url
from legday.store.location import sqlite_synchronous

# The drivers legday ships and tests (psycopg 3 for PostgreSQL; plain postgresql means it).
SUPPORTED_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql", "postgresql+psycopg")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL; None for in-memory or other databases."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _prepare_sqlite_file(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"cannot create the data folder {path.parent}: {exc.strerror}",
            "set LEGDAY_HOME to a writable folder or pass --db sqlite:///path/to/file.db",
        ) from None
    probe_dir = path.parent
    if not os.access(probe_dir, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise StorageError(
            f"the database {path} is not writable",
            "set LEGDAY_HOME to a writable folder or pass --db sqlite:///path/to/file.db",
        )


def check_driver(url: str) -> None:
    """Refuse a driver legday does not ship, naming the ones it does (a URL that does not parse
    is make_engine's to report)."""
    try:
        driver = make_url(url).drivername
    except ArgumentError:
        return
    if driver not in SUPPORTED_DRIVERS:
        raise StorageError(
            f"unsupported database driver {driver!r}",
            "legday runs on " + " or ".join(f"{d}://…" for d in SUPPORTED_DRIVERS),
        )


# Connections each process keeps open (pool size) and may open beyond it at peaks (overflow).
# SQLAlchemy's defaults (5 + 10) fit the CLI; a server sizes them to its worker threads so that
# workers × processes stays under the PostgreSQL server's max_connections (README, PostgreSQL).
POOL_ENV = {"pool_size": "LEGDAY_DB_POOL_SIZE", "max_overflow": "LEGDAY_DB_MAX_OVERFLOW"}
POOL_LIMITS = {"pool_size": (1, 1000), "max_overflow": (0, 1000)}


def pool_settings() -> dict[str, int]:
    """``pool_size`` / ``max_overflow`` from LEGDAY_DB_POOL_SIZE / LEGDAY_DB_MAX_OVERFLOW."""
    out: dict[str, int] = {}
    for key, var in POOL_ENV.items():
        text = os.environ.get(var, "").strip()
        if not text:
            continue
        low, high = POOL_LIMITS[key]
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise StorageError(
                f"{var}={text!r} is not a connection count",
                f"a whole number from {low} to {high}",
            )
        out[key] = value
    return out


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, synchronous=FULL, foreign keys, BEGIN IMMEDIATE."""
    try:
        u = make_url(url)
    except ArgumentError:
        raise StorageError(
            f"{url!r} is not a database URL",
            "expected sqlite:///path/file.db or postgresql+psycopg://user@host:port/dbname",
        ) from None
    backend = u.get_backend_name()
    check_driver(url)
    kwargs: dict[str, Any] = {}
    if backend == "postgresql" and u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")  # the driver we ship (psycopg 3)
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            _prepare_sqlite_file(path)
        kwargs["connect_args"] = {"timeout": busy_timeout_ms() / 1000}
    if not (backend == "sqlite" and sqlite_path(url) is None):  # in-memory keeps its own pool
        kwargs.update(pool_settings())
    try:
        engine = create_engine(u, **kwargs)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StorageError(f"cannot use database URL {url!r}: {exc}") from None
    if backend == "sqlite":
        _configure_sqlite(engine)
    elif backend == "postgresql":
        from legday.store.models import postgresql_options

        postgresql_options()
        _drop_dead_connections(engine)
    return engine


def _has_input(fd: int) -> bool:
    """Whether the socket has something to read (or hung up), without waiting."""
    import select

    if hasattr(select, "poll"):  # no 1,024-descriptor limit, unlike select()
        p = select.poll()
        p.register(fd, select.POLLIN | select.POLLPRI)
        return bool(p.poll(0))
    readable, _, _ = select.select([fd], [], [], 0)  # Windows: sockets only, which this is
    return bool(readable)


def _drop_dead_connections(engine: Engine) -> None:
    """At checkout, a pooled connection the server has closed (a restart, an admin's
    pg_terminate_backend, an idle timeout) is replaced by a new one before anyone uses it.

    Instead of SQLAlchemy's pool_pre_ping, which asks the server with a round trip on every
    checkout (two per logged set), this looks at the socket: an idle connection in good health
    has nothing to read, while a closed one has its end of file or the server's last message
    waiting. A connection with anything unread is let go (at worst a healthy one is reopened).
    The pool retries the checkout with a fresh connection when this raises DisconnectionError."""
    from sqlalchemy.exc import DisconnectionError

    @event.listens_for(engine, "checkout")
    def _alive(dbapi_con: Any, _record: Any, _proxy: Any) -> None:
        if dbapi_con.closed or dbapi_con.broken:
            raise DisconnectionError("the connection was closed")
        try:
            readable = _has_input(dbapi_con.fileno())
        except (OSError, ValueError) as exc:
            raise DisconnectionError("the connection's socket is gone") from exc
        if readable:
            raise DisconnectionError("the server closed the connection or spoke unasked")


def _configure_sqlite(engine: Engine) -> None:
    synchronous = sqlite_synchronous()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: Any, _record: Any) -> None:
        dbapi_con.isolation_level = None  # stop pysqlite's implicit BEGIN; we issue our own
        for pragma in (
            "journal_mode=WAL",
            f"synchronous={synchronous}",
            f"busy_timeout={busy_timeout_ms()}",
            "foreign_keys=ON",
        ):
            dbapi_con.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Deferred BEGIN + read-then-write lost 1,500 of 2,000 transactions to "database is
        # locked" in docs/evidence/engineering.md#sqlite-durability; IMMEDIATE takes the write lock
        # up front.
        if conn.info.get("legday_readonly"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
