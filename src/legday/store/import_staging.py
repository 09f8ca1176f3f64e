"""SQLite's bulk path for an import: columns written by adbc-driver-sqlite (Arrow → SQLite in C)
into staging files of their own, each closed, then ATTACHed to the import's connection and moved
with one INSERT … SELECT per table inside the import's transaction: no Python call per row, and
never two SQLite libraries on one open file (their POSIX locks do not see each other).

One loader thread writes the files in turn while the import's thread moves the rows of the files
already written: the loader and SQLite's own copy both run without the GIL, so on two cores most
of the staging is hidden behind the copy. The first file is small, so the copy starts early; rows
the caller computes only then (``tail``: the daily tables of the new sets) are computed on the
loader thread while the first sets are moved, and staged last."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import event

from legday.domain.errors import StorageError
from legday.store.sql_literals import sql_literal

if TYPE_CHECKING:
    import polars as pl

STAGE = "legday_stage"  # the schema name a staging file is attached under

# Rows of the first staging file: the copy waits for it alone (~0.1 s at this size), where a
# file of a sixth of a million-set import kept it waiting ~0.6 s; at a million sets it holds the
# 50,000 sessions and as many sets, whose copy lasts as long as the loader takes for the next
# file (with the sessions alone the copy waited ~0.2 s for it; bench/bench_import.py).
FIRST_ROWS = 100_000
# Rows per later file: small enough that the loader stays ahead of the copy, large enough that
# each file's fixed cost is small; at most MAX_BATCHES files are attached at once (SQLite
# attaches at most 10 databases unless built otherwise).
BATCH_ROWS = 200_000
MAX_BATCHES = 6

FOLDER_PREFIX = "legday-import-"
# No import runs this long (a million sets take seconds): a staging folder older than this was
# left by an import that was killed (kill -9, a power cut) before it could delete it.
STALE_AFTER_S = 6 * 3600

Part = tuple[str, "pl.DataFrame", dict[str, Any]]  # table, varying columns, one-value columns
Piece = tuple[str, str, "pl.DataFrame", dict[str, Any]]  # staging table, table, rows, constants
Staged = tuple[Path, list[Piece]] | None
T = TypeVar("T")


def stage_and_move(
    conn: Any,
    parts: list[Part],
    tail: Callable[[], list[Part]] | None = None,
    after: Callable[[list[Part]], T] | None = None,
) -> T | None:
    """``parts`` (then the parts ``tail`` returns) into their tables, in the order given, on the
    import's connection ``conn``. ``tail`` runs on the loader thread: it must not touch the
    database. ``after`` (its result is returned) runs there too once every file is written,
    with all the parts, while the last rows are moved; it must not touch the database either."""
    need = int(sum(frame.estimated_size() for _, frame, _ in parts))
    scratch = _scratch(2 * need)
    sweep_stale(Path(scratch or tempfile.gettempdir()))
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=scratch))
    batches = _batches(parts, MAX_BATCHES - (tail is not None))
    from concurrent.futures import Future, ThreadPoolExecutor

    loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="legday-stage")
    attached = False
    try:
        jobs: list[Future[Staged]] = [
            loader.submit(_stage_batch, folder, folder / f"rows{i}.db", batch)
            for i, batch in enumerate(batches)
        ]
        computed: list[Part] = []  # the tail's parts, once the loader has made them
        if tail is not None:
            jobs.append(
                loader.submit(_stage_tail, folder, folder / f"rows{len(jobs)}.db", tail, computed)
            )
        summary = None if after is None else loader.submit(lambda: after([*parts, *computed]))
        for i, job in enumerate(jobs):
            staged = job.result()
            if staged is None:
                continue
            path, batch = staged
            schema = _attach(conn, path, folder, i)
            attached = True
            for name, table, frame, constants in batch:
                literals = [cast(str, sql_literal(v)) for v in constants.values()]
                cols = ", ".join([*frame.columns, *constants])
                picked = ", ".join([*frame.columns, *literals])
                conn.exec_driver_sql(
                    f"INSERT INTO {table} ({cols}) SELECT {picked} FROM {schema}.{name}"
                )
    except BaseException:
        loader.shutdown(wait=True, cancel_futures=True)
        if not attached:  # else the pool removes the folder with the attached files
            shutil.rmtree(folder, ignore_errors=True)
        raise
    try:
        result = None if summary is None else summary.result()
    finally:
        loader.shutdown(wait=True)
        if not attached:
            shutil.rmtree(folder, ignore_errors=True)
    return result


def _batches(parts: list[Part], files: int = MAX_BATCHES) -> list[list[Piece]]:
    """The parts cut into at most ``files`` staging files, in the order given (a session before
    its sets: the foreign keys are checked as each row goes in): FIRST_ROWS rows in the first,
    the rest in files of about the same number of rows."""
    total = sum(frame.height for _, frame, _ in parts)
    first = min(FIRST_ROWS, total)
    size = max(BATCH_ROWS, -(-(total - first) // max(files - 1, 1)))
    batches: list[list[Piece]] = []
    current: list[Piece] = []
    room = first
    for table, frame, constants in parts:
        offset = 0
        while offset < frame.height:
            take = min(room, frame.height - offset)
            current.append((f"t{len(current)}", table, frame.slice(offset, take), constants))
            offset += take
            room -= take
            if room == 0:
                batches.append(current)
                current, room = [], size
    if current:
        batches.append(current)
    return batches


def _stage_tail(
    folder: Path, path: Path, tail: Callable[[], list[Part]], computed: list[Part]
) -> Staged:
    """The rows ``tail`` computes (also added to ``computed``), in one staging file (None: it
    computed none)."""
    computed.extend(p for p in tail() if p[1].height)
    batch = [(f"t{j}", table, frame, constants) for j, (table, frame, constants)
             in enumerate(computed)]  # fmt: skip
    return _stage_batch(folder, path, batch) if batch else None


def _stage_batch(folder: Path, path: Path, batch: list[Piece]) -> Staged:
    try:
        _write_stage(path, [(name, frame) for name, _, frame, _ in batch])
    except Exception as exc:  # the loader's own errors: a full disk, a folder not writable
        raise StorageError(
            f"could not write the import's staging file in {folder} ({exc}); nothing was imported",
            "free some space in the temporary folder, or point TMPDIR at a larger one",
        ) from None
    return path, batch


def sweep_stale(parent: Path, now: float | None = None) -> None:
    """Delete the staging folders in ``parent`` that killed imports left behind: nothing else
    removes them, and in shared memory they hold the machine's RAM (about 240 MB at a million
    sets). A folder of an import still running is younger than STALE_AFTER_S and is kept."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER_S
    for old in parent.glob(FOLDER_PREFIX + "*"):
        try:
            if old.is_dir() and old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:  # another import swept it first
            continue


