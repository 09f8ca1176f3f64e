"""Import a training history file for an athlete: parse (interop), name the exercises (the
athlete's remembered mappings, then the catalog matcher), drop what is already stored (a dedupe
key per set, a source key per session), write everything in ONE transaction, and bring the daily
analytics tables up to date for the days touched. A bad file changes nothing."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from itertools import repeat
from operator import eq, itemgetter
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.db import Database
from legday.domain.access import Actor, Scope
from legday.domain.errors import InvalidInput, NotFound, StorageError
from legday.domain.records import SessionRecord, SetRecord
from legday.domain.units import Unit
from legday.interop import detect
from legday.interop.common import (
    ParsedFile,
    check_assumed_unit,
    dedupe_key,
    session_identity,
    set_identity,
    shorten,
)
from legday.store.models import (
    Assessment,
    Athlete,
    ExerciseMapping,
    SetEntry,
    TrainingSession,
)
from legday.store.tenancy import actor_of, require

# stage ("read", "parse", "matching", "write", "aggregates"), done, total (None while unknown)
Progress = Callable[[str, int, int | None], None]

INSERT_CHUNK = 20_000  # rows per executemany: bounded memory, frequent progress updates
IN_CHUNK = 900  # values per IN (…) list: under SQLite's old 999-variable limit
BODY_MASS_RANGE_KG = (20.0, 350.0)  # the range athletes.py accepts
KEY_LIMIT = 400  # characters set_entry.dedupe_key holds (store/models.py)
# Sets stored by one import after which the planner's statistics are refreshed (ANALYZE): at a
# million sets without them the planning query took 902 ms instead of 52 ms, and ANALYZE itself
# took 0.46 s there (bench/bench_import.py); a personal history (tens of thousands of sets) is
# planned well without them and skips the 10-40 ms.
ANALYZE_AFTER = 50_000
POSTGRES_COPY = True  # PostgreSQL: sets by COPY (tests compare both ways)
LITERAL_CONSTANTS = True  # SQLite: one-value columns as literals (tests compare both ways)
DRIVER_SESSIONS = True  # SQLite: sessions by the driver's executemany (tests compare both ways)


@dataclass(frozen=True)
class ImportSummary:
    """Exactly the fields of docs/contracts/import.md."""

    format: str
    sessions_added: int
    sets_added: int  # every set row stored, warm-ups included
    sets_skipped_duplicate: int
    warmup_sets: int  # how many of sets_added are warm-ups
    exercises_matched: int  # distinct names resolved to a catalog exercise
    exercises_unknown: list[str] = field(default_factory=list)
    date_first: date | None = None
    date_last: date | None = None
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        doc = asdict(self)
        for k in ("date_first", "date_last"):
            doc[k] = doc[k].isoformat() if doc[k] else None
        return doc


def read_file(path: str | Path) -> bytes:
    """A regular file of bounded size (a FIFO or /dev/zero is refused, never read)."""
    from legday.interop.files import read_input

    return read_input(path)


@contextmanager
def _bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of records are made: every collection
    walks all of them again, which was half the parse time (bench/bench_import.py, 1.7 s → 0.8 s
    for 200,000 sets). They hold no cycles; reference counting still frees them at once."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass(frozen=True)
class NewAthlete:
    """Import into the actor's athlete called ``name``, made (with ``unit``) when they have none
    of that name: what a caller passes for a history that starts a new record. The file never
    chooses the athlete; a caller may use the name a file suggests (``ParsedFile.athlete``)."""

    name: str
    unit: Unit = "kg"


Target = int | NewAthlete  # an athlete id, or a new athlete


def choose_athlete(
    db: Database, actor: Actor, name: str | None, parsed: ParsedFile, unit: Unit | None = None
) -> Target | None:
    """The CLI's choice of athlete for an import (a convenience of shells that take names):
    ``name`` (any case); without it, the athlete a legday export suggests when the actor has one
    of that name; else the actor's only athlete. When the actor has no athlete at all, the name
    given (or suggested by the file) starts a new one. The file suggests; this caller chooses."""
    if name is None and parsed.athlete is not None:
        try:
            return athletes.lookup(db, actor, parsed.athlete)
        except (NotFound, InvalidInput):
            pass  # not here under that name: the only athlete, or a new one
    try:
        return athletes.lookup(db, actor, name)
    except NotFound:
        wanted = name or parsed.athlete
        if wanted is None or athletes.list_all(db, actor):
            raise
    return NewAthlete(wanted, parsed.athlete_unit or unit or "kg")


def parse_file(path: str | Path, fmt: str | None = None, unit: str | None = None) -> ParsedFile:
    """Parse a file without touching any database (the bench and the demo use this too)."""
    return parse_bytes(read_file(path), str(path), fmt, unit, unit_is_right=True)


def parse_bytes(
    data: bytes,
    filename: str,
    fmt: str | None = None,
    unit: str | None = None,
    on_progress: Progress | None = None,
    unit_is_right: bool = False,
) -> ParsedFile:
    """Parse an export (``filename`` names it in messages and helps detect the format). A unit
    the file does not state and its loads contradict is refused unless ``unit_is_right``."""
    report = on_progress or _quiet
    chosen = detect.check_format(fmt) if fmt else None
    report("parse", 0, None)
    with _bulk_allocation():
        parsed = detect.parse(
            data,
            filename,
            chosen,
            detect.unit_option(unit),
            lambda done, total: report("parse", done, total),
        )
    check_assumed_unit(parsed, filename, unit_is_right)
    return parsed


def import_bytes(
    db: Database,
    actor: Actor,
    athlete: Target | None,
    data: bytes,
    filename: str,
    fmt: str | None = None,
    unit: str | None = None,
    dry_run: bool = False,
    on_progress: Progress | None = None,
    unit_is_right: bool = False,
) -> ImportSummary:
    """Import the export ``data`` for ``athlete`` (an id, or a new athlete); with ``dry_run``
    report what would happen and write nothing (``athlete`` None: a dry run for a new one)."""
    parsed = parse_bytes(data, filename, fmt, unit, on_progress, unit_is_right)
    return import_parsed(db, actor, athlete, parsed, dry_run, on_progress, detect.unit_option(unit))


def import_parsed(
    db: Database,
    actor: Actor,
    athlete: Target | None,
    parsed: ParsedFile,
    dry_run: bool = False,
    on_progress: Progress | None = None,
    unit: Unit | None = None,
) -> ImportSummary:
    """Store a parsed file for ``athlete`` in one transaction (see :func:`import_bytes`)."""
    report = on_progress or _quiet
    if athlete is None and not dry_run:
        raise InvalidInput("an import needs the athlete it is for")
    try:
        with _bulk_allocation():
            if dry_run:
                with db.read(actor) as s:
                    return _run(s, parsed, athlete, unit, report, write=False)
            with db.write(actor) as s:
                _one_import_at_a_time(s)
                return _run(s, parsed, athlete, unit, report, write=True)
    except DBAPIError as exc:
        # A value the database refuses (too long, out of range): the transaction rolled back.
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise StorageError(
            f"the database refused a value from the file ({detail}); nothing was imported",
            "report the file to legday's maintainers, with the line if known",
        ) from None


def _quiet(stage: str, done: int, total: int | None) -> None:
    return None


# pg_advisory_xact_lock key shared by every import ("import" in ASCII).
IMPORT_LOCK = 0x696D706F7274


def _one_import_at_a_time(s: Session) -> None:
    """On PostgreSQL, imports take turns (SQLite's write lock already does this): the second of
    two imports of one file then sees the first one's sets and adds nothing, instead of failing
    on the unique keys — or creating the same new athlete twice."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy import text

        s.execute(text(f"SELECT pg_advisory_xact_lock({IMPORT_LOCK})"))


@dataclass
class _Plan:
    sessions_new: list[tuple[SessionRecord, list[SetRecord]]] = field(default_factory=list)
    sessions_more: list[tuple[int, SessionRecord, list[SetRecord]]] = field(default_factory=list)
    skipped: int = 0
    added: int = 0  # sets to store, warm-ups included
    warmups: int = 0


def _run(
    s: Session,
    parsed: ParsedFile,
    athlete: Target | None,
    unit: Unit | None,
    report: Progress,
    write: bool,
) -> ImportSummary:
    a = _athlete(s, athlete, create=write)
    athlete_id = a.id if a is not None else None
    warnings = list(parsed.warnings)
    report("matching", 0, None)
    names = _resolve_names(s, athlete_id, parsed.sessions)
    plan = _plan(s, athlete_id, parsed.sessions)
    added_sets, warmups = plan.added, plan.warmups
    if write and a is not None:
        # The sets and sessions go in on the connection (no ORM flush guard): check the rule.
        require(s, Scope.LOG_FOR_ATHLETE, [a.id])
        written = _write(s, a.id, plan, names, report, added_sets)
        _write_assessments(s, a.id, parsed.assessments)
        if parsed.body_mass_kg is not None:
            warnings.append(_body_mass(a, parsed))
        from legday.app import aggregates

        report("aggregates", 0, None)
        # New sessions from the rows in memory; days of sessions that grew, from the database.
        aggregates.refresh_bulk(s, a.id, written.sessions, written.rows, SET_COLUMNS)
        aggregates.refresh(s, a.id, written.grown_days)
        if len(written.rows) >= ANALYZE_AFTER:
            _analyze(s)
    starts = [x.started_at.date() for x in parsed.sessions]
    matched = sorted(n for n, i in names.items() if i is not None)
    unknown = sorted(n for n, i in names.items() if i is None)
    return ImportSummary(
        format=parsed.format,
        sessions_added=len(plan.sessions_new),
        sets_added=added_sets,
        sets_skipped_duplicate=plan.skipped,
        warmup_sets=warmups,
        exercises_matched=len(matched),
        exercises_unknown=unknown,
        date_first=min(starts) if starts else None,
        date_last=max(starts) if starts else None,
        warnings=warnings,
    )


def _athlete(s: Session, target: Target | None, create: bool) -> Athlete | None:
    """The athlete the caller chose; a new one is made (as the actor's) when the actor has no
    athlete of that name — after the import lock, so two imports starting one history at once
    make one athlete. None: a dry run for an athlete not made yet."""
    if target is None:
        return None
    if isinstance(target, int):
        return athletes.get(s, target)
    clean = " ".join(target.name.split())
    if not clean or len(clean) > 200:
        raise InvalidInput("an athlete needs a name of 1–200 characters")
    owner = actor_of(s).user_id
    found = s.scalar(
        select(Athlete)
        .where(Athlete.owner_id == owner, func.lower(Athlete.name) == clean.lower())
        .order_by(Athlete.id)
    )
    if found is not None or not create:
        return found
    a = Athlete(name=clean, level="beginner", unit=target.unit, limitations=[], profile={})
    s.add(a)
    s.flush()
    return a


def _resolve_names(
    s: Session, athlete_id: int | None, sessions: list[SessionRecord]
) -> dict[str, str | None]:
    """Raw name → catalog id: the athlete's own mapping first, then the catalog matcher.
    Names a file already resolved (legday exports carry exercise_id) keep their id."""
    from legday.domain.catalog.matching import match_name, matcher, normalize_name

    given: dict[str, str | None] = {}
    for sess in sessions:
        for x in sess.sets:
            if x.exercise_raw not in given or (x.exercise_id and not given[x.exercise_raw]):
                given[x.exercise_raw] = x.exercise_id
    remembered: dict[str, str] = {}
    if athlete_id is not None:
        rows = s.execute(
            select(ExerciseMapping.raw_key, ExerciseMapping.exercise_id).where(
                ExerciseMapping.athlete_id == athlete_id
            )
        )
        remembered = {k: v for k, v in rows}
    # The matcher's first step, taken here without its ranking of look-alikes (an import needs
    # the id, not the candidates): an exact name, alias or id wins outright.
    exact = matcher().exact
    out: dict[str, str | None] = {}
    for raw, preset in given.items():
        if preset:
            out[raw] = preset
            continue
        key = normalize_name(raw)
        mapped = remembered.get(key) or exact.get(key)
        out[raw] = mapped if mapped is not None else match_name(raw).id
    return out


def _plan(s: Session, athlete_id: int | None, sessions: list[SessionRecord]) -> _Plan:
    plan = _Plan()
    existing = _existing_sessions(s, athlete_id, {x.source for x in sessions})
    seen_keys = _existing_dedupe_keys(s, athlete_id, sessions)
    fresh: dict[tuple[str, str], tuple[SessionRecord, list[SetRecord]]] = {}
    more: dict[int, tuple[SessionRecord, list[SetRecord]]] = {}
    for sess in sessions:
        key = session_identity(sess.source, sess.source_key, sess.started_at)
        new_sets: list[SetRecord] = []
        for x in sess.sets:
            k = x.dedupe_key
            if not k or len(k) > KEY_LIMIT:
                k = set_identity(sess, x)  # derived or shortened (a rare case)
                x = _with_key(x, k)
            if k in seen_keys:
                plan.skipped += 1
                continue
            seen_keys.add(k)
            new_sets.append(x)
            if x.set_type == "warmup":
                plan.warmups += 1
        plan.added += len(new_sets)
        sid = existing.get(key)
        if sid is not None:
            if new_sets:
                more.setdefault(sid, (sess, []))[1].extend(new_sets)
        elif key in fresh:
            fresh[key][1].extend(new_sets)
        elif new_sets or not sess.sets:
            fresh[key] = (sess, new_sets)
    plan.sessions_new = list(fresh.values())
    plan.sessions_more = [(sid, sess, sets) for sid, (sess, sets) in more.items()]
    return plan


def _with_key(x: SetRecord, key: str) -> SetRecord:
    from dataclasses import replace

    return replace(x, dedupe_key=key)


def _existing_sessions(
    s: Session, athlete_id: int | None, sources: set[str]
) -> dict[tuple[str, str], int]:
    if athlete_id is None or not sources:
        return {}
    rows = s.execute(
        select(
            TrainingSession.id,
            TrainingSession.source,
            TrainingSession.source_key,
            TrainingSession.started_at,
        ).where(TrainingSession.athlete_id == athlete_id, TrainingSession.source.in_(sources))
    )
    return {session_identity(src, key, start): sid for sid, src, key, start in rows}


def _existing_dedupe_keys(
    s: Session, athlete_id: int | None, sessions: list[SessionRecord]
) -> set[str]:
    if athlete_id is None:
        return set()
    stored = s.scalar(select(func.count()).where(SetEntry.athlete_id == athlete_id)) or 0
    if stored == 0:
        return set()
    wanted = [set_identity(sess, x) for sess in sessions for x in sess.sets]
    base = select(SetEntry.dedupe_key).where(
        SetEntry.athlete_id == athlete_id, SetEntry.dedupe_key.is_not(None)
    )
    found = _derived_keys(s, athlete_id)
    if stored <= 4 * len(wanted):
        return found | {k for k in s.scalars(base) if k is not None}
    for chunk in _chunks(wanted, IN_CHUNK):
        found.update(k for k in s.scalars(base.where(SetEntry.dedupe_key.in_(chunk))) if k)
    return found


def _derived_keys(s: Session, athlete_id: int) -> set[str]:
    """Sets entered in legday (`log`, gym mode) carry no dedupe key; their export derives one
    from the session's source and start, so importing the export again finds them here."""
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
    return {
        shorten(dedupe_key(src, start, raw, occ, pos), KEY_LIMIT)
        for src, start, raw, occ, pos in rows
    }


def _chunks(items: list[Any], n: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


@dataclass
class _Written:
    """What the aggregates need from a write: the new sessions (id, start, duration, session
    RPE), every set row inserted (laid out as SET_COLUMNS) and the days of sessions that grew."""

    sessions: list[tuple[int, datetime, int | None, float | None]]
    rows: list[tuple[Any, ...]]
    grown_days: set[date]


def _write(
    s: Session,
    athlete_id: int,
    plan: _Plan,
    names: dict[str, str | None],
    report: Progress,
    total: int,
) -> _Written:
    report("write", 0, total)
    session_rows = [
        {
            "athlete_id": athlete_id,
            "started_at": sess.started_at,
            "timezone": None,
            "duration_s": sess.duration_s,
            "session_rpe": sess.session_rpe,
            "name": sess.name[:300] if sess.name else None,
            "notes": sess.notes,
            "source": sess.source[:20],
            "source_key": None if sess.source_key is None else shorten(sess.source_key, 300),
            "status": "closed",
            "plan_ref": None,
            "warnings": list(sess.warnings),
        }
        for sess, _ in plan.sessions_new
    ]
    ids = _insert_sessions(s, session_rows)
    targets: list[tuple[int, int, SessionRecord, list[SetRecord]]] = [
        (sid, 0, sess, sets) for sid, (sess, sets) in zip(ids, plan.sessions_new, strict=True)
    ]
    if plan.sessions_more:
        last = _last_seq(s, [sid for sid, _, _ in plan.sessions_more])
        targets += [(sid, last.get(sid, 0), sess, sets) for sid, sess, sets in plan.sessions_more]
    rows = _set_rows(athlete_id, targets, names)
    conn = s.connection()
    if conn.dialect.name == "postgresql" and POSTGRES_COPY:
        _copy_sets(conn, rows, report, total)
    else:
        sql, pick = _insert_plan(s, rows)
        for done in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[done : done + INSERT_CHUNK]
            conn.exec_driver_sql(sql, chunk if pick is None else list(map(pick, chunk)))
            report("write", min(done + INSERT_CHUNK, len(rows)), total)
    return _Written(
        sessions=[
            (sid, sess.started_at, sess.duration_s, sess.session_rpe)
            for sid, (sess, _) in zip(ids, plan.sessions_new, strict=True)
        ],
        rows=rows,
        grown_days={sess.started_at.date() for _, sess, _ in plan.sessions_more},
    )


def _insert_sessions(s: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert the new sessions; their ids in the order given."""
    table = cast(Table, TrainingSession.__table__)
    conn = s.connection()
    if not rows:
        return []
    if conn.dialect.name != "sqlite" or not DRIVER_SESSIONS:
        ids: list[int] = []
        for chunk in _chunks(rows, INSERT_CHUNK):
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids.extend(row[0] for row in s.execute(stmt, chunk))
        return ids
    # SQLite: the ids are handed out here and the rows go in by the driver's executemany (a
    # statement per session through SQLAlchemy took 1.5 s at 50,000 sessions, this 0.3 s). The
    # import holds the write lock (BEGIN IMMEDIATE), so no other writer can take these ids.
    # Values are converted by the columns' own SQLAlchemy types: stored exactly as an ORM insert.
    dialect = conn.dialect
    cols = list(rows[0])
    procs = [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in cols]
    first = int(
        conn.exec_driver_sql("SELECT COALESCE(MAX(id), 0) FROM training_session").scalar_one()
    )
    first += 1
    data = [
        (first + i, *(r[c] if p is None else p(r[c]) for c, p in zip(cols, procs, strict=True)))
        for i, r in enumerate(rows)
    ]
    marks = ", ".join("?" * (len(cols) + 1))
    sql = f"INSERT INTO training_session (id, {', '.join(cols)}) VALUES ({marks})"
    for chunk in _chunks(data, INSERT_CHUNK):
        conn.exec_driver_sql(sql, chunk)
    return list(range(first, first + len(rows)))


# set_entry columns written by an import, in the order of the tuples _set_batches builds.
SET_COLUMNS = (
    "session_id", "athlete_id", "seq", "exercise_id", "exercise_raw", "exercise_occurrence",
    "position", "set_type", "load_kg", "load_basis", "reps", "rpe", "rir", "side", "duration_s",
    "distance_m", "contacts", "notes", "source_row", "source_line", "dedupe_key",
)  # fmt: skip


def _set_rows(
    athlete_id: int,
    targets: Iterable[tuple[int, int, SessionRecord, list[SetRecord]]],
    names: dict[str, str | None],
) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    add = rows.append
    for sid, seq0, _, sets in targets:
        for seq, x in enumerate(sets, start=seq0 + 1):
            raw = x.exercise_raw
            add(
                (
                    sid, athlete_id, seq, names.get(raw) or x.exercise_id,
                    raw if len(raw) <= 300 else raw[:300], x.exercise_occurrence, x.position,
                    x.set_type, x.load_kg, x.load_basis, x.reps, x.rpe, x.rir, x.side,
                    x.duration_s, x.distance_m, x.contacts, x.notes, x.source_row, x.source_line,
                    x.dedupe_key,
                )
            )  # fmt: skip
    return rows


def _copy_sets(conn: Any, rows: list[tuple[Any, ...]], report: Progress, total: int) -> None:
    """PostgreSQL: the sets by COPY (psycopg 3) on the import's own connection, so inside its
    transaction: one stream instead of a statement per set."""
    raw = conn.connection.driver_connection
    sql = f"COPY set_entry ({', '.join(SET_COLUMNS)}) FROM STDIN"
    with raw.cursor() as cur, cur.copy(sql) as copy:
        for done in range(0, len(rows), INSERT_CHUNK):
            for row in rows[done : done + INSERT_CHUNK]:
                copy.write_row(row)
            report("write", min(done + INSERT_CHUNK, len(rows)), total)


def _insert_plan(
    s: Session, rows: list[tuple[Any, ...]]
) -> tuple[str, Callable[[tuple[Any, ...]], tuple[Any, ...]] | None]:
    """The INSERT for ``rows`` and what of each row it takes (None: all of it).

    On SQLite a column holding one value in every row (the athlete, often the reps in reserve,
    the side, notes…) is written into the statement once instead of bound once per row: binding
    is most of the driver's cost per set (~10 % less time for the insert, bench/bench_import.py).
    Only NULL, whole numbers and plain text are written so; floats stay parameters, so no value
    is ever re-read from decimal text. Identical rows either way (tests/app/test_import_bulk.py).
    """
    if not rows or not LITERAL_CONSTANTS or s.get_bind().dialect.paramstyle != "qmark":
        return _insert_sql(s), None
    first = rows[0]
    literal: dict[int, str] = {}
    for i, v in enumerate(first):
        text = _sql_literal(v)
        if text is not None and all(map(eq, map(itemgetter(i), rows), repeat(v))):
            literal[i] = text
    keep = [i for i in range(len(SET_COLUMNS)) if i not in literal]
    if not literal or not keep:
        return _insert_sql(s), None
    names = [SET_COLUMNS[i] for i in keep] + [SET_COLUMNS[i] for i in literal]
    values = ["?"] * len(keep) + list(literal.values())
    sql = f"INSERT INTO set_entry ({', '.join(names)}) VALUES ({', '.join(values)})"
    if len(keep) == 1:
        only = keep[0]
        return sql, lambda r: (r[only],)
    return sql, itemgetter(*keep)


def _sql_literal(v: Any) -> str | None:
    """``v`` as SQL text when it can be written exactly so, else None."""
    if v is None:
        return "NULL"
    if type(v) is int:
        return str(v)
    if type(v) is str and "\x00" not in v:
        return "'" + v.replace("'", "''") + "'"
    return None


def _insert_sql(s: Session) -> str:
    """A plain INSERT for the driver's executemany: SQLAlchemy's per-row parameter processing
    costs more than SQLite's own insert (bench/bench_import.py), and these values need none."""
    style = s.get_bind().dialect.paramstyle
    mark = "?" if style == "qmark" else "%s"
    cols = ", ".join(SET_COLUMNS)
    return f"INSERT INTO set_entry ({cols}) VALUES ({', '.join([mark] * len(SET_COLUMNS))})"


def _analyze(s: Session) -> None:
    """Fresh planner statistics for the tables an import fills (inside its transaction: both
    SQLite and PostgreSQL allow it there, and a rollback drops them with the rows)."""
    for table in ("training_session", "set_entry", "daily_aggregate", "daily_load"):
        s.connection().exec_driver_sql(f"ANALYZE {table}")


def _last_seq(s: Session, session_ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for chunk in _chunks(session_ids, IN_CHUNK):
        rows = s.execute(
            select(SetEntry.session_id, func.max(SetEntry.seq))
            .where(SetEntry.session_id.in_(chunk))
            .group_by(SetEntry.session_id)
        )
        out.update({sid: int(m or 0) for sid, m in rows})
    return out


def _write_assessments(s: Session, athlete_id: int, items: list[dict[str, Any]]) -> None:
    """Assessments from a legday export; one already stored (same test, day, value) is kept."""
    if not items:
        return
    stored = {
        (t, d, v)
        for t, d, v in s.execute(
            select(Assessment.test_id, Assessment.taken_on, Assessment.value).where(
                Assessment.athlete_id == athlete_id
            )
        )
    }
    for a in items:
        key = (a["test_id"], a["taken_on"], a["value"])
        if key in stored:
            continue
        stored.add(key)
        s.add(Assessment(athlete_id=athlete_id, **a))
    s.flush()


def _body_mass(a: Athlete, parsed: ParsedFile) -> str:
    kg = parsed.body_mass_kg
    low, high = BODY_MASS_RANGE_KG
    if kg is None or not low <= kg <= high:
        return f"body weight {kg} kg is outside {low:g}–{high:g} kg; not stored"
    a.body_mass_kg = kg
    return f"body mass set to {kg:g} kg (latest body weight, {parsed.body_mass_on})"
