"""The bulk writes of an import, in one place: sessions by the driver's executemany, set rows
by the fastest way each database offers (SQLite: one-value columns as literals, or staging files
filled from Arrow columns by a C loader and moved with INSERT … SELECT, in
legday.store.import_staging; PostgreSQL: COPY, in legday.store.import_copy), the look-ups an
import's dedupe needs (the planner statistics after a large write: legday.store.import_stats).

Every function runs on the import's own session, inside its one transaction; the caller has
checked the access rule (legday.store.tenancy.require) for the athlete the rows belong to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from legday.domain.access import Scope
from legday.store import import_stats
from legday.store.import_staging import Part
from legday.store.import_stats import Indexes, StatRow
from legday.store.models import Assessment, SetEntry, TrainingSession
from legday.store.plain_import import IMPORT_LOCK as IMPORT_LOCK
from legday.store.plain_import import IN_CHUNK as IN_CHUNK
from legday.store.plain_import import INSERT_CHUNK as INSERT_CHUNK
from legday.store.plain_import import KEY_LIMIT as KEY_LIMIT
from legday.store.plain_import import SET_COLUMNS as SET_COLUMNS
from legday.store.plain_import import insert_plan
from legday.store.sql_literals import sql_literal
from legday.store.tenancy import require

__all__ = ["Part", "sql_literal"]

if TYPE_CHECKING:
    import polars as pl

POSTGRES_COPY = True  # PostgreSQL: sets by COPY (tests compare both ways)
LITERAL_CONSTANTS = True  # SQLite: one-value columns as literals (tests compare both ways)
DRIVER_SESSIONS = True  # SQLite: sessions by the driver's executemany (tests compare both ways)


def stored_sessions(
    s: Session, athlete_id: int, sources: set[str]
) -> list[tuple[int, str, str | None, datetime]]:
    """(id, source, source key, start) of the athlete's sessions from these sources."""
    rows = s.execute(
        select(
            TrainingSession.id,
            TrainingSession.source,
            TrainingSession.source_key,
            TrainingSession.started_at,
        ).where(TrainingSession.athlete_id == athlete_id, TrainingSession.source.in_(sources))
    )
    return [(sid, src, key, start) for sid, src, key, start in rows]


def keyless_sets(s: Session, athlete_id: int) -> list[tuple[str, datetime, str, int, int]]:
    """(session source, session start, name, occurrence, position) of the athlete's sets that
    carry no dedupe key (entered in legday)."""
    rows = s.execute(
        select(
            TrainingSession.source,
            TrainingSession.started_at,
            SetEntry.exercise_raw,
            SetEntry.exercise_occurrence,
            SetEntry.position,
        )
        .join(TrainingSession, TrainingSession.id == SetEntry.session_id)
        .where(SetEntry.athlete_id == athlete_id, SetEntry.dedupe_key.is_(None))
    )
    return [(src, start, raw, occ, pos) for src, start, raw, occ, pos in rows]


def set_count(s: Session, athlete_id: int) -> int:
    """How many sets the athlete has stored."""
    return int(s.scalar(select(func.count()).where(SetEntry.athlete_id == athlete_id)) or 0)


def key_list(s: Session, athlete_id: int, scope: Scope) -> list[str] | None:
    """The dedupe keys stored on the athlete's sets as a list, read as plain rows (a million
    keys through the ORM took ~2 s, bench/bench_import.py's re-import); None when the athlete has
    no set at all. SQL on the connection: the access rule is checked here for ``scope`` (what
    the ORM would filter by in this unit: LOG_FOR_ATHLETE when writing, else VIEW_TRAINING)."""
    require(s, scope, [athlete_id])
    if set_count(s, athlete_id) == 0:
        return None
    table = cast(Table, SetEntry.__table__)
    rows = s.connection().execute(
        select(table.c.dedupe_key).where(
            table.c.athlete_id == athlete_id, table.c.dedupe_key.is_not(None)
        )
    )
    return [k for (k,) in rows if k]


