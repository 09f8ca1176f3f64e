"""The athlete's dashboard: the leg-neglect verdict and its fix, load monitoring, strength
trends and guideline adherence, from the ``legday analyze`` document (docs/contracts/analyze.md)
of one period. Plain data; the web page phrases it and draws the report's charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from legday.app import athletes
from legday.app.db import Database
from legday.domain.access import Actor
from legday.store import plain

WINDOW_DAYS = 182  # half a year up to the last training day; the report covers any period


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
    load_today: dict[str, Any] | None  # the latest day of the load table
    acwr_note: str
    recent_prs: list[dict[str, Any]]
    who_weeks: tuple[int, int]  # (weeks meeting the WHO strength advice, weeks) of the last 4
    adherence: dict[str, Any]
    symmetry: list[dict[str, Any]] = field(default_factory=list)


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
        {**p, "name": known.get(p["exercise_id"]).name if p["exercise_id"] in known else p[
            "exercise_id"]}
        for p in (doc.get("strength") or {}).get("prs", [])
    ][-5:]  # fmt: skip
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
        load_today=load_rows[-1] if load_rows else None,
        acwr_note=str(doc.get("acwr_criticism") or ""),
        recent_prs=list(reversed(prs)),
        who_weeks=(sum(1 for w in last4 if w.get("meets_who_strength")), len(last4)),
        adherence=dict(doc.get("adherence") or {}),
        symmetry=list(doc.get("symmetry") or []),
    )
