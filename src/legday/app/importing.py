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
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from legday.app import athletes, import_keys
from legday.app.db import Database
from legday.domain.access import Actor, Scope
from legday.domain.errors import FileFormatError, InvalidInput, NotFound, StorageError
from legday.domain.records import SessionRecord, SetRecord
from legday.domain.units import Unit
from legday.interop import detect
from legday.interop.common import (
    ParsedFile,
    check_assumed_unit,
    session_identity,
    set_identity,
)
from legday.store import athletes as stored_athletes
from legday.store import exercises as stored_mappings
from legday.store import imports
from legday.store.models import Assessment, Athlete
from legday.store.tenancy import actor_of, require

# stage ("read", "parse", "matching", "write", "aggregates"), done, total (None while unknown)
Progress = Callable[[str, int, int | None], None]

BODY_MASS_RANGE_KG = (20.0, 350.0)  # the range athletes.py accepts
# Sets stored by one import after which the planner's statistics are refreshed (ANALYZE): at a
# million sets without them the planning query took 902 ms instead of 52 ms, and ANALYZE itself
# took 0.46 s there (bench/bench_import.py); a personal history (tens of thousands of sets) is
# planned well without them and skips the 10-40 ms.
ANALYZE_AFTER = 50_000


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
    columns = _parse_columns(data, filename, chosen, unit)
    if columns is not None:
        check_assumed_unit(columns, filename, unit_is_right)
        return columns
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


# Rows from which a Strong file is read by columns (legday.interop.strong_bulk) and stored
# without a Python call per set: below it, importing Polars and the Arrow loader costs more than
# it saves (bench/bench_personal_import.py, bench/bench_import.py).
COLUMNS_FROM_ROWS = 100_000


def _parse_columns(
    data: bytes, filename: str, chosen: str | None, unit: str | None
) -> ParsedFile | None:
    """A large plain Strong file read by columns; None: the record parsers read it."""
    if chosen not in (None, "strong") or data.count(b"\n") < COLUMNS_FROM_ROWS:
        return None
    try:
        if detect.detect(data, filename) != "strong":
            return None
        text = data.decode("utf-8-sig")
    except (FileFormatError, UnicodeDecodeError):
        return None
    from legday.interop import strong_bulk

    return strong_bulk.parse(text, data, filename, detect.unit_option(unit))


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
                imports.one_import_at_a_time(s)
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
    athlete: Target | None,
    unit: Unit | None,
    report: Progress,
    write: bool,
) -> ImportSummary:
    a = _athlete(s, athlete, create=write)
    athlete_id = a.id if a is not None else None
    warnings = list(parsed.warnings)
    report("matching", 0, None)
    if parsed.bulk is not None:
        return _run_columns(s, parsed, a, report, write, warnings)
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
        aggregates.refresh_bulk(s, a.id, written.sessions, written.rows, imports.SET_COLUMNS)
        aggregates.refresh(s, a.id, written.grown_days)
        if len(written.rows) >= ANALYZE_AFTER:
            imports.analyze(s)
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


