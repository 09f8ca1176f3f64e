"""A coach's or physio's roster: the athletes who accepted them, with today's flags.

The flags are the club view's (legday.app.analytics.club_view: load ratio, open test flags,
readiness below usual, days since the last session), computed as the member, so each athlete's
row holds only what their link's scopes let the member see. Reads may go to a replica.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from legday.app import analytics
from legday.app.db import Database
from legday.domain.access import Actor, Scope
from legday.store.models import CareLink, CareLinkScope


class _Acting:
    """The database as seen by one actor, for use-cases that open their own unit of work."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self._db, self._actor = db, actor

    @contextmanager
    def read(self, actor: Actor | None = None, *, primary: bool = False) -> Iterator[Session]:
        with self._db.read(self._actor, primary=primary) as s:
            yield s

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def roster(db: Database, actor: Actor, as_of: date | None = None) -> dict[str, Any]:
    """The athletes whose accepted link to the actor holds ``view_training``, most in need of a
    look first."""
    with db.read(actor, primary=True) as s:
        linked = set(
            s.scalars(
                select(CareLink.athlete_id)
                .join(CareLinkScope, CareLinkScope.care_link_id == CareLink.id)
                .where(
                    CareLink.member_id == actor.user_id,
                    CareLink.status == "accepted",
                    CareLinkScope.scope == Scope.VIEW_TRAINING.value,
                )
            )
        )
    if not linked:
        end = as_of or date.today()
        return {"as_of": end.isoformat(), "athletes": []}
    view = analytics.club_view(cast(Database, _Acting(db, actor)), as_of)
    return {
        "as_of": view["as_of"],
        "athletes": [r for r in view["athletes"] if r["athlete_id"] in linked],
    }
