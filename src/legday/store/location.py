"""Where the database is and how long a SQLite writer waits: settings read from the environment,
without SQLAlchemy (the plain sqlite3 reads of legday.store.lite need them too)."""

from __future__ import annotations

import os
from pathlib import Path

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


def default_read_url() -> str | None:
    """LEGDAY_READ_DATABASE_URL: a streaming replica for read-only work (a server's option)."""
    return os.environ.get("LEGDAY_READ_DATABASE_URL") or None


# How long a SQLite writer waits for another one (BEGIN IMMEDIATE) before giving up. The longest
# write is a large import: 200,000 sets take well under a minute here (bench/bench_import.py),
# so ten minutes lets a `log` wait out any import instead of failing after a few seconds.
BUSY_TIMEOUT_MS = 600_000


def busy_timeout_ms() -> int:
    """BUSY_TIMEOUT_MS, or LEGDAY_SQLITE_BUSY_TIMEOUT_MS when set to a whole number."""
    text = os.environ.get("LEGDAY_SQLITE_BUSY_TIMEOUT_MS", "")
    return int(text) if text.isdigit() else BUSY_TIMEOUT_MS


def sqlite_synchronous() -> str:
    """SQLite's ``synchronous`` for writers: FULL (training logs are irreplaceable), or NORMAL
    when LEGDAY_SQLITE_SYNCHRONOUS says so."""
    chosen = os.environ.get("LEGDAY_SQLITE_SYNCHRONOUS", "FULL").upper()
    return chosen if chosen in ("FULL", "NORMAL") else "FULL"
