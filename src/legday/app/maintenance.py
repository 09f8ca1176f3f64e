"""Database upkeep use-cases: upgrade, status, backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from legday.app.db import _safe, open_database
from legday.domain.errors import InvalidInput, StorageError
from legday.store import migrate, upkeep
from legday.store.engine import default_url, make_engine, sqlite_path


def upgrade(url: str | None) -> dict[str, Any]:
    url = url or default_url()
    engine = make_engine(url)
    try:
        current = migrate.current_revision(engine)
        if current is not None and current not in migrate.known_revisions():
            raise StorageError(
                f"the database at {_safe(url)} was written by a newer legday (schema {current})",
                "upgrade legday before using this database",
            )
        migrate.upgrade(engine)
        return {"url": _safe(url), "from": current, "revision": migrate.current_revision(engine)}
    finally:
        engine.dispose()


def status(url: str | None) -> dict[str, Any]:
    db = open_database(url)
    # The local user's view: a server database's rows belong to accounts (counted there).
    with db.read(db.local_actor()) as s:
        counts = upkeep.row_counts(s)
    path = sqlite_path(db.url)
    return {
        "url": _safe(db.url),
        "backend": db.dialect,
        "file": str(path) if path else None,
        "revision": migrate.current_revision(db.engine),
        **counts,
    }


def check(url: str | None) -> dict[str, Any]:
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
    return {
        "url": _safe(url),
        "revision": revision,
        "newer_schema": newer,
        "integrity": integrity,
        "problems": problems,
        "ok": integrity == "ok" and not problems and not newer,
    }


def backup(url: str | None, out: Path) -> dict[str, Any]:
    """SQLite's online backup API: consistent even while another process writes."""
    db = open_database(url)
    src_path = sqlite_path(db.url)
    if src_path is None:
        raise InvalidInput(
            "`legday db backup` copies SQLite files", "for PostgreSQL use pg_dump on the server"
        )
    import os
    import secrets

    from legday.interop.files import new_output

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            f"cannot create the folder {str(out.parent)!r}: {exc.strerror}",
            "give a backup path in a folder you may write to",
        ) from None
    new_output(out, "the backup file")
    # Into a temporary file beside the target, renamed when whole: a failed backup leaves nothing.
    tmp = out.with_name(f".{out.name[:100]}.{secrets.token_hex(4)}.partial")
    try:
        integrity = upkeep.copy_sqlite(src_path, tmp)
        new_output(out, "the backup file")  # still new: never replace what appeared meanwhile
        os.replace(tmp, out)
    except (OSError, sqlite3.Error) as exc:
        raise InvalidInput(
            f"cannot write the backup {str(out)!r}: {exc}",
            "give a backup path in a folder you may write to",
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    return {"backup": str(out), "integrity": integrity}
