"""The record path of an import in plain SQL (``legday.store.plain_import``), for a SQLite file at
this legday's schema on the standard sqlite3 driver (``legday.app.reading.LiteDatabase``): a
personal import then starts without SQLAlchemy and its ORM, a third of its time
(bench/bench_personal_import.py). It does what the ORM path (``legday.app.importing``) does, in
the same order, and leaves the same rows (tests/app/test_import_plain.py compares every table):
one transaction, the athlete chosen or made, the access rule checked before the first write,
names resolved, stored and derived keys skipped, stored sessions extended, assessments, body
mass, the daily tables, ANALYZE after a large write; a dry run reads in a read-only unit.

The statements run on any ``Writes`` unit (the ORM's database hands one out too); the CLI uses
this path on a plain SQLite file only: elsewhere the ORM path's PostgreSQL COPY and the column
path of large files stay. This module imports no SQLAlchemy."""

from __future__ import annotations

import sqlite3

from legday.app import import_keys, import_plan, import_summary
from legday.app.import_summary import ImportSummary, NewAthlete, Progress, Target
from legday.app.reading import WriteSource
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound, StorageError
from legday.interop.common import ParsedFile
from legday.store import plain, plain_import, plain_log
from legday.store.plain import Rows, Writes


def import_parsed(
    db: WriteSource,
    actor: Actor,
    athlete: Target | None,
    parsed: ParsedFile,
    dry_run: bool,
    report: Progress,
    analyze_after: int,
) -> ImportSummary:
    """Store a file read by records for ``athlete`` in one transaction (BEGIN IMMEDIATE …
    COMMIT; any error rolls back), or with ``dry_run`` only report what would be stored."""
    try:
        if dry_run:
            with db.rows(actor) as u:
                return run(u, None, parsed, athlete, report, analyze_after)
        with db.writes(actor) as w:
            try:
                return run(w, w, parsed, athlete, report, analyze_after)
            except (sqlite3.DataError, sqlite3.InterfaceError, sqlite3.ProgrammingError) as exc:
                raise _refused(exc) from None
    except OverflowError as exc:  # an integer the driver cannot bind: nothing was stored
        raise _refused(exc) from None


def _refused(exc: Exception) -> StorageError:
    """A value the database refuses (out of range, of a type it does not take): the same words
    as the ORM path; the transaction rolled back."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StorageError(
        f"the database refused a value from the file ({detail}); nothing was imported",
        "report the file to legday's maintainers, with the line if known",
    )


def run(
    u: Rows,
    w: Writes | None,
    parsed: ParsedFile,
    target: Target | None,
    report: Progress,
    analyze_after: int,
) -> ImportSummary:
    """The import in the unit ``u``; ``w`` (the same unit, writing) None: a dry run."""
    if w is not None:
        plain_import.one_import_at_a_time(w)
    athlete_id = _athlete(u, w, target)
    warnings = list(parsed.warnings)
    report("matching", 0, None)
    remembered = plain_log.mappings_of(u, athlete_id) if athlete_id is not None else {}
    names = import_summary.resolve(remembered, import_summary.given_names(parsed))
    plan = _plan(u, athlete_id, parsed)
    if w is not None and athlete_id is not None:
        plain_log.require_log(w, athlete_id)  # the rule, before the first write
        written = _write(w, athlete_id, plan, names, report)
        _assessments(w, athlete_id, parsed)
        if parsed.body_mass_kg is not None:
            kg = import_plan.body_mass(parsed)
            if kg is not None:
                plain_import.set_body_mass(w, athlete_id, kg)
            warnings.append(import_plan.body_mass_note(parsed))
        from legday.app import aggregates, aggregates_bulk

        report("aggregates", 0, None)
        # New sessions from the rows in memory; days of sessions that grew, from the database.
        aggregates_bulk.refresh_bulk_rows(
            w, athlete_id, written.sessions, written.rows, plain_import.SET_COLUMNS
        )
        aggregates.refresh_allowed(w, athlete_id, written.grown_days)
        if len(written.rows) >= analyze_after:
            plain_import.analyze(w)
    return import_summary.of_records(
        parsed, len(plan.sessions_new), plan.added, plan.skipped, plan.warmups, names, warnings
    )


def _athlete(u: Rows, w: Writes | None, target: Target | None) -> int | None:
    """The athlete the caller chose; a new one is made (as the actor's) when the actor has no
    athlete of that name — inside the write lock, so two imports starting one history at once
    make one athlete. None: a dry run for an athlete not made yet."""
    if target is None:
        return None
    if not isinstance(target, NewAthlete):
        found = plain.athlete(u, target)
        if found is None:
            raise NotFound(f"no athlete with id {target}")
        return found.id
    clean = " ".join(target.name.split())
    if not clean or len(clean) > 200:
        raise InvalidInput("an athlete needs a name of 1–200 characters")
    found_id = plain_import.athlete_id_named(u, u.actor.user_id, clean)
    if found_id is not None or w is None:
        return found_id  # None: a dry run for an athlete not made yet
    return plain_import.insert_athlete(w, clean, target.unit)


def _plan(u: Rows, athlete_id: int | None, parsed: ParsedFile) -> import_plan.Plan:
    sessions = parsed.sessions
    if athlete_id is None:
        return import_plan.plan(sessions, {}, set())
    sources = {x.source for x in sessions}
    existing = (
        import_keys.by_identity(plain_import.stored_sessions(u, athlete_id, sources))
        if sources
        else {}
    )
    seen = import_plan.seen_keys(
        sessions,
        plain_import.set_count(u, athlete_id),
        lambda: import_keys.keys_of(plain_import.keyless_sets(u, athlete_id)),
        lambda among: plain_import.stored_keys(u, athlete_id, among),
    )
    return import_plan.plan(sessions, existing, seen)


def _write(
    w: Writes,
    athlete_id: int,
    plan: import_plan.Plan,
    names: dict[str, str | None],
    report: Progress,
) -> import_plan.Written:
    store = import_plan.RowStore(
        lambda rows: plain_import.insert_sessions(w, rows),
        lambda sids: plain_import.last_seq(w, sids),
        lambda rows, done: plain_import.insert_set_rows(w, rows, done),
    )
    return import_plan.write(store, athlete_id, plan, names, report)


def _assessments(w: Writes, athlete_id: int, parsed: ParsedFile) -> None:
    """Assessments from a legday export; one already stored (same test, day, value) is kept."""
    if not parsed.assessments:
        return
    stored = plain_import.assessment_keys(w, athlete_id)
    fresh = []
    for a in parsed.assessments:
        key = (a["test_id"], a["taken_on"], a["value"])
        if key in stored:
            continue
        stored.add(key)
        fresh.append(a)
    plain_import.insert_assessments(w, athlete_id, fresh)
