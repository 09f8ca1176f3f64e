"""The current plan as a file to download from the web: the calendar (iCalendar) and the
printable sheet (PDF), the same bytes ``legday plan export`` writes, for an actor's athlete."""

from __future__ import annotations

from legday.app.db import Database
from legday.app.planning import PlanExport, export
from legday.domain.access import Actor


def plan_file(db: Database, actor: Actor, athlete_id: int, fmt: str) -> PlanExport:
    """The current plan as ``ics`` or ``pdf`` (bytes, media type, file name); NotFound without a
    plan."""
    from legday.domain.errors import InvalidInput

    if fmt not in ("ics", "pdf"):
        raise InvalidInput(f"format {fmt!r} is not offered here", "ics or pdf")
    return export(db, actor, athlete_id, fmt)
