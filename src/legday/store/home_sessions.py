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
    row = s.scalar(
        select(HomeSession).where(HomeSession.athlete_id == athlete_id, HomeSession.done_on == day)
    )
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
