"""Database upkeep use-cases: upgrade, status, check, backup (results in
app/maintenance_results.py)."""

from __future__ import annotations

import sqlite3

from legday.app.db import open_database
from legday.app.db_errors import safe
from legday.app.maintenance_results import DatabaseCheck, DatabaseCopy, DatabaseStatus, Upgrade
from legday.domain.errors import InvalidInput, StorageError
from legday.store import migrate, upkeep
from legday.store.engine import default_url, make_engine, sqlite_path


def upgrade(url: str | None) -> Upgrade:
    url = url or default_url()
    engine = make_engine(url)
    try:
        current = migrate.current_revision(engine)
        if current is not None and current not in migrate.known_revisions():
            raise StorageError(
                f"the database at {safe(url)} was written by a newer legday (schema {current})",
                "upgrade legday before using this database",
            )
        migrate.upgrade(engine)
        return Upgrade(safe(url), current, migrate.current_revision(engine))
    finally:
        engine.dispose()


def status(url: str | None) -> DatabaseStatus:
    db = open_database(url)
    # The local user's view: a server database's rows belong to accounts (counted there).
    with db.read(db.local_actor()) as s:
        counts = upkeep.row_counts(s)
    path = sqlite_path(db.url)
    return DatabaseStatus(
        url=safe(db.url),
        backend=db.dialect,
        file=str(path) if path else None,
        revision=migrate.current_revision(db.engine),
        athletes=counts["athletes"],
        sessions=counts["sessions"],
        sets=counts["sets"],
        assessments=counts["assessments"],
        plans=counts["plans"],
    )


def check(url: str | None) -> DatabaseCheck:
    """Integrity (SQLite's own check) and values no legday wrote, without migrating anything:
    a damaged file must be looked at, not changed."""
    from sqlalchemy.exc import DBAPIError

    from legday.store import check as store_check

    url = url or default_url()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            revision = migrate.current_revision(engine)
            integrity = store_check.integrity(conn)
            problems = store_check.impossible_values(conn) if integrity == "ok" else []
    except DBAPIError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        revision, integrity, problems = None, detail, []
    finally:
        engine.dispose()
    newer = revision is not None and revision not in migrate.known_revisions()
    return DatabaseCheck(safe(url), revision, newer, integrity, problems)


def backup(url: str | None) -> DatabaseCopy:
    """A consistent copy of a SQLite database, made with SQLite's online backup API (whole even
    while another process writes), as bytes: the shell writes the file (or a server sends it), so
    the use-case never writes a path of its own. The copy is held in memory, which suits a
    personal database (megabytes); PostgreSQL is backed up by its own tools."""
    db = open_database(url)
    src_path = sqlite_path(db.url)
    if src_path is None:
        raise InvalidInput(
            f"{safe(db.url)} is a {db.dialect} database; a backup copies a SQLite file",
            "for PostgreSQL use pg_dump on the server",
        )
    try:
        data, integrity = upkeep.sqlite_bytes(src_path)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            f"cannot copy the database at {safe(db.url)}: {exc}",
            "check that the file is readable and whole (the database check looks for damage)",
        ) from None
    return DatabaseCopy(data, integrity)
