"""Import a training history file for an athlete: parse (interop), name the exercises (the
athlete's remembered mappings, then the catalog matcher), drop what is already stored (a dedupe
key per set, a source key per session), write everything in ONE transaction, and bring the daily
analytics tables up to date for the days touched. A bad file changes nothing.

Large plain Strong files are read and stored by columns (legday.interop.strong_bulk,
legday.app.import_bulk); every other file by records (legday.app.import_records)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from legday.app import athletes, import_records
from legday.app.db import Database
from legday.domain.access import Actor, Scope
from legday.domain.errors import FileFormatError, InvalidInput, NotFound, StorageError
from legday.domain.records import SessionRecord
from legday.domain.units import Unit
from legday.interop import detect
from legday.interop.common import ParsedFile, check_assumed_unit
from legday.store import athletes as stored_athletes
from legday.store import exercises as stored_mappings
from legday.store import import_stats, imports
from legday.store.models import Athlete
from legday.store.tenancy import actor_of, require

# stage ("read", "parse", "matching", "write", "aggregates"), done, total (None while unknown)
Progress = Callable[[str, int, int | None], None]

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
        # The column reader takes the header as text and the rest as bytes: a file that is all
        # ASCII is UTF-8 as it is, any other is checked whole (0.14 s at a million sets).
        text = data[: data.find(b"\n") + 1].decode() if data.isascii() else data.decode("utf-8-sig")
    except (FileFormatError, UnicodeDecodeError):
        return None
    from legday.interop import strong_bulk

    with _bulk_allocation():  # 50,000 session records: ~80 ms of collections at a million sets
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
    plan = import_records.plan(s, athlete_id, parsed.sessions)
    added_sets, warmups = plan.added, plan.warmups
    if write and a is not None:
        # The sets and sessions go in on the connection (no ORM flush guard): check the rule.
        require(s, Scope.LOG_FOR_ATHLETE, [a.id])
        written = import_records.write(s, a.id, plan, names, report, added_sets)
        import_records.write_assessments(s, a.id, parsed.assessments)
        if parsed.body_mass_kg is not None:
            warnings.append(import_records.body_mass(a, parsed))
        from legday.app import aggregates

        report("aggregates", 0, None)
        # New sessions from the rows in memory; days of sessions that grew, from the database.
        aggregates.refresh_bulk(s, a.id, written.sessions, written.rows, imports.SET_COLUMNS)
        aggregates.refresh(s, a.id, written.grown_days)
        if len(written.rows) >= ANALYZE_AFTER:
            import_stats.analyze(s)
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
        import_stats.analyze(s, out.stats)
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