def stored_keys(s: Session, athlete_id: int, among: list[str] | None = None) -> set[str]:
    """The dedupe keys stored on the athlete's sets; with ``among``, only those of them (looked
    up by the index, a chunk at a time: cheaper than reading a long history's every key)."""
    base = select(SetEntry.dedupe_key).where(
        SetEntry.athlete_id == athlete_id, SetEntry.dedupe_key.is_not(None)
    )
    if among is None:
        return {k for k in s.scalars(base) if k}
    found: set[str] = set()
    for chunk in chunks(among, IN_CHUNK):
        found.update(k for k in s.scalars(base.where(SetEntry.dedupe_key.in_(chunk))) if k)
    return found


def assessment_keys(s: Session, athlete_id: int) -> set[tuple[str, date, float | None]]:
    """(test, day, value) of the athlete's stored assessments."""
    rows = s.execute(
        select(Assessment.test_id, Assessment.taken_on, Assessment.value).where(
            Assessment.athlete_id == athlete_id
        )
    )
    return {(t, d, v) for t, d, v in rows}


def one_import_at_a_time(s: Session) -> None:
    """On PostgreSQL, imports take turns (SQLite's write lock already does this): the second of
    two imports of one file then sees the first one's sets and adds nothing, instead of failing
    on the unique keys — or creating the same new athlete twice."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text(f"SELECT pg_advisory_xact_lock({IMPORT_LOCK})"))


def _memo(proc: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """A column's bind processor, run once per distinct value (an import's sessions repeat a
    few names, sources and empty warning lists; JSON encoding each again cost ~1 s at 50,000)."""
    if proc is None:
        return None
    seen: dict[Any, Any] = {}

    def run(v: Any) -> Any:
        key = (type(v), tuple(v)) if isinstance(v, list) else (type(v), v)
        try:
            return seen[key]
        except KeyError:
            out = seen[key] = proc(v)
            return out
        except TypeError:  # unhashable inside: converted each time
            return proc(v)

    return run


def _converted(values: list[Any], proc: Callable[[Any], Any]) -> list[Any]:
    """``values`` through a column's bind processor: once per distinct value when they repeat
    (:func:`_memo`), straight through when nearly every one differs (a session start: the memo's
    look-up cost more than the conversion it saved, ~0.1 s at 50,000 sessions)."""
    kinds = set(map(type, values))
    if list in kinds or len(kinds - {type(None)}) > 1:
        memo = _memo(proc)
        assert memo is not None
        return [memo(v) for v in values]
    distinct = dict.fromkeys(values)  # one type (and None): equal keys are the same value
    if 2 * len(distinct) > len(values):
        return list(map(proc, values))
    table = {v: proc(v) for v in distinct}
    return [table[v] for v in values]


def chunks(items: list[Any], n: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def insert_sessions(s: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert the new sessions; their ids in the order given."""
    table = cast(Table, TrainingSession.__table__)
    conn = s.connection()
    if not rows:
        return []
    if conn.dialect.name != "sqlite" or not DRIVER_SESSIONS:
        ids: list[int] = []
        for chunk in chunks(rows, INSERT_CHUNK):
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids.extend(row[0] for row in s.execute(stmt, chunk))
        return ids
    ids, data, cols = _sqlite_session_values(s, rows)
    marks = ", ".join("?" * (len(cols) + 1))
    sql = f"INSERT INTO training_session (id, {', '.join(cols)}) VALUES ({marks})"
    for chunk in chunks([(i, *r) for i, r in zip(ids, data, strict=True)], INSERT_CHUNK):
        conn.exec_driver_sql(sql, chunk)
    return ids


def _sqlite_session_values(
    s: Session, rows: list[dict[str, Any]]
) -> tuple[list[int], list[tuple[Any, ...]], list[str]]:
    """SQLite: ids for new sessions and their values as the driver takes them, as rows."""
    ids, columns, cols = _sqlite_session_columns(s, rows)
    return ids, list(zip(*columns, strict=True)), cols


