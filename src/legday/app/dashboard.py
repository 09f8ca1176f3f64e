"""The athlete's dashboard: the leg-neglect verdict and its fix, load monitoring, strength
trends and guideline adherence, from the ``legday analyze`` document (docs/contracts/analyze.md)
of one period. Plain data; the web page phrases it and draws the report's charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from legday.app import athletes
from legday.app.db import Database
from legday.domain.access import Actor
from legday.store import plain

WINDOW_DAYS = 182  # half a year up to the last training day; the report covers any period


@dataclass(frozen=True)
class LoadDay:
    """The latest day of the load table (docs/contracts/analyze.md#load)."""

    day: date
    load: float  # session-RPE load (RPE × minutes); 0 on a rest day
    acwr_rolling: float | None  # None: not enough weeks yet
    flags: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "load": self.load,
            "acwr_rolling": self.acwr_rolling,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class RecentRecord:
    """A week whose best e1RM of an exercise beat every earlier week (kg)."""

    exercise_id: str
    name: str  # the catalog name, or the id of an exercise the catalog no longer holds
    week: str  # ISO week
    e1rm_kg: float
    previous_kg: float  # the best of the earlier weeks

    def as_json(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise_id,
            "name": self.name,
            "week": self.week,
            "e1rm_kg": self.e1rm_kg,
            "previous_kg": self.previous_kg,
        }


@dataclass(frozen=True)
class WhoWeeks:
    """Of the last (up to) four weeks, how many met the WHO strength advice (2+ days a week)."""

    met: int
    weeks: int

    def as_json(self) -> dict[str, Any]:
        return {"met": self.met, "weeks": self.weeks}


@dataclass(frozen=True)
class PlanAdherence:
    """Planned sessions done so far (docs/contracts/analyze.md#guidelines-and-adherence)."""

    plan_id: int | None
    sessions_planned: int
    sessions_done: int
    share: float | None  # done / planned; None before a planned session came due
    note: str | None  # why there is no share (no plan)

    def as_json(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "sessions_planned": self.sessions_planned,
            "sessions_done": self.sessions_done,
            "adherence": self.share,
            "note": self.note,
        }


@dataclass(frozen=True)
class Dashboard:
    athlete_id: int
    name: str
    unit: str
    date_from: date
    date_to: date  # the last training day (or today): an old imported history still shows
    today: date
    has_training: bool
    verdict: str | None
    verdict_level: str | None
    reasons: list[str]
    fix_goals: list[str]
    missing_patterns: list[str]
    load_today: LoadDay | None  # the latest day of the load table
    acwr_note: str
    recent_prs: list[RecentRecord]  # newest first, at most five
    who_weeks: WhoWeeks
    adherence: PlanAdherence

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete_id": self.athlete_id,
            "name": self.name,
            "unit": self.unit,
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "today": self.today.isoformat(),
            "has_training": self.has_training,
            "verdict": self.verdict,
            "verdict_level": self.verdict_level,
            "reasons": list(self.reasons),
            "fix_goals": list(self.fix_goals),
            "missing_patterns": list(self.missing_patterns),
            "load_today": self.load_today.as_json() if self.load_today else None,
            "acwr_note": self.acwr_note,
            "recent_prs": [p.as_json() for p in self.recent_prs],
            "who_weeks": self.who_weeks.as_json(),
            "adherence": self.adherence.as_json(),
        }


def last_training_day(
    db: Database, actor: Actor, athlete_id: int, today: date, *, primary: bool = False
) -> date | None:
    """The athlete's latest training day up to ``today`` (None: never trained)."""
    with db.rows(actor, primary=primary) as u:
        last = plain.latest_start(
            u, athlete_id, datetime.combine(today + timedelta(days=1), time.min)
        )
    return None if last is None else last.date()


def load(
    db: Database, actor: Actor, athlete_id: int, today: date, *, primary: bool = False
) -> Dashboard:
    """The dashboard of athlete ``athlete_id`` as ``actor`` sees it (NotFound for anyone else's).
    ``primary``: read the primary database, not a replica (the athlete's own dashboard, shown
    right after they logged; a replica may trail by a moment)."""
    from legday.app.analytics import analyze
    from legday.domain.catalog.registry import load as catalog

    name = athletes.show(db, actor, athlete_id).name
    end = last_training_day(db, actor, athlete_id, today, primary=primary) or today
    start = end - timedelta(days=WINDOW_DAYS)
    doc = analyze(db, actor, athlete_id, date_from=start, date_to=end, primary=primary).as_json()
    neglect = doc.get("neglect") or {}
    weeks = [w for w in doc.get("weeks", []) if w.get("trained")]
    load_rows = doc.get("load") or []
    guideline_weeks = (doc.get("guidelines") or {}).get("weeks") or []
    last4 = guideline_weeks[-4:]
    known = catalog()
    prs = [
        RecentRecord(
            exercise_id=str(p["exercise_id"]),
            name=known.get(p["exercise_id"]).name
            if p["exercise_id"] in known
            else p["exercise_id"],
            week=str(p["week"]),
            e1rm_kg=float(p["e1rm_kg"]),
            previous_kg=float(p["previous_kg"]),
        )
        for p in (doc.get("strength") or {}).get("prs", [])
    ][-5:]
    return Dashboard(
        athlete_id=athlete_id,
        name=name,
        unit=str((doc.get("athlete") or {}).get("unit") or "kg"),
        date_from=start,
        date_to=end,
        today=today,
        has_training=bool(weeks),
        verdict=neglect.get("verdict"),
        verdict_level=neglect.get("verdict_level"),
        reasons=[str(r) for r in neglect.get("reasons") or []],
        fix_goals=[str(g) for g in neglect.get("goals") or []],
        missing_patterns=[str(p) for p in neglect.get("missing_patterns") or []],
        load_today=_load_day(load_rows[-1]) if load_rows else None,
        acwr_note=str(doc.get("acwr_criticism") or ""),
        recent_prs=list(reversed(prs)),
        who_weeks=WhoWeeks(sum(1 for w in last4 if w.get("meets_who_strength")), len(last4)),
        adherence=_adherence(doc.get("adherence") or {}),
    )


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _load_day(row: dict[str, Any]) -> LoadDay:
    return LoadDay(
        day=date.fromisoformat(str(row["date"])),
        load=_number(row.get("load")) or 0.0,
        acwr_rolling=_number(row.get("acwr_rolling")),
        flags=[str(f) for f in row.get("flags") or []],
    )


def _adherence(doc: dict[str, Any]) -> PlanAdherence:
    plan_id = doc.get("plan_id")
    note = doc.get("note")
    return PlanAdherence(
        plan_id=int(plan_id) if plan_id is not None else None,
        sessions_planned=int(doc.get("sessions_planned") or 0),
        sessions_done=int(doc.get("sessions_done") or 0),
        share=_number(doc.get("adherence")),
        note=str(note) if note else None,
    )
