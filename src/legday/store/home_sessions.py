"""The SQL of home sessions. ORM statements, so the tenant filter applies: reading them needs the
``view_health`` scope (a pain rating is health data), writing them ``log_for_athlete``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from legday.store.care_models import HomeSession


def put(
    s: Session,
    athlete_id: int,
    day: date,
    adherence: str,
    pain_during: int | None,
    settled: bool | None,
    notes: str | None,
    by: int,
    at: datetime,
) -> HomeSession:
    """The day's record, created or replaced (one home session a day)."""
    row = of_day(s, athlete_id, day)
    if row is None:
        row = HomeSession(athlete_id=athlete_id, done_on=day)
        s.add(row)
    row.adherence = adherence
    row.pain_during = pain_during
    row.settled_by_morning = settled
    row.notes = notes
    row.recorded_by_id = by
    row.recorded_at = at
    s.flush()
    return row


def since(s: Session, athlete_id: int, first: date) -> Sequence[HomeSession]:
    return s.scalars(
        select(HomeSession)
        .where(HomeSession.athlete_id == athlete_id, HomeSession.done_on >= first)
        .order_by(HomeSession.done_on)
    ).all()


def of_day(s: Session, athlete_id: int, day: date, *, lock: bool = False) -> HomeSession | None:
    """The day's record; with ``lock`` held until the unit of work ends (a concurrent edit of
    the same day waits, so an If-Match check stays true until the write)."""
    q = select(HomeSession).where(HomeSession.athlete_id == athlete_id, HomeSession.done_on == day)
    return s.scalar(q.with_for_update() if lock else q)


def remove(s: Session, row: HomeSession) -> None:
    s.delete(row)
    s.flush()
