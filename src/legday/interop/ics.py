"""Plan → iCalendar (RFC 5545) with icalendar: one all-day event per session, the session's blocks
in the description. UIDs are stable — athlete and date, not the plan's row id — so importing a
re-export (or a regenerated plan) updates the same events instead of duplicating them; SEQUENCE is
the plan id, so a newer plan wins (docs/evidence/engineering.md#library-choices)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, time, timedelta

from legday.domain.catalog.model import Exercise
from legday.domain.plan.model import Plan, Session
from legday.domain.plan.text import block_name, dose_text, home_lines
from legday.domain.units import Unit

PRODID = "-//legday//plan//EN"
UID_DOMAIN = "legday.plan"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "athlete"


def session_uid(athlete: str, s: Session) -> str:
    return f"{slug(athlete)}-{s.date.isoformat()}@{UID_DOMAIN}"


def describe(s: Session, exercises: Mapping[str, Exercise], unit: Unit = "kg") -> str:
    lines = [f"{s.focus} — about {s.est_minutes:g} min"]
    for b in s.blocks:
        lines.append(f"• [{b.kind}] {block_name(b, exercises)}: {dose_text(b, unit)}")
    return "\n".join(lines)


def to_ics(plan: Plan, plan_id: int, exercises: Mapping[str, Exercise], unit: Unit = "kg") -> bytes:
    """The calendar as bytes; the same plan gives the same bytes (DTSTAMP from the plan start)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"legday — {plan.athlete}")
    first = min((s.date for w in plan.weeks for s in w.sessions), default=None)
    stamp = datetime.combine(first, time(0, 0)) if first else datetime(2000, 1, 1)
    for w in plan.weeks:
        for s in w.sessions:
            ev = Event()
            ev.add("uid", session_uid(plan.athlete, s))
            ev.add("dtstamp", stamp)
            ev.add("sequence", plan_id)
            ev.add("dtstart", s.date)
            ev.add("dtend", s.date + timedelta(days=1))
            deload = " (deload)" if w.deload else ""
            ev.add("summary", f"Legs week {w.week}{deload}: {s.focus} ({s.est_minutes:g} min)")
            ev.add("description", describe(s, exercises, unit))
            ev.add("categories", ["legday", plan.family])
            cal.add_component(ev)
    home = home_lines(plan.extras, exercises)
    days = sum(7 for _ in plan.weeks)
    if home and first is not None and days:
        # Practice between sessions (home balance bouts, walking): one daily event for the plan.
        ev = Event()
        ev.add("uid", f"{slug(plan.athlete)}-home-practice@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("sequence", plan_id)
        ev.add("dtstart", first)
        ev.add("dtend", first + timedelta(days=1))
        ev.add("rrule", {"freq": "daily", "count": days})
        ev.add("summary", "Home practice: balance and walking")
        ev.add("description", "\n".join(home))
        ev.add("categories", ["legday", plan.family])
        cal.add_component(ev)
    return bytes(cal.to_ical())


def empty_calendar(name: str) -> bytes:
    """A calendar without events (a subscription before the athlete has a plan: a phone shows an
    empty calendar rather than an error)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"legday — {name}")
    return bytes(cal.to_ical())
