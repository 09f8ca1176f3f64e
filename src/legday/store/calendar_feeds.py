"""The SQL of calendar subscriptions: a feed is found by the digest of its secret, listed and
revoked by the account that made it (a credential of the account, like an API token; the plan it
serves is read through the account's own unit of work)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from legday.store.care_models import CalendarFeed


def add(s: Session, token_hash: str, user_id: int, athlete_id: int, at: datetime) -> CalendarFeed:
    row = CalendarFeed(token_hash=token_hash, user_id=user_id, athlete_id=athlete_id, created_at=at)
    s.add(row)
    s.flush()
    return row


def of_user(s: Session, user_id: int) -> Sequence[CalendarFeed]:
    return s.scalars(
        select(CalendarFeed).where(CalendarFeed.user_id == user_id).order_by(CalendarFeed.id.desc())
    ).all()


def by_hash(s: Session, token_hash: str) -> CalendarFeed | None:
    return s.scalar(
        select(CalendarFeed).where(
            CalendarFeed.token_hash == token_hash, CalendarFeed.revoked_at.is_(None)
        )
    )


def one(s: Session, user_id: int, feed_id: int) -> CalendarFeed | None:
    return s.scalar(
        select(CalendarFeed).where(CalendarFeed.id == feed_id, CalendarFeed.user_id == user_id)
    )