def _run_columns(
    s: Session,
    parsed: ParsedFile,
    a: Athlete | None,
    report: Progress,
    write: bool,
    warnings: list[str],
) -> ImportSummary:
    """:func:`_run` for a file read by columns (legday.app.import_bulk)."""
    from legday.app import import_bulk

    athlete_id = a.id if a is not None else None
    given = dict.fromkeys(parsed.bulk.frame["exercise_raw"].unique(maintain_order=True))
    names = _resolve(s, athlete_id, given)
    if write and a is not None:
        # The sets and sessions go in on the connection (no ORM flush guard): check the rule.
        require(s, Scope.LOG_FOR_ATHLETE, [a.id])
    out = import_bulk.run(
        s,
        parsed,
        athlete_id,
        names,
        write,
        lambda done, total: report("write", done, total),
        lambda: report("aggregates", 0, None),
    )
    if out.rows_written >= ANALYZE_AFTER:
        imports.analyze(s)
    starts = [x.started_at.date() for x in parsed.sessions]
    return ImportSummary(
        format=parsed.format,
        sessions_added=out.sessions_added,
        sets_added=out.sets_added,
        sets_skipped_duplicate=out.sets_skipped,
        warmup_sets=out.warmups,
        exercises_matched=sum(1 for i in names.values() if i is not None),
        exercises_unknown=sorted(n for n, i in names.items() if i is None),
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
    found_id = stored_athletes.id_named(s, actor_of(s).user_id, clean)
    found = athletes.get(s, found_id) if found_id is not None else None
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

    given: dict[str, str | None] = {}
    for sess in sessions:
        for x in sess.sets:
            if x.exercise_raw not in given or (x.exercise_id and not given[x.exercise_raw]):
                given[x.exercise_raw] = x.exercise_id
    return _resolve(s, athlete_id, given)


def _resolve(
    s: Session, athlete_id: int | None, given: dict[str, str | None]
) -> dict[str, str | None]:
    """Names (with the id a file gave, if any) → catalog id (see :func:`_resolve_names`)."""
    from legday.domain.catalog.matching import match_name, matcher, normalize_name

    remembered = stored_mappings.mappings_of(s, athlete_id) if athlete_id is not None else {}
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
    existing = import_keys.existing_sessions(s, athlete_id, {x.source for x in sessions})
    seen_keys = _existing_dedupe_keys(s, athlete_id, sessions)
    fresh: dict[tuple[str, str], tuple[SessionRecord, list[SetRecord]]] = {}
    more: dict[int, tuple[SessionRecord, list[SetRecord]]] = {}
    for sess in sessions:
        key = session_identity(sess.source, sess.source_key, sess.started_at)
        new_sets: list[SetRecord] = []
        for x in sess.sets:
            k = x.dedupe_key
            if not k or len(k) > imports.KEY_LIMIT:
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


def _existing_dedupe_keys(
    s: Session, athlete_id: int | None, sessions: list[SessionRecord]
) -> set[str]:
    if athlete_id is None:
        return set()
    stored = imports.set_count(s, athlete_id)
    if stored == 0:
        return set()
    wanted = [set_identity(sess, x) for sess in sessions for x in sess.sets]
    found = import_keys.derived_keys(s, athlete_id)
    if stored <= 4 * len(wanted):
        return found | imports.stored_keys(s, athlete_id)
    return found | imports.stored_keys(s, athlete_id, among=wanted)


@dataclass
class _Written:
    """What the aggregates need from a write: the new sessions (id, start, duration, session
    RPE), every set row inserted (laid out as imports.SET_COLUMNS) and the days of sessions that
    grew."""

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
    session_rows = [import_keys.new_session_row(athlete_id, sess) for sess, _ in plan.sessions_new]
    ids = imports.insert_sessions(s, session_rows)
    targets: list[tuple[int, int, SessionRecord, list[SetRecord]]] = [
        (sid, 0, sess, sets) for sid, (sess, sets) in zip(ids, plan.sessions_new, strict=True)
    ]
    if plan.sessions_more:
        last = imports.last_seq(s, [sid for sid, _, _ in plan.sessions_more])
        targets += [(sid, last.get(sid, 0), sess, sets) for sid, sess, sets in plan.sessions_more]
    rows = _set_rows(athlete_id, targets, names)
    imports.insert_set_rows(s, rows, lambda done: report("write", done, total))
    return _Written(
        sessions=[
            (sid, sess.started_at, sess.duration_s, sess.session_rpe)
            for sid, (sess, _) in zip(ids, plan.sessions_new, strict=True)
        ],
        rows=rows,
        grown_days={sess.started_at.date() for _, sess, _ in plan.sessions_more},
    )


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


def _write_assessments(s: Session, athlete_id: int, items: list[dict[str, Any]]) -> None:
    """Assessments from a legday export; one already stored (same test, day, value) is kept."""
    if not items:
        return
    stored = imports.assessment_keys(s, athlete_id)
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
