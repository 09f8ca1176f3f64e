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
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.db import Database
from legday.domain.errors import InvalidInput, NotFound, StorageError
from legday.domain.records import SessionRecord, SetRecord
from legday.domain.units import Unit
from legday.interop import detect
from legday.interop.common import ParsedFile, session_identity, set_identity, shorten
from legday.store.models import (
    Assessment,
    Athlete,
    ExerciseMapping,
    SetEntry,
    TrainingSession,
)

# stage ("read", "parse", "matching", "write", "aggregates"), done, total (None while unknown)
Progress = Callable[[str, int, int | None], None]

INSERT_CHUNK = 20_000  # rows per executemany: bounded memory, frequent progress updates
IN_CHUNK = 900  # values per IN (…) list: under SQLite's old 999-variable limit
BODY_MASS_RANGE_KG = (20.0, 350.0)  # the range athletes.py accepts
KEY_LIMIT = 400  # characters set_entry.dedupe_key holds (store/models.py)


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
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"no file {str(p)!r}", "check the path") from None
    except IsADirectoryError:
        raise InvalidInput(f"{str(p)!r} is a folder", "give the export file itself") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {str(p)!r}: {exc.strerror}", "check permissions") from None


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


def parse_file(path: str | Path, fmt: str | None = None, unit: str | None = None) -> ParsedFile:
    """Parse without touching any database (the bench and the demo use this too)."""
    data = read_file(path)
    chosen = detect.check_format(fmt) if fmt else None
    with _bulk_allocation():
        return detect.parse(data, str(path), chosen, detect.unit_option(unit))


def import_file(
    db: Database,
    path: str | Path,
    athlete: str | None = None,
    fmt: str | None = None,
    unit: str | None = None,
    dry_run: bool = False,
    on_progress: Progress | None = None,
) -> ImportSummary:
    """Import ``path`` for ``athlete``; with ``dry_run`` report what would happen, write nothing."""
    report = on_progress or _quiet
    report("read", 0, None)
    data = read_file(path)
    chosen = detect.check_format(fmt) if fmt else None
    wanted_unit = detect.unit_option(unit)
    report("parse", 0, None)
    with _bulk_allocation():
        parsed = detect.parse(
            data, str(path), chosen, wanted_unit, lambda done, total: report("parse", done, total)
        )
        return import_parsed(db, parsed, athlete, dry_run, report, wanted_unit)


def import_parsed(
    db: Database,
    parsed: ParsedFile,
    athlete: str | None = None,
    dry_run: bool = False,
    on_progress: Progress | None = None,
    unit: Unit | None = None,
) -> ImportSummary:
    report = on_progress or _quiet
    try:
        with _bulk_allocation():
            if dry_run:
                with db.read() as s:
                    return _run(s, parsed, athlete, unit, report, write=False)
            with db.write() as s:
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
    athlete: str | None,
    unit: Unit | None,
    report: Progress,
    write: bool,
) -> ImportSummary:
    a = _athlete(s, athlete, parsed, unit, create=write)
    athlete_id = a.id if a is not None else None
    warnings = list(parsed.warnings)
    report("matching", 0, None)
    names = _resolve_names(s, athlete_id, parsed.sessions)
    plan = _plan(s, athlete_id, parsed.sessions)
    added_sets, warmups = plan.added, plan.warmups
    if write and a is not None:
        written = _write(s, a.id, plan, names, report, added_sets)
        _write_assessments(s, a.id, parsed.assessments)
        if parsed.body_mass_kg is not None:
            warnings.append(_body_mass(a, parsed))
        from legday.app import aggregates

        report("aggregates", 0, None)
        # New sessions from the rows in memory; days of sessions that grew, from the database.
        aggregates.refresh_bulk(s, a.id, written.sessions, written.rows, SET_COLUMNS)
        aggregates.refresh(s, a.id, written.grown_days)
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


def _athlete(
    s: Session, name: str | None, parsed: ParsedFile, unit: Unit | None, create: bool
) -> Athlete | None:
    """The named (or only) athlete. Without ``--athlete``, a legday export's own athlete is
    used when present. In an empty database, the name (given or carried by a legday export)
    creates the athlete; anywhere else a wrong name is an error."""
    if name is None and parsed.athlete is not None:
        try:
            return athletes.find(s, parsed.athlete)
        except (NotFound, InvalidInput):
            pass  # not here under that name: the only athlete, or a new one
    try:
        return athletes.find(s, name)
    except NotFound:
        wanted = name or parsed.athlete
        if wanted is None or s.scalar(select(func.count()).select_from(Athlete)):
            raise
    clean = " ".join(wanted.split())
    if not clean or len(clean) > 200:
        raise InvalidInput("an athlete needs a name of 1–200 characters")
    if not create:
        return None  # a dry run into an empty database: everything would be new
    shown = parsed.athlete_unit or unit or "kg"
    a = Athlete(name=clean, level="beginner", unit=shown, limitations=[], profile={})
    s.add(a)
    s.flush()
    return a


def _resolve_names(
    s: Session, athlete_id: int | None, sessions: list[SessionRecord]
) -> dict[str, str | None]:
    """Raw name → catalog id: the athlete's own mapping first, then the catalog matcher.
    Names a file already resolved (legday exports carry exercise_id) keep their id."""
    from legday.domain.catalog.matching import match_name, normalize_name

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
    out: dict[str, str | None] = {}
    for raw, preset in given.items():
        if preset:
            out[raw] = preset
            continue
        mapped = remembered.get(normalize_name(raw))
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
    if stored <= 4 * len(wanted):
        return {k for k in s.scalars(base) if k is not None}
    found: set[str] = set()
    for chunk in _chunks(wanted, IN_CHUNK):
        found.update(k for k in s.scalars(base.where(SetEntry.dedupe_key.in_(chunk))) if k)
    return found


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
    ids: list[int] = []
    table = cast(Table, TrainingSession.__table__)
    for chunk in _chunks(session_rows, INSERT_CHUNK):
        result = s.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), chunk)
        ids.extend(row[0] for row in result)
    targets: list[tuple[int, int, SessionRecord, list[SetRecord]]] = [
        (sid, 0, sess, sets) for sid, (sess, sets) in zip(ids, plan.sessions_new, strict=True)
    ]
    if plan.sessions_more:
        last = _last_seq(s, [sid for sid, _, _ in plan.sessions_more])
        targets += [(sid, last.get(sid, 0), sess, sets) for sid, sess, sets in plan.sessions_more]
    rows = _set_rows(athlete_id, targets, names)
    sql = _insert_sql(s)
    conn = s.connection()
    for done in range(0, len(rows), INSERT_CHUNK):
        conn.exec_driver_sql(sql, rows[done : done + INSERT_CHUNK])
        report("write", min(done + INSERT_CHUNK, len(rows)), total)
    return _Written(
        sessions=[
            (sid, sess.started_at, sess.duration_s, sess.session_rpe)
            for sid, (sess, _) in zip(ids, plan.sessions_new, strict=True)
        ],
        rows=rows,
        grown_days={sess.started_at.date() for _, sess, _ in plan.sessions_more},
    )


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


def _insert_sql(s: Session) -> str:
    """A plain INSERT for the driver's executemany: SQLAlchemy's per-row parameter processing
    costs more than SQLite's own insert (bench/bench_import.py), and these values need none."""
    style = s.get_bind().dialect.paramstyle
    mark = "?" if style == "qmark" else "%s"
    cols = ", ".join(SET_COLUMNS)
    return f"INSERT INTO set_entry ({cols}) VALUES ({', '.join([mark] * len(SET_COLUMNS))})"


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
