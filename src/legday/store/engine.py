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

DEFAULT_FILE = "legday.db"


def data_home() -> Path:
    """LEGDAY_HOME, else the platform's user data folder (platformdirs)."""
    env = os.environ.get("LEGDAY_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("legday", appauthor=False)


def default_url() -> str:
    env = os.environ.get("LEGDAY_DATABASE_URL")
    if env:
        return env
    return f"sqlite:///{data_home() / DEFAULT_FILE}"


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
    if backend not in ("sqlite", "postgresql"):
        raise StorageError(
            f"unsupported database {backend!r} in --db", "legday runs on sqlite or postgresql"
        )
    kwargs: dict[str, Any] = {}
    if backend == "postgresql" and u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")  # the driver we ship (psycopg 3)
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            _prepare_sqlite_file(path)
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(u, **kwargs)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StorageError(f"cannot use database URL {url!r}: {exc}") from None
    if backend == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    synchronous = os.environ.get("LEGDAY_SQLITE_SYNCHRONOUS", "FULL").upper()
    if synchronous not in ("FULL", "NORMAL"):
        synchronous = "FULL"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: Any, _record: Any) -> None:
        dbapi_con.isolation_level = None  # stop pysqlite's implicit BEGIN; we issue our own
        for pragma in (
            "journal_mode=WAL",
            f"synchronous={synchronous}",  # training logs are irreplaceable: FULL by default
            "busy_timeout=5000",
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
