"""The leg-neglect audit of one export file, with no database of the user's: the file is parsed,
stored in a throwaway in-memory store and analysed there, and the store is dropped."""

from __future__ import annotations

from dataclasses import dataclass

from legday.app.analysis_results import Analysis
from legday.app.db import Database
from legday.app.importing import ImportSummary, NewAthlete, Progress

AUDIT_ATHLETE = "you"  # the name the throwaway store gives the file's lifter


@dataclass(frozen=True)
class AuditResult:
    summary: ImportSummary  # what the file held
    analysis: Analysis


def audit(
    data: bytes,
    filename: str,
    fmt: str | None = None,
    unit: str | None = None,
    on_progress: Progress | None = None,
) -> AuditResult:
    """Parse ``data`` (an export named ``filename``), analyse it, and keep nothing."""
    from legday.app import analytics, importing
    from legday.interop import detect
    from legday.store.engine import make_engine
    from legday.store.migrate import upgrade_locked

    parsed = importing.parse_bytes(data, filename, fmt, unit, on_progress)
    # A private in-memory SQLite database (never open_database's per-URL cache): one audit
    # cannot see another's rows, and nothing reaches the disk.
    engine = make_engine("sqlite://")
    try:
        upgrade_locked(engine)
        db = Database(url="sqlite://", engine=engine)
        actor = db.local_actor()
        shown = parsed.athlete_unit or detect.unit_option(unit) or "kg"
        target = NewAthlete(AUDIT_ATHLETE, shown)
        summary = importing.import_parsed(db, actor, target, parsed, on_progress=on_progress)
        if on_progress is not None:
            on_progress("analysing", 0, None)
        from legday.app import athletes

        athlete_id = athletes.lookup(db, actor, AUDIT_ATHLETE)
        return AuditResult(summary, analytics.analyze(db, actor, athlete_id))
    finally:
        engine.dispose()
