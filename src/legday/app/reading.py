"""Units of work that run plain SQL (``legday.store.plain``): on a plain SQLite file at
the current schema through the standard sqlite3 driver, without importing SQLAlchemy (more than
half of what `legday next` and `legday records` cost to start, bench/bench_cli.py); anywhere else
through the ``Database`` and its SQLAlchemy session (``Database.rows``). Both run the same
statements, each with the access rule in it, so what an actor sees is the same either way.
`legday log` writes the same way (``writes``: ``legday.app.session_log``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from legday.domain.access import Actor
from legday.domain.errors import StorageError
from legday.store import lite
from legday.store.plain import Rows, Writes


class RowSource(Protocol):
    """What a reading use-case takes: a ``Database`` or a ``LiteDatabase``."""

    def rows(self, actor: Actor, *, primary: bool = False) -> AbstractContextManager[Rows]: ...


class WriteSource(RowSource, Protocol):
    """What a use-case that writes with plain SQL takes (`legday log`): a ``Database`` or a
    ``LiteDatabase``."""

    def writes(self, actor: Actor) -> AbstractContextManager[Writes]: ...


@dataclass
class LiteDatabase:
    url: str
    path: Path
    _local: Actor | None = None

    def local_actor(self) -> Actor:
        if self._local is None:
            raise RuntimeError("open_lite found the local user")  # pragma: no cover
        return self._local

    @contextmanager
    def rows(self, actor: Actor, *, primary: bool = False) -> Iterator[Rows]:
        """One read-only unit of work as ``actor`` (one file: ``primary`` changes nothing)."""
        try:
            conn = lite.connect(self.path)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot use the database at {self.url}: {exc}") from None
        try:
            with lite.reading(conn, actor) as u:
                yield u
        except sqlite3.OperationalError as exc:
            raise StorageError(
                f"cannot read the database at {self.url}: {exc}",
                "run the command again when the other one has finished",
            ) from None
        except sqlite3.DatabaseError as exc:  # a malformed page, not a database at all
            from legday.app.db_errors import RESTORE_HINT

            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
            raise StorageError(
                f"the database at {self.url} is damaged ({detail})", RESTORE_HINT
            ) from None
        except (ValueError, TypeError, KeyError, OverflowError):
            _name_damage(self.url)
            raise
        finally:
            conn.close()

    @contextmanager
    def writes(self, actor: Actor) -> Iterator[Writes]:
        """One write transaction as ``actor`` (BEGIN IMMEDIATE … COMMIT; any error rolls back)."""
        try:
            conn = lite.connect(self.path)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot use the database at {self.url}: {exc}") from None
        try:
            with lite.writing(conn, actor) as u:
                yield u
        except sqlite3.IntegrityError as exc:
            from legday.app.db_errors import conflict_of

            raise conflict_of(str(exc)) from None
        except sqlite3.OperationalError as exc:
            from legday.app.db_errors import busy, describe_detail

            if busy(str(exc)):  # worded as the full database's path words it
                raise StorageError(
                    describe_detail(str(exc), self.url),
                    "nothing was stored; run the command again when the other one has finished",
                ) from None
            raise StorageError(
                f"cannot write to the database at {self.url}: {exc}",
                "nothing was stored; run the command again when the other one has finished",
            ) from None
        except sqlite3.DatabaseError as exc:
            from legday.app.db_errors import RESTORE_HINT

            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else "unreadable"
            raise StorageError(
                f"the database at {self.url} is damaged ({detail})", RESTORE_HINT
            ) from None
        finally:
            conn.close()


def _created(path: Path) -> bool:
    """Whether the file at ``path`` exists, made from the schema snapshot when it was missing
    or empty; False when that could not be done (the full ``Database`` then explains why or
    migrates instead)."""
    from legday.store import schema_snapshot

    try:
        if path.is_file() and path.stat().st_size > 0:
            return True
        conn = lite.create(path)
    except (OSError, sqlite3.Error):
        return False
    try:
        schema_snapshot.create_file(conn)
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return True


def _name_damage(url: str) -> None:
    """A value the code cannot handle while reading rows: a bug, or a row no legday wrote — the
    full database handle looks, and names the row if it is the latter (legday.app.db)."""
    from legday.app.db import damage, open_database
    from legday.app.db_errors import RESTORE_HINT

    found = damage(open_database(url))
    if found is not None:
        raise StorageError(found, RESTORE_HINT) from None


def open_lite(url: str | None, *, create: bool = False) -> LiteDatabase | None:
    """A ``LiteDatabase`` when ``url`` (None: the default) names an existing SQLite file at this
    legday's schema with its local user; else None, and the caller opens the full ``Database``
    (which creates, upgrades, refuses or explains). With ``create`` (a command that starts a
    history: an import) a file that is not there, or is empty, is made from the schema
    snapshot on the standard driver, as the full ``Database`` would make it."""
    from legday.store.location import default_url
    from legday.store.revisions import UnreadableScripts, head

    chosen = url or default_url()
    path = lite.file_of(chosen)
    if path is None:
        return None
    if create and not _created(path):
        return None
    if not path.is_file():
        return None
    try:
        conn = lite.connect(path)
    except sqlite3.Error:
        return None
    try:
        if lite.stored_revision(conn) != head():
            return None
        user = lite.local_user(conn)
    except (sqlite3.Error, UnreadableScripts):
        return None
    finally:
        conn.close()
    if user is None:
        return None
    return LiteDatabase(chosen, path, Actor(user_id=user))
