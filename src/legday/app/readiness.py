"""Readiness check-in use-cases: record today's answers, show the history with each day against
the athlete's own baseline, and the latest flag of every athlete for the club view.

A check-in is stored as an assessment (test ``readiness``): its row keeps the answers and the
total, never the baseline flag. The flag depends on the check-ins before it, so it is computed
each time it is read; editing or deleting any check-in (``legday assess edit/delete``) changes
every later flag with no stored figure to fix.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.assess import check_repeat, score
from legday.app.assess_results import CheckIn as StoredCheckIn
from legday.app.assess_results import CheckInRecorded, Instrument, ReadinessHistory
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.assess import registry
from legday.domain.assess.wellness import (
    BASELINE_DAYS,
    FLAG_Z,
    ITEMS,
    MIN_BASELINE,
    CheckIn,
    Status,
    statuses,
)
from legday.domain.errors import InvalidInput
from legday.store import assessments as store
from legday.store.models import Assessment

TEST_ID = "readiness"


def instrument() -> Instrument:
    """What the check-in asks and how it is judged, from its data file."""
    spec = registry.get(TEST_ID)
    return Instrument(
        test=spec.id,
        name=spec.name,
        items={k: spec.inputs[k].help for k in ITEMS},
        scale="each item 1–5, 5 the best answer; total 5–25, higher is better",
        window_days=BASELINE_DAYS,
        min_checkins=MIN_BASELINE,
        flag_z=FLAG_Z,
        rule=spec.scoring_rule,
        sources=list(spec.citations()),
    )


def _checkin(row: Assessment) -> CheckIn:
    inputs = row.inputs or {}
    return CheckIn(row.taken_on, {k: int(inputs[k]) for k in ITEMS})


def _rows(s: Session, athlete_id: int, until: date | None = None) -> list[Assessment]:
    return store.of_athlete(s, athlete_id, [TEST_ID], until=until)


def _judged(rows: list[Assessment]) -> list[tuple[Assessment, Status]]:
    """Each row with its status; ``statuses`` keeps the date order of ``rows``."""
    return list(zip(rows, statuses([_checkin(r) for r in rows]), strict=True))


def _entry(row: Assessment, st: Status) -> StoredCheckIn:
    return StoredCheckIn(row.id, st, row.notes)


def record(
    db: Database,
    actor: Actor,
    athlete_id: int,
    items: dict[str, int],
    day: date | None = None,
    again: bool = False,
    notes: str | None = None,
) -> CheckInRecorded:
    """Store one day's check-in (item → 1–5) and judge it against the earlier ones, in one
    transaction. A second check-in on a day raises ``RepeatedTest`` unless ``again``."""
    when = day or date.today()
    if when > date.today():
        raise InvalidInput(f"date {when} is in the future", "give the day of the check-in")
    missing = [k for k in ITEMS if items.get(k) is None]
    if missing:
        raise InvalidInput(
            "the check-in needs all five items; missing: " + ", ".join(missing),
            "rate each of " + ", ".join(ITEMS) + " from 1 to 5",
        )
    result = score(TEST_ID, items).as_json()
    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
        if not again:
            check_repeat(s, a.id, result, when)
        row = store.add(s, a.id, when, result, notes, graded=False)
        judged = _judged(_rows(s, a.id, when))
        st = next(st for r, st in judged if r.id == row.id)
        return CheckInRecorded(a.name, _entry(row, st), instrument())


def history(
    db: Database, actor: Actor, athlete_id: int, days: int | None = None, as_of: date | None = None
) -> ReadinessHistory:
    """The check-ins of the last ``days`` days up to ``as_of`` (default: all, today), oldest
    first, each judged against the check-ins before it (also those before the shown days)."""
    if days is not None and days < 1:
        raise InvalidInput(f"days {days} is not a number of days", "give 1 or more")
    end = as_of or date.today()
    with db.read(actor) as s:
        a = athletes.get(s, athlete_id)
        start = end - timedelta(days=days - 1) if days is not None else None
        shown = [
            _entry(r, st)
            for r, st in _judged(_rows(s, a.id, end))
            if start is None or r.taken_on >= start
        ]
        name = a.name
    return ReadinessHistory(name, end, days, shown, instrument())


def latest_flags(s: Session, end: date) -> dict[int, dict[str, Any]]:
    """Per athlete: the latest check-in of the :data:`BASELINE_DAYS` days up to ``end`` with its
    status; ``stale`` when it is not from ``end`` itself (readiness is about today). An older
    check-in says nothing about today and is left out. One query for every athlete: the rows of
    two windows back, enough for the latest check-in's own baseline."""
    lo = end - timedelta(days=2 * BASELINE_DAYS)
    per: dict[int, list[Assessment]] = {}
    for row in store.of_test_between(s, TEST_ID, lo, end):
        per.setdefault(int(row.athlete_id), []).append(row)
    out: dict[int, dict[str, Any]] = {}
    for aid, rows in per.items():
        row = rows[-1]
        if (end - row.taken_on).days >= BASELINE_DAYS:
            continue
        _, st = _judged(rows)[-1]
        out[aid] = {
            **_entry(row, st).as_json(),
            "stale": row.taken_on != end,
            "days_old": (end - row.taken_on).days,
        }
    return out
