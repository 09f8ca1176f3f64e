"""Calendar subscriptions: a secret address per account that serves the athlete's current plan
as iCalendar, so a phone's calendar follows the plan as it changes. The secret is shown once and
stored only as its SHA-256 digest (like the API tokens); revoking it ends the feed on the next
fetch. The feed reads the plan as the account that made it, so it shows nothing that account may
not see."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from legday.app.accounts import digest, now, utc_text
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import NotFound
from legday.store import calendar_feeds as store
from legday.store.care_models import CalendarFeed

MAX_ID = 2**31 - 1
SECRET_BYTES = 32  # 256 bits: the address alone grants the read


@dataclass(frozen=True)
class FeedView:
    id: int
    athlete_id: int
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    secret: str | None = None  # only in the answer that made it

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "athlete_id": self.athlete_id,
            "created_at": utc_text(self.created_at),
            "last_used_at": utc_text(self.last_used_at) if self.last_used_at else None,
            "revoked_at": utc_text(self.revoked_at) if self.revoked_at else None,
        }


def _view(row: CalendarFeed, secret: str | None = None) -> FeedView:
    return FeedView(
        row.id, row.athlete_id, row.created_at, row.last_used_at, row.revoked_at, secret
    )


def create(db: Database, actor: Actor, athlete_id: int) -> FeedView:
    """A new subscription for the actor's athlete ``athlete_id`` (someone else's: NotFound)."""
    from legday.app import athletes

    secret = secrets.token_urlsafe(SECRET_BYTES)
    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
        if a.owner_id != actor.user_id:
            raise NotFound(f"no athlete with id {athlete_id}")
        return _view(store.add(s, digest(secret), actor.user_id, a.id, now()), secret)


def list_feeds(db: Database, actor: Actor) -> list[FeedView]:
    with db.read(actor, primary=True) as s:
        return [_view(r) for r in store.of_user(s, actor.user_id)]


def revoke(db: Database, actor: Actor, feed_id: int) -> None:
    """End a subscription of the actor's (anyone else's, or none: NotFound)."""
    with db.write(actor) as s:
        row = store.one(s, actor.user_id, feed_id) if 1 <= feed_id <= MAX_ID else None
        if row is None:
            raise NotFound(f"no calendar subscription with id {feed_id}")
        if row.revoked_at is None:
            row.revoked_at = now()


def fetch(db: Database, secret: str) -> bytes:
    """The calendar behind a secret address; an unknown or revoked one is NotFound."""
    from legday.app.plan_files import plan_file
    from legday.interop.ics import empty_calendar

    unknown = NotFound("no such calendar", "subscribe again from the calendar page")
    if not 20 <= len(secret) <= 100:
        raise unknown
    # a credential lookup, like a session cookie's: the feed table only, no athlete row
    with db.write(db.local_actor()) as s:
        row = store.by_hash(s, digest(secret))
        if row is None:
            raise unknown
        row.last_used_at = now()
        owner, athlete_id = Actor(user_id=row.user_id), row.athlete_id
    try:
        data = plan_file(db, owner, athlete_id, "ics").data
    except NotFound:
        from legday.app import athletes

        return empty_calendar(athletes.show(db, owner, athlete_id).name)
    return data
