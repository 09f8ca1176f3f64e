"""A coach's or physio's roster: the athletes who accepted them, with today's flags.

The flags are the club view's (legday.app.analytics.club_view: load ratio, open test flags,
readiness below usual, days since the last session), computed as the member, so each athlete's
row holds only what their link's scopes let the member see. Reads may go to a replica.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from legday.app import analytics
from legday.app.db import Database
from legday.app.results import AthleteDay, ClubRow
from legday.domain.access import Actor, Scope
from legday.store import athletes as stored_athletes


@dataclass(frozen=True)
class TestFlag:
    """A flag of the latest result of one test (a later result without it closes it)."""

    __test__ = False  # not a pytest test class, whatever its name

    test_id: str
    flag: str
    taken_on: str | None  # ISO date


@dataclass(frozen=True)
class ZScore:
    """A value against the athlete's own earlier values (docs/contracts/assess.md)."""

    value: float
    mean: float
    sd: float
    z: float | None
    below_usual: bool


@dataclass(frozen=True)
class Readiness:
    """The latest readiness check-in judged against the athlete's own baseline; ``stale`` when
    it is not from the day the roster is as of."""

    id: int
    day: str  # ISO date
    total: int
    items: dict[str, int]
    baseline_n: int
    baseline_needed: int
    building_baseline: bool
    total_z: ZScore | None
    item_z: dict[str, ZScore]
    flagged: bool
    worse_items: list[str]
    notes: str | None
    stale: bool
    days_old: int


@dataclass(frozen=True)
class RosterRow(AthleteDay):
    """One athlete of the roster: the club view's row (``AthleteDay``) with its flags typed."""

    test_flags: list[TestFlag]
    readiness: Readiness | None


@dataclass(frozen=True)
class Roster:
    as_of: str  # ISO date
    athletes: list[RosterRow]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _z(doc: dict[str, Any] | None) -> ZScore | None:
    return None if doc is None else ZScore(**doc)


def _readiness(doc: dict[str, Any] | None) -> Readiness | None:
    if doc is None:
        return None
    return Readiness(
        **{
            **doc,
            "total_z": _z(doc.get("total_z")),
            "item_z": {k: ZScore(**v) for k, v in (doc.get("item_z") or {}).items()},
        }
    )


_SHARED = tuple(f.name for f in fields(AthleteDay))


def _row(r: ClubRow) -> RosterRow:
    return RosterRow(
        **{k: getattr(r, k) for k in _SHARED},
        test_flags=[TestFlag(**f) for f in r.test_flags],
        readiness=_readiness(r.readiness),
    )


def roster(db: Database, actor: Actor, as_of: date | None = None) -> Roster:
    """The athletes whose accepted link to the actor holds ``view_training``, most in need of a
    look first."""
    with db.read(actor, primary=True) as s:
        linked = stored_athletes.linked_with(s, actor, Scope.VIEW_TRAINING)
    if not linked:
        end = as_of or date.today()
        return Roster(end.isoformat(), [])
    view = analytics.club_view(db, actor, as_of)
    return Roster(view.as_of, [_row(r) for r in view.athletes if r.athlete_id in linked])