def _sqlite_session_columns(
    s: Session, rows: list[dict[str, Any]]
) -> tuple[list[int], list[list[Any]], list[str]]:
    """SQLite: ids for new sessions and their values as the driver takes them, a list per
    column (converted by the columns' own SQLAlchemy types, so stored exactly as an ORM insert
    stores them; column by column: 30 % less time than row by row at 50,000 sessions).

    The ids are handed out here: the import holds the write lock (BEGIN IMMEDIATE), so no other
    writer can take them; a statement per session through SQLAlchemy took 1.5 s at 50,000
    sessions, the driver's executemany 0.3 s."""
    table = cast(Table, TrainingSession.__table__)
    conn = s.connection()
    dialect = conn.dialect
    cols = list(rows[0])
    # After the highest id ever handed out, not only the highest stored: the table keeps ids of
    # deleted sessions from coming back (AUTOINCREMENT's high-water mark in sqlite_sequence).
    first = 1 + int(
        conn.exec_driver_sql(
            "SELECT MAX(COALESCE((SELECT MAX(id) FROM training_session), 0), COALESCE((SELECT "
            "seq FROM sqlite_sequence WHERE name = 'training_session'), 0))"
        ).scalar_one()
    )
    columns: list[list[Any]] = []
    for c in cols:
        values = list(map(itemgetter(c), rows))
        impl = table.c[c].type.dialect_impl(dialect)
        proc = impl.bind_processor(dialect)
        fast = _iso_datetimes(values, impl)
        columns.append(
            fast if fast is not None else values if proc is None else _converted(values, proc)
        )
    return list(range(first, first + len(rows))), columns, cols


def _iso_datetimes(values: list[Any], impl: Any) -> list[Any] | None:
    """Naive datetimes as SQLite's DATETIME type stores them, by ``datetime.isoformat`` (in C:
    60 ms less at 50,000 sessions than the type's own %-formatting, which writes the same text:
    four-digit year, space, microseconds; tests/store/test_imports_sessions.py compares them);
    None when the column is not such a column or holds anything else."""
    from sqlalchemy.dialects.sqlite import DATETIME

    if not isinstance(impl, DATETIME) or impl._storage_format != DATETIME._storage_format:
        return None
    if any(type(v) is not datetime or v.tzinfo is not None for v in values if v is not None):
        return None
    return [None if v is None else v.isoformat(" ", "microseconds") for v in values]


def sessions_as_part(s: Session, rows: list[dict[str, Any]]) -> tuple[list[int], list[Part]]:
    """New sessions for :func:`insert_frames`: their ids in the order given, and on SQLite the
    rows as a part to go in with the sets (one Arrow load instead of a driver call per session:
    0.5-0.9 s at 50,000 sessions, bench/bench_import.py). PostgreSQL inserts them here."""
    if not rows or s.get_bind().dialect.name != "sqlite" or not DRIVER_SESSIONS:
        return insert_sessions(s, rows), []
    import polars as pl

    ids, columns, cols = _sqlite_session_columns(s, rows)
    varying: dict[str, pl.Series] = {"id": pl.Series("id", ids, dtype=pl.Int64)}
    constants: dict[str, Any] = {}
    for c, values in zip(cols, columns, strict=True):
        one = values[0]
        if (
            sql_literal(one) is not None
            and values.count(one) == len(values)
            and set(map(type, values)) == {type(one)}
        ):
            constants[c] = one
            continue
        varying[c] = pl.Series(c, values, dtype=_dtype_of(c, values), strict=True)
    return ids, [("training_session", pl.DataFrame(varying), constants)]


def _dtype_of(column: str, values: list[Any]) -> Any:
    """The Arrow type that stores ``values`` (as the driver binds them) the same way."""
    import polars as pl

    kinds = {type(v) for v in values if v is not None}
    if kinds <= {str}:
        return pl.String
    if kinds <= {int}:
        return pl.Int64
    if kinds <= {int, float}:
        return pl.Float64
    raise ValueError(f"{column}: values of {sorted(k.__name__ for k in kinds)} not staged")


def _insert_plan(
    s: Session, rows: list[tuple[Any, ...]]
) -> tuple[str, Callable[[tuple[Any, ...]], tuple[Any, ...]] | None]:
    """The INSERT for ``rows`` and what of each row it takes (None: all of it): on SQLite with
    one-value columns as literals (legday.store.plain_import.insert_plan; identical rows either
    way, tests/app/test_import_bulk.py)."""
    if not rows or not LITERAL_CONSTANTS or s.get_bind().dialect.paramstyle != "qmark":
        return _insert_sql(s), None
    return insert_plan(rows, literals=True)


