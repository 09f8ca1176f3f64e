"""A physio's client's home programme: the exercises of the current plan with their cues (the
one-page sheet), each home session's adherence (done / partly / not) and pain rating 0–10,
recorded by the client or the physio, and the trend week by week. Where the plan carries the
pain-monitoring rule (knee osteoarthritis, docs/evidence/pathways.md#knee-osteoarthritis) each
day is judged against it.

Reading home sessions needs the ``view_health`` scope and recording one ``log_for_athlete``: the
tenant filter decides (a pain rating is health data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from legday.app import athletes, versions
from legday.app.db import Database
from legday.app.planning import exercises
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound
from legday.domain.track.home_sessions import HomeDay, HomeWeek, check, weeks
from legday.domain.units import Unit
from legday.store import home_sessions as store
from legday.store.care_models import HomeSession

WINDOW_DAYS = 56  # eight weeks of home sessions on the page
MAX_NOTE = 1000


@dataclass(frozen=True)
class HomeProgramme:
    athlete_id: int
    athlete_name: str
    unit: Unit
    today: date
    has_plan: bool
    plan_title: str
    rows: list[dict[str, Any]]  # kind, name, dose, progression, cue
    home_lines: list[str]
    pain_rule: str | None  # the plan's pain-monitoring rule in plain words, where it applies
    days: list[HomeDay] = field(default_factory=list)  # oldest first
    notes: dict[date, str] = field(default_factory=dict)

    @property
    def weeks(self) -> list[HomeWeek]:
        return weeks(self.days)

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete_id": self.athlete_id,
            "athlete_name": self.athlete_name,
            "unit": self.unit,
            "today": self.today.isoformat(),
            "has_plan": self.has_plan,
            "plan_title": self.plan_title,
            "exercises": self.rows,
            "home_lines": self.home_lines,
            "pain_rule": self.pain_rule,
            "days": [
                {
                    "date": d.day.isoformat(),
                    "adherence": d.adherence,
                    "pain_during": d.pain_during,
                    "settled_by_morning": d.settled_by_morning,
                    "flags": d.flags if self.pain_rule else [],
                    "notes": self.notes.get(d.day),
                }
                for d in self.days
            ],
            "weeks": [w.as_json() for w in self.weeks],
        }


@dataclass(frozen=True)
class HomeRecord:
    """One day's home session as stored, with who recorded it; ``etag`` is its version."""

    athlete_id: int
    day: HomeDay
    notes: str | None
    recorded_by_id: int | None
    recorded_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete_id": self.athlete_id,
            "date": self.day.day.isoformat(),
            "adherence": self.day.adherence,
            "pain_during": self.day.pain_during,
            "settled_by_morning": self.day.settled_by_morning,
            "notes": self.notes,
            "recorded_by_id": self.recorded_by_id,
            "recorded_at": self.recorded_at.replace(tzinfo=UTC).isoformat(),
        }

    @property
    def etag(self) -> str:
        return versions.etag_of(self.as_json())


def _record(row: HomeSession) -> HomeRecord:
    return HomeRecord(row.athlete_id, _day(row), row.notes, row.recorded_by_id, row.recorded_at)


def _day(row: HomeSession) -> HomeDay:
    adherence, pain = check(row.adherence, row.pain_during)
    return HomeDay(row.done_on, adherence, pain, row.settled_by_morning)


def load(db: Database, actor: Actor, athlete_id: int, today: date) -> HomeProgramme:
    """The athlete's home programme and the last eight weeks of home sessions (read on the
    primary: the page follows the recording of one)."""
    from legday.app.planning import current
    from legday.domain.plan.model import plan_from_json
    from legday.domain.plan.text import home_lines
    from legday.interop.plan_sheet import client_notes, first_session_rows

    cat = exercises()
    with db.read(actor, primary=True) as s:
        a = athletes.get(s, athlete_id)
        unit: Unit = "lb" if a.unit == "lb" else "kg"
        try:
            plan = plan_from_json(current(s, a).body)
        except NotFound:
            plan = None
        rows = store.since(s, a.id, today - timedelta(days=WINDOW_DAYS))
        days = [_day(r) for r in rows]
        notes = {r.done_on: r.notes for r in rows if r.notes}
        name = a.name
    rule = plan.extras.get("pain_monitoring") if plan is not None else None
    return HomeProgramme(
        athlete_id=athlete_id,
        athlete_name=name,
        unit=unit,
        today=today,
        has_plan=plan is not None,
        plan_title=str(plan.extras.get("title") or plan.family) if plan is not None else "",
        rows=first_session_rows(plan, cat, unit) if plan is not None else [],
        # the pain rule stands on its own line of the page and the sheet
        home_lines=(
            home_lines({k: v for k, v in plan.extras.items() if k != "pain_monitoring"}, cat)
            if plan is not None
            else []
        ),
        pain_rule=client_notes([rule])[0] if isinstance(rule, str) else None,
        days=days,
        notes=notes,
    )


def record(
    db: Database,
    actor: Actor,
    athlete_id: int,
    day: date,
    adherence: str,
    pain_during: int | None,
    settled_by_morning: bool | None,
    notes: str | None = None,
    *,
    today: date,
    if_match: str | None = None,
) -> HomeRecord:
    """Record (or correct) the home session of ``day``; someone who may not log for the athlete
    gets NotFound as if the athlete did not exist. With ``if_match`` the day's record must still
    be the version the caller read (else PreconditionFailed, nothing changed)."""
    try:
        checked, pain = check(adherence, pain_during)
    except ValueError as exc:
        raise InvalidInput(str(exc), "done, partly or not; pain as a whole number 0–10") from None
    if day > today:
        raise InvalidInput(f"{day} is in the future", "record a home session on or after its day")
    text = (notes or "").strip() or None
    if text is not None and len(text) > MAX_NOTE:
        raise InvalidInput(f"the note has {len(text)} characters", f"at most {MAX_NOTE}")
    at = datetime.now(UTC).replace(tzinfo=None)
    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
        if if_match is not None:
            old = store.of_day(s, a.id, day, lock=True)
            what = f"the home session of {day}"
            versions.require(_record(old).etag if old else None, if_match, what)
        row = store.put(s, a.id, day, checked, pain, settled_by_morning, text, actor.user_id, at)
        return _record(row)


def one(db: Database, actor: Actor, athlete_id: int, day: date) -> HomeRecord:
    """The home session of ``day`` (read on the primary: a client edits what it just read)."""
    with db.read(actor, primary=True) as s:
        a = athletes.get(s, athlete_id)
        row = store.of_day(s, a.id, day)
        if row is None:
            raise NotFound(f"no home session on {day}", "record one first")
        return _record(row)


def delete(
    db: Database, actor: Actor, athlete_id: int, day: date, if_match: str | None = None
) -> HomeRecord:
    """Remove the home session of ``day``; returns what was removed."""
    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
        row = store.of_day(s, a.id, day, lock=True)
        if row is None:
            raise NotFound(f"no home session on {day}", "record one first")
        gone = _record(row)
        versions.require(gone.etag, if_match, f"the home session of {day}")
        store.remove(s, row)
        return gone
