"""Queries and writes of the assessment aggregate: recorded tests (readiness check-ins too).

Every statement runs through the session, so the tenant filter of ``legday.store.tenancy``
applies: someone else's rows are not found. A row keeps the full score document in ``result``;
``value``/``unit``/``rating``/``flags``/``inputs`` are its searchable copies, written in one
place (:func:`set_score`).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from legday.store.models import Assessment

_MAX_ID = 2**31 - 1  # the id column is 32-bit: a larger id names no row (and overflows drivers)


def by_id(s: Session, assessment_id: int) -> Assessment | None:
    """The recorded test with this id, or None (also when it belongs to someone else)."""
    if not 1 <= assessment_id <= _MAX_ID:
        return None
    return s.get(Assessment, assessment_id)


def lock(s: Session, row: Assessment) -> None:
    """Hold the test's row until commit and read it afresh, so that a version check stays true
    until the write (PostgreSQL; SQLite's one writer covers it)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(select(Assessment.id).where(Assessment.id == row.id).with_for_update())
        s.refresh(row)


def of_athlete(
    s: Session,
    athlete_id: int,
    tests: Collection[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Assessment]:
    """The athlete's recorded tests, oldest first (then in entry order); only ``tests`` when
    given, only those taken from ``since`` to ``until`` (both inclusive) when given."""
    q = select(Assessment).where(Assessment.athlete_id == athlete_id)
    if tests is not None:
        q = q.where(Assessment.test_id.in_(list(tests)))
    if since is not None:
        q = q.where(Assessment.taken_on >= since)
    if until is not None:
        q = q.where(Assessment.taken_on <= until)
    return list(s.scalars(q.order_by(Assessment.taken_on, Assessment.id)))


def on_day(s: Session, athlete_id: int, test_id: str, day: date) -> list[Assessment]:
    """The athlete's results of one test on one day, in entry order."""
    q = select(Assessment).where(
        Assessment.athlete_id == athlete_id,
        Assessment.test_id == test_id,
        Assessment.taken_on == day,
    )
    return list(s.scalars(q.order_by(Assessment.id)))


def of_test_between(s: Session, test_id: str, since: date, until: date) -> list[Assessment]:
    """Every visible athlete's results of one test from ``since`` to ``until``, by athlete, then
    oldest first."""
    q = (
        select(Assessment)
        .where(Assessment.test_id == test_id)
        .where(Assessment.taken_on >= since, Assessment.taken_on <= until)
        .order_by(Assessment.athlete_id, Assessment.taken_on, Assessment.id)
    )
    return list(s.scalars(q))


def athletes_tested_by(s: Session, until: date) -> list[int]:
    """Ids of the visible athletes with a result taken on or before ``until``."""
    q = select(Assessment.athlete_id).where(Assessment.taken_on <= until).distinct()
    return sorted(int(i) for i in s.scalars(q))


def set_score(row: Assessment, day: date, result: dict[str, Any], graded: bool = True) -> None:
    """Write a score document and its searchable copies onto ``row``; ``graded=False`` keeps
    no rating and no flags (a check-in, judged when it is read)."""
    row.taken_on = day
    row.value = result["value"]
    row.unit = result["unit"]
    row.rating = result["rating"] if graded else None
    row.flags = list(result["flags"]) if graded else []
    row.inputs = dict(result["inputs"])
    row.result = result


def add(
    s: Session,
    athlete_id: int,
    day: date,
    result: dict[str, Any],
    notes: str | None,
    graded: bool = True,
) -> Assessment:
    """Store a scored test (``graded`` as in :func:`set_score`); returns the row with its id."""
    row = Assessment(athlete_id=athlete_id, test_id=result["test"], notes=notes)
    set_score(row, day, result, graded)
    s.add(row)
    s.flush()
    return row


def remove(s: Session, row: Assessment) -> None:
    s.delete(row)
    s.flush()
