"""Import a training history file for an athlete: parse (interop), name the exercises (the
athlete's remembered mappings, then the catalog matcher), drop what is already stored (a dedupe
key per set, a source key per session), write everything in ONE transaction, and bring the daily
analytics tables up to date for the days touched. A bad file changes nothing.

Large plain Strong files are read and stored by columns (legday.interop.strong_bulk,
legday.app.import_bulk); every other file by records (legday.app.import_records)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from legday.app import import_summary
from legday.app.import_summary import ImportSummary as ImportSummary
from legday.app.import_summary import NewAthlete as NewAthlete
from legday.app.import_summary import Progress as Progress
from legday.app.import_summary import Target as Target
from legday.domain.access import Actor, Scope
from legday.domain.errors import FileFormatError, InvalidInput, NotFound, StorageError
from legday.domain.units import Unit
from legday.interop import detect
from legday.interop.common import ParsedFile, check_assumed_unit

if TYPE_CHECKING:  # a personal import on a SQLite file imports no SQLAlchemy (import_plain)
    from sqlalchemy.orm import Session

    from legday.app.db import Database
    from legday.app.reading import LiteDatabase, RowSource
    from legday.store.models import Athlete

# Sets stored by one import after which the planner's statistics are refreshed (ANALYZE): at a
# million sets without them the planning query took 902 ms instead of 52 ms, and ANALYZE itself
# took 0.46 s there (bench/bench_import.py); a personal history (tens of thousands of sets) is
# planned well without them and skips the 10-40 ms.
ANALYZE_AFTER = 50_000


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


def choose_athlete(
    db: RowSource, actor: Actor, name: str | None, parsed: ParsedFile, unit: Unit | None = None
) -> Target | None:
    """The CLI's choice of athlete for an import (a convenience of shells that take names):
    ``name`` (any case); without it, the athlete a legday export suggests when the actor has one
    of that name; else the actor's only athlete. When the actor has no athlete at all, the name
    given (or suggested by the file) starts a new one. The file suggests; this caller chooses."""
    from legday.app.athlete_lookup import lookup
    from legday.app.athlete_views import list_all

    if name is None and parsed.athlete is not None:
        try:
            return lookup(db, actor, parsed.athlete)
        except (NotFound, InvalidInput):
            pass  # not here under that name: the only athlete, or a new one
    try:
        return lookup(db, actor, name)
    except NotFound:
        wanted = name or parsed.athlete
        if wanted is None or list_all(db, actor):
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
    db: Database | LiteDatabase,
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
    db: Database | LiteDatabase,
    actor: Actor,
    athlete: Target | None,
    parsed: ParsedFile,
    dry_run: bool = False,
    on_progress: Progress | None = None,
    unit: Unit | None = None,
) -> ImportSummary:
    """Store a parsed file for ``athlete`` in one transaction (see :func:`import_bytes`). On a
    ``LiteDatabase`` (a plain SQLite file) a file read by records goes in through plain SQL on the
    standard driver (legday.app.import_plain); one read by columns opens the full database."""
    from legday.app.reading import LiteDatabase

    report = on_progress or _quiet
    if athlete is None and not dry_run:
        raise InvalidInput("an import needs the athlete it is for")
    if isinstance(db, LiteDatabase):
        if parsed.bulk is None:
            from legday.app import import_plain

            with _bulk_allocation():
                return import_plain.import_parsed(
                    db, actor, athlete, parsed, dry_run, report, ANALYZE_AFTER
                )
        from legday.app.db import open_database

        db = open_database(db.url)
    from sqlalchemy.exc import DBAPIError

    from legday.store import imports

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
    from legday.app import import_records
    from legday.store import imports
    from legday.store.tenancy import require

    a = _athlete(s, athlete, create=write)
    athlete_id = a.id if a is not None else None
    warnings = list(parsed.warnings)
    report("matching", 0, None)
    if parsed.bulk is not None:
        return _run_columns(s, parsed, a, report, write, warnings)
    names = _resolve(s, athlete_id, import_summary.given_names(parsed))
    plan = import_records.plan(s, athlete_id, parsed.sessions)
    added_sets = plan.added
    if write and a is not None:
        # The sets and sessions go in on the connection (no ORM flush guard): check the rule.
        require(s, Scope.LOG_FOR_ATHLETE, [a.id])
        written = import_records.write(s, a.id, plan, names, report)
        import_records.write_assessments(s, a.id, parsed.assessments)
        if parsed.body_mass_kg is not None:
            warnings.append(import_records.body_mass(a, parsed))
        from legday.app import aggregates, aggregates_bulk

        report("aggregates", 0, None)
        # New sessions from the rows in memory; days of sessions that grew, from the database.
        aggregates_bulk.refresh_bulk(s, a.id, written.sessions, written.rows, imports.SET_COLUMNS)
        aggregates.refresh(s, a.id, written.grown_days)
        if len(written.rows) >= ANALYZE_AFTER:
            from legday.store import import_stats

            import_stats.analyze(s)
    return import_summary.of_records(
        parsed, len(plan.sessions_new), added_sets, plan.skipped, plan.warmups, names, warnings
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
    from legday.store import import_stats
    from legday.store.tenancy import require

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
    from legday.app import athletes
    from legday.store import athletes as stored_athletes
    from legday.store.models import Athlete
    from legday.store.tenancy import actor_of

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


def _resolve(
    s: Session, athlete_id: int | None, given: dict[str, str | None]
) -> dict[str, str | None]:
    """Names (with the id a file gave, if any) → catalog id: the athlete's own mapping first,
    then the catalog matcher (legday.app.import_summary.resolve)."""
    from legday.store import exercises as stored_mappings

    remembered = stored_mappings.mappings_of(s, athlete_id) if athlete_id is not None else {}
    return import_summary.resolve(remembered, given)