def _insert_sql(s: Session) -> str:
    """A plain INSERT for the driver's executemany: SQLAlchemy's per-row parameter processing
    costs more than SQLite's own insert (bench/bench_import.py), and these values need none."""
    style = s.get_bind().dialect.paramstyle
    mark = "?" if style == "qmark" else "%s"
    cols = ", ".join(SET_COLUMNS)
    return f"INSERT INTO set_entry ({cols}) VALUES ({', '.join([mark] * len(SET_COLUMNS))})"


def last_seq(s: Session, session_ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for chunk in chunks(session_ids, IN_CHUNK):
        rows = s.execute(
            select(SetEntry.session_id, func.max(SetEntry.seq))
            .where(SetEntry.session_id.in_(chunk))
            .group_by(SetEntry.session_id)
        )
        out.update({sid: int(m or 0) for sid, m in rows})
    return out


def insert_set_rows(
    s: Session, rows: list[tuple[Any, ...]], done_upto: Callable[[int], None]
) -> None:
    """Set rows (tuples laid out as SET_COLUMNS): COPY on PostgreSQL, else the driver's
    executemany with one-value columns written as literals."""
    conn = s.connection()
    if conn.dialect.name == "postgresql" and POSTGRES_COPY:
        from legday.store.import_copy import copy_rows

        copy_rows(conn, "set_entry", SET_COLUMNS, rows, INSERT_CHUNK, done_upto)
        return
    sql, pick = _insert_plan(s, rows)
    for done in range(0, len(rows), INSERT_CHUNK):
        chunk = rows[done : done + INSERT_CHUNK]
        conn.exec_driver_sql(sql, chunk if pick is None else list(map(pick, chunk)))
        done_upto(min(done + INSERT_CHUNK, len(rows)))


# Tables an import fills from columns, and the columns each may take.
FRAME_TABLES = import_stats.IMPORT_TABLES


def insert_frames(
    s: Session,
    parts: list[Part],
    tail: Callable[[], list[Part]] | None = None,
    stats_for: Indexes | None = None,
) -> dict[str, list[StatRow]]:
    """Rows as columns into their tables, in the order given: for each part, ``frame`` holds the
    columns that vary and ``constants`` the columns with one value in every row (whole numbers,
    text or None). Dates are ISO text (as SQLAlchemy's Date stores them on SQLite). ``tail``:
    more parts, computed once the first rows are on their way (on SQLite, on the staging
    thread while the first sets are moved; it must not touch the database), stored last.

    SQLite: through staging files (legday.store.import_staging); for the tables of
    ``stats_for`` (legday.store.import_stats.countable) the planner statistics of their rows are
    computed on the staging thread and returned, for import_stats.analyze. PostgreSQL: COPY of
    the columns as CSV text (legday.store.import_copy); no statistics are returned."""
    parts = _checked(parts)
    later = None if tail is None else (lambda: _checked(tail()))
    if not parts and later is None:
        return {}
    conn = s.connection()
    if conn.dialect.name == "postgresql":
        from legday.store.import_copy import copy_frame

        for table, frame, constants in [*parts, *(later() if later is not None else [])]:
            copy_frame(conn, table, frame, constants)
        return {}
    from legday.store.import_staging import stage_and_move

    indexes = stats_for or {}
    stats = stage_and_move(
        conn,
        parts,
        later,
        (lambda done: import_stats.stat_rows(indexes, done)) if indexes else None,
    )
    return stats or {}


def _checked(parts: list[Part]) -> list[Part]:
    """``parts`` checked against their tables' columns, the empty ones left out."""
    for table, frame, constants in parts:
        allowed = {c.name for c in _table(table).columns}
        unknown = [c for c in (*frame.columns, *constants) if c not in allowed]
        if unknown or set(frame.columns) & set(constants):
            raise ValueError(f"not {table} columns, or given twice: {unknown}")
        if any(sql_literal(v) is None for v in constants.values()):
            raise ValueError("constants must be whole numbers, text or None")
    return [p for p in parts if p[1].height]


def _table(name: str) -> Table:
    if name not in FRAME_TABLES:
        raise ValueError(f"{name} is not filled from columns")
    return SetEntry.metadata.tables[name]
