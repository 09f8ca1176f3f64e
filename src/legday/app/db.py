"""The database handle the shells hold: one engine, one writer at a time on SQLite.

``write(actor)`` is one transaction (BEGIN IMMEDIATE on SQLite) that commits on success and rolls
back on any error, so nothing is ever half-written. On SQLite, writers queue on a lock (threads)
and a lock file (a server's worker processes) instead of on SQLite's busy handler:
docs/evidence/engineering.md#sqlite-writers measured p99 939 ms with a connection per thread vs
28 ms. PostgreSQL has row locks, so writers run side by
side there. Every unit of work runs as an :class:`Actor`; the store filters what it may see
(legday.store.tenancy)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session

from legday.app.db_errors import (
    RESTORE_HINT,
    describe,
    describe_damage,
    hint,
    safe,
    translate_errors,
)
from legday.app.sqlite_writers import Writers, shared_writers
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound, StorageError
from legday.domain.terms import slot
from legday.store.engine import (
    check_driver,
    default_url,
    make_engine,
    sqlite_path,
)
from legday.store.plain import Rows, Writes


@dataclass
class Database:
    url: str
    engine: Engine
    _writers: Writers | None = None
    _local: Actor | None = None
    # A streaming replica for read-only units of work (docs/architecture.md#replica); None: the
    # primary serves reads too.
    read_engine: Engine | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self, actor: Actor) -> Iterator[Session]:
        """One write transaction as ``actor`` (the CLI passes ``local_actor()``); commit on
        success, roll back on any exception."""
        who = actor
        lock = self._writer_lock()
        with (
            lock,
            translate_errors(self.url),
            _name_damage(self),
            Session(self.engine, info=_unit_info(who)) as s,
            s.begin(),
        ):
            yield s

    @contextmanager
    def read(self, actor: Actor, *, primary: bool = False) -> Iterator[Session]:
        """A read-only unit of work as ``actor`` (a plain BEGIN on SQLite, so readers never
        block writers). With a replica configured it reads there, unless ``primary``: a page
        shown right after its user wrote must read the primary, which a replica may trail."""
        who = actor
        engine = self.engine if primary or self.read_engine is None else self.read_engine
        with translate_errors(self.url), _name_damage(self), engine.connect() as conn:
            # Set before the first statement: the "begin" hook reads it to choose plain BEGIN.
            conn.info["legday_readonly"] = True
            try:
                with Session(bind=conn, info=_unit_info(who)) as s:
                    yield s
                    s.rollback()
            finally:
                conn.info.pop("legday_readonly", None)

    @contextmanager
    def rows(self, actor: Actor, *, primary: bool = False) -> Iterator[Rows]:
        """A read-only unit of work for plain SQL (``legday.store.plain``) as ``actor``: the
        same statements ``legday.app.reading.LiteDatabase`` runs on the standard driver, run on
        the pooled driver connection itself (no ORM session). With a replica configured it
        reads there, unless ``primary`` (as ``read``)."""
        engine = self.engine if primary or self.read_engine is None else self.read_engine
        with self._driver_unit(engine, actor, write=False) as u:
            yield u

    @contextmanager
    def writes(self, actor: Actor) -> Iterator[Writes]:
        """One write transaction (as ``write``) for plain SQL (``legday.store.plain_log``): the
        same statements ``legday.app.reading.LiteDatabase.writes`` runs on the standard driver,
        run on the pooled driver connection (behind the process's write lock on SQLite): an ORM
        session and SQLAlchemy's statement handling were about half the CPU of a request that
        logs one set (docs/server.md#cost-of-a-set)."""
        lock = self._writer_lock()
        with lock, self._driver_unit(self.engine, actor, write=True) as u:
            yield u

    @contextmanager
    def _driver_unit(self, engine: Engine, actor: Actor, *, write: bool) -> Iterator[Writes]:
        """A plain unit of work on a connection from the engine's pool (set up by its connect
        hooks; on SQLite: WAL, synchronous, busy timeout, foreign keys, no implicit BEGIN —
        ``lite.writing`` says BEGIN IMMEDIATE). The driver's errors are raised as SQLAlchemy
        wraps them, so they are translated as on every other path; a connection that broke is
        not returned to the pool."""
        from legday.store import lite, pg_rows

        sqlite = engine.dialect.name == "sqlite"
        driver = lite if sqlite else pg_rows
        with translate_errors(self.url), _name_damage(self):
            raw = engine.raw_connection()
            try:
                conn = raw.driver_connection
                assert conn is not None  # a checked-out connection holds its driver's
                unit = driver.writing if write else driver.reading
                try:
                    with unit(conn, actor) as u:
                        yield u
                except engine.dialect.loaded_dbapi.Error as exc:
                    wrapped = DBAPIError.instance(
                        None, None, exc, engine.dialect.loaded_dbapi.Error
                    )
                    if engine.dialect.is_disconnect(exc, conn, None):
                        raw.invalidate(exc)
                    raise wrapped from exc
            finally:
                raw.close()

    def __post_init__(self) -> None:
        if self.dialect == "sqlite":
            # The lock file only for a server's several workers (sqlite_writers explains why).
            shared = sqlite_path(self.url) if shared_writers() else None
            self._writers = Writers(shared)

    def _writer_lock(self) -> AbstractContextManager[object]:
        """SQLite's writers of this database queue here, one at a time (PostgreSQL: no lock)."""
        return self._writers if self._writers is not None else nullcontext()

    def local_actor(self) -> Actor:
        """The CLI's local user, who owns the athletes a person keeps in their own file (created
        by migration 0003; made again if someone removed it)."""
        if self._local is None:
            self._local = _local_actor(self)
        return self._local

    def open_pool(self) -> int:
        """Open the connections a PostgreSQL pool keeps, as a server starts (how many were
        opened). Otherwise the first requests after a start each wait while a new connection,
        a PostgreSQL process, is made: p99 of the first second of 200 sets/s was 300-600 ms
        (bench/bench_server.py's cold row). SQLite's connections are cheap: none opened."""
        from sqlalchemy.pool import QueuePool

        pool = self.engine.pool
        if self.dialect != "postgresql" or not isinstance(pool, QueuePool):
            return 0
        with translate_errors(self.url):
            opened = [self.engine.connect() for _ in range(pool.size())]
            for conn in opened:
                conn.close()  # back to the pool, open
        return len(opened)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not None:
            self.read_engine.dispose()


def open_server_pool(url: str | None, read_url: str | None = None) -> int:
    """A starting server's PostgreSQL pool, opened (Database.open_pool); on SQLite nothing is
    opened or made until the first request, as before."""
    if not (url or default_url()).startswith("postgresql"):
        return 0
    return open_database(url, read_url=read_url).open_pool()


def _unit_info(actor: Actor) -> dict[str, object]:
    from legday.store.tenancy import ACTOR_KEY

    return {ACTOR_KEY: actor}


def _local_actor(db: Database) -> Actor:
    from sqlalchemy import insert, select

    from legday.store.models import User

    query = select(User.id).where(User.kind == "local")
    with translate_errors(db.url):
        with db.engine.connect() as conn:
            conn.info["legday_readonly"] = True  # a plain BEGIN: never wait for a writer
            try:
                found = conn.scalar(query)
            finally:
                conn.info.pop("legday_readonly", None)
        if found is None:
            with db.engine.begin() as conn:
                conn.execute(insert(User).values(display_name="local user", kind="local"))
                found = conn.scalar(query)
    if found is None:  # pragma: no cover - the insert above just made it
        raise StorageError("the local user could not be created", RESTORE_HINT)
    return Actor(user_id=found)


@contextmanager
def _name_damage(db: Database) -> Iterator[None]:
    """A value the code cannot handle while reading rows is either a bug or a row no legday
    wrote (edited by another tool): look, and name the row if it is the latter."""
    try:
        yield
    except (ValueError, TypeError, KeyError, OverflowError):
        found = damage(db)
        if found is None:
            raise
        raise StorageError(found, RESTORE_HINT) from None


def damage(db: Database) -> str | None:
    """One line naming what is wrong with the database, or None when it looks whole."""
    from legday.store import check

    try:
        with db.engine.connect() as conn:
            whole = check.integrity(conn)
            if whole != "ok":
                return f"the database at {safe(db.url)} is damaged ({whole})"
            rows = check.impossible_values(conn, limit=1)
    except DBAPIError as exc:
        return describe_damage(exc, db.url)
    if rows:
        return f"the database at {safe(db.url)} holds a value no legday wrote ({rows[0]})"
    return None


def damage_in_open_databases() -> str | None:
    """For the entry point: after an unexpected error, is an open database to blame?"""
    for db in list(_open.values()):
        found = damage(db)
        if found is not None:
            return f"{found} ({RESTORE_HINT})"
    return None


_open: dict[str, Database] = {}
_opening = threading.Lock()  # a server's threads may open the same URL at once


def opened(url: str | None = None, read_url: str | None = None) -> Database | None:
    """The handle ``open_database(url, read_url=read_url)`` already opened in this process, if
    any (a dictionary lookup: no I/O)."""
    url = url or default_url()
    return _open.get(url if read_url is None else f"{url} | {read_url}")


def open_database(
    url: str | None = None,
    *,
    migrate_new: bool = True,
    must_exist: bool = False,
    read_url: str | None = None,
) -> Database:
    """Open (once per process) and check the schema version.

    A new, empty database is migrated to head. An older SQLite file is upgraded in place (it is a
    single user's file); an older server database needs ``legday db upgrade`` by its admin. A
    database written by a newer legday is refused rather than misread. With ``must_exist`` a
    SQLite file that is not there is refused (NotFound) instead of created: a mistyped path
    must not leave an empty database behind and answer "no athlete yet". The handle is kept
    for the process: a server checks the schema once, not on every request. ``read_url`` names a
    PostgreSQL streaming replica of ``url`` that serves read-only units of work; it must already
    hold the primary's schema version.
    """
    url = url or default_url()
    key = url if read_url is None else f"{url} | {read_url}"
    held = _open.get(key)
    if held is not None:
        return held
    check_driver(url)
    path = _sqlite_file(url) if must_exist else None
    if path is not None and not path.exists():
        raise NotFound(
            f"there is no legday database at {path}",
            "check the database path or the data folder; the first athlete added or file "
            "imported creates the database",
        )
    with _opening:
        held = _open.get(key)
        if held is not None:
            return held
        engine = make_engine(url)
        db = Database(url=url, engine=engine)
        with translate_errors(url):
            if not _at_head(engine, url) and not (migrate_new and _from_snapshot(engine)):
                _check_and_upgrade(engine, url, migrate_new)
        if read_url is not None:
            db.read_engine = _replica(url, read_url)
        _open[key] = db
        return db


def _replica(url: str, read_url: str) -> Engine:
    """The replica's engine, after checking it is a PostgreSQL database at the same schema."""
    check_driver(read_url)
    if not read_url.startswith("postgresql") or not url.startswith("postgresql"):
        raise InvalidInput(
            "a read replica needs PostgreSQL for both databases",
            "give a PostgreSQL streaming replica of a PostgreSQL primary, or no read database",
        )
    engine = make_engine(read_url)
    with translate_errors(read_url):
        if not _at_head(engine, read_url):
            engine.dispose()
            raise StorageError(
                f"the read database at {safe(read_url)} is not at this legday's schema",
                "check it replicates the primary and has caught up, then start again",
            )
    return engine


def _at_head(engine: Engine, url: str) -> bool:
    """The everyday case, without Alembic: the database records the scripts' head revision."""
    from legday.store import revisions

    try:
        with engine.connect() as conn:
            conn.info["legday_readonly"] = True  # a plain BEGIN: never wait for a writer
            try:
                current = revisions.stored(conn)
            finally:
                conn.info.pop("legday_readonly", None)  # the pooled connection writes later
        return current is not None and current == revisions.head()
    except revisions.UnreadableScripts:
        return False  # let Alembic read the scripts and the database
    except DBAPIError as exc:
        raise StorageError(describe(exc, url), hint(url, exc)) from None


def _from_snapshot(engine: Engine) -> bool:
    """A new SQLite database made from the schema snapshot, without Alembic (false when the
    database is not SQLite or not empty: then the migrations decide)."""
    if engine.dialect.name != "sqlite":
        return False
    from legday.store import schema_snapshot

    return schema_snapshot.create(engine)


def _check_and_upgrade(engine: Engine, url: str, migrate_new: bool) -> None:
    from legday.store import migrate

    try:
        current = migrate.current_revision(engine)
    except DBAPIError as exc:
        raise StorageError(describe(exc, url), hint(url, exc)) from None
    head = migrate.head_revision()
    if current is None:
        try:
            if migrate_new:
                migrate.upgrade_locked(engine)  # several first users: one migrates
            elif migrate.has_user_tables(engine):
                raise migrate.ForeignTables
        except migrate.ForeignTables:
            raise StorageError(
                f"{safe(url)} holds tables but is not a legday database",
                f"point {slot('database')} at an empty database or a legday one",
            ) from None
    elif current not in migrate.known_revisions():
        raise StorageError(
            f"the database at {safe(url)} was written by a newer legday "
            f"(schema {current}; this legday knows up to {head})",
            "upgrade legday (pip install -U legday) before using this database",
        )
    elif current != head:
        if sqlite_path(url) is not None or url.startswith("sqlite"):
            migrate.upgrade_locked(engine)
        else:
            raise StorageError(
                f"the database at {safe(url)} is at schema {current}, legday needs {head}",
                "run `legday db upgrade` once",
            )


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and for a URL that does not parse
    (make_engine says what is wrong with it)."""
    try:
        return sqlite_path(url)
    except ArgumentError:
        return None


def forget_open_databases() -> None:
    """Close every cached handle (tests and the demo open many databases in one process)."""
    for db in _open.values():
        db.dispose()
    _open.clear()