def _scratch(need: int) -> str | None:
    """Where a staging file of about ``need`` bytes of columns goes: shared memory when the
    system has it with room to spare (the file is written and read once, then deleted; a
    container's /dev/shm is often only 64 MB), else the temporary folder."""
    shm = "/dev/shm"
    if tempfile.tempdir is not None or not os.path.isdir(shm) or not os.access(shm, os.W_OK):
        return None
    try:
        free = shutil.disk_usage(shm).free
    except OSError:
        return None
    return shm if free > 4 * need + (256 << 20) else None


def _write_stage(path: Path, frames: list[tuple[str, pl.DataFrame]]) -> None:
    """The columns into a new SQLite file by the Arrow loader (its own connection, closed).

    The driver manager's low-level API takes Polars' Arrow stream as it is: its DB-API module
    would import pyarrow.dataset and with it pandas (~0.4 s of a command's start)."""
    import adbc_driver_manager as adbc
    import adbc_driver_sqlite

    database = adbc_driver_sqlite.connect(str(path))
    try:
        conn = adbc.AdbcConnection(database)
        try:
            conn.set_autocommit(True)
            # A scratch file read once and deleted: no journal, no waiting for the disk; pages
            # of 64 KiB, 17 % less of the loader's time than 4 KiB for a million sets (the copy
            # reads either as fast; bench/bench_import.py).
            for sql in ("PRAGMA page_size=65536", "PRAGMA journal_mode=OFF",
                        "PRAGMA synchronous=OFF", "BEGIN"):  # fmt: skip
                _run(conn, sql)
            for table, frame in frames:
                with adbc.AdbcStatement(conn) as stmt:
                    stmt.set_options(
                        **{
                            adbc.INGEST_OPTION_TARGET_TABLE: table,
                            adbc.INGEST_OPTION_MODE: adbc.INGEST_OPTION_MODE_CREATE,
                        }
                    )
                    stmt.bind_stream(frame)  # Polars' Arrow C stream, no copy through pyarrow
                    stmt.execute_update()
            _run(conn, "COMMIT")
        finally:
            conn.close()
    finally:
        database.close()


def _run(conn: Any, sql: str) -> None:
    import adbc_driver_manager as adbc

    with adbc.AdbcStatement(conn) as stmt:
        stmt.set_sql_query(sql)
        stmt.execute_update()


def _attach(conn: Any, path: Path, folder: Path, i: int) -> str:
    """ATTACH ``path`` (the ``i``-th staging file in ``folder``) to the import's connection;
    the schema name it is attached under. SQLite cannot DETACH inside the transaction that read
    it, so the pool detaches the files, and removes the folder, when the connection comes back
    (after the commit or the rollback)."""
    pool = conn.engine.pool
    if not event.contains(pool, "checkin", _detach_on_checkin):
        event.listen(pool, "checkin", _detach_on_checkin)
    raw = conn.connection.driver_connection
    if i == 0 and conn.info.get(STAGE):  # left by an earlier import that never came back
        _detach(raw, conn.info.pop(STAGE))
    schema = f"{STAGE}{i}"
    raw.execute(f"ATTACH DATABASE ? AS {schema}", (str(path),))
    schemas = conn.info.setdefault(STAGE, (str(folder), []))[1]
    schemas.append(schema)
    return schema


def _detach(dbapi_con: Any, staged: tuple[str, list[str]]) -> None:
    folder, schemas = staged
    try:
        for schema in schemas:
            dbapi_con.execute(f"DETACH DATABASE {schema}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _detach_on_checkin(dbapi_con: Any, record: Any) -> None:
    staged = record.info.pop(STAGE, None) if record is not None else None
    if staged is not None:
        _detach(dbapi_con, staged)
