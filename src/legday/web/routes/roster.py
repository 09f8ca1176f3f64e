"""`GET /api/v1/roster`: a coach's athletes with today's flags."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from legday.app import roster
from legday.web.deps import DB, CurrentActor
from legday.web.problems import responses

router = APIRouter(prefix="/api/v1", tags=["roster"], responses=responses(400, 401, 422))


class RosterRow(BaseModel):
    athlete_id: int
    athlete: str
    last_day: str | None
    days_since_last_session: int | None
    stale: bool
    acwr_rolling: float | None
    flags: list[str]
    test_flags: list[dict[str, Any]]
    readiness: dict[str, Any] | None
    load_7d: float
    load_28d: float
    attention: int
    attention_reasons: list[str]


class Roster(BaseModel):
    as_of: str
    items: list[RosterRow]


@router.get("/roster")
def get_roster(
    actor: CurrentActor,
    db: DB,
    as_of: Annotated[date | None, Query(description="the day the flags are as of")] = None,
) -> Roster:
    """The athletes who accepted the caller, most in need of a look first (attention score)."""
    view = roster.roster(db, actor, as_of)
    doc = view.as_json()
    return Roster(
        as_of=doc["as_of"],
        items=[RosterRow.model_validate(r, from_attributes=False) for r in doc["athletes"]],
    )
