"""The current plan as a file to download from the web: the calendar (iCalendar) and the
printable sheet (PDF), the same bytes ``legday plan export`` writes, for an actor's athlete."""

from __future__ import annotations

from legday.app.db import Database
from legday.app.planning import exercises, load_current
from legday.domain.access import Actor
from legday.domain.units import Unit


def plan_file(db: Database, actor: Actor, athlete_id: int, fmt: str) -> tuple[bytes, str]:
    """(bytes, file name) of the current plan as ``ics`` or ``pdf``; NotFound without a plan."""
    from legday.domain.errors import InvalidInput

    if fmt not in ("ics", "pdf"):
        raise InvalidInput(f"format {fmt!r} is not offered here", "ics or pdf")
    plan_id, plan, unit = load_current(db, actor, athlete_id)
    shown: Unit = "lb" if unit == "lb" else "kg"
    if fmt == "ics":
        from legday.interop import ics

        return ics.to_ics(plan, plan_id, exercises(), shown), f"legday-plan-{plan_id}.ics"
    from legday.interop import plan_sheet

    html = plan_sheet.render_html(plan, exercises(), shown)
    return plan_sheet.to_pdf(html), f"legday-plan-{plan_id}.pdf"
