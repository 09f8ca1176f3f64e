"""A coach's or physio's roster: the athletes who accepted them, with today's flags.

The flags are the club view's (legday.app.analytics.club_view: load ratio, open test flags,
readiness below usual, days since the last session), computed as the member, so each athlete's
row holds only what their link's scopes let the member see. Reads may go to a replica.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from legday.app import analytics
from legday.app.db import Database
from legday.domain.access import Actor, Scope
from legday.store import athletes as stored_athletes


def roster(db: Database, actor: Actor, as_of: date | None = None) -> dict[str, Any]:
    """The athletes whose accepted link to the actor holds ``view_training``, most in need of a
    look first."""
    with db.read(actor, primary=True) as s:
        linked = stored_athletes.linked_with(s, actor, Scope.VIEW_TRAINING)
    if not linked:
        end = as_of or date.today()
        return {"as_of": end.isoformat(), "athletes": []}
    view = analytics.club_view(db, actor, as_of).as_json()
    return {
        "as_of": view["as_of"],
        "athletes": [r for r in view["athletes"] if r["athlete_id"] in linked],
    }
