"""`GET /api/v1/roster`: a coach's athletes with today's flags."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
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


_PLAIN = tuple(n for n in RosterRow.model_fields if n not in ("test_flags", "readiness"))


def _item(r: roster.RosterRow) -> RosterRow:
    return RosterRow(
        **{n: getattr(r, n) for n in _PLAIN},
        test_flags=[asdict(f) for f in r.test_flags],
        readiness=None if r.readiness is None else asdict(r.readiness),
    )


@router.get("/roster", response_model=Roster)
def get_roster(
    actor: CurrentActor,
    db: DB,
    as_of: Annotated[date | None, Query(description="the day the flags are as of")] = None,
) -> JSONResponse:
    """The athletes who accepted the caller, most in need of a look first (attention score)."""
    view = roster.roster(db, actor, as_of)
    body = Roster(as_of=view.as_of, items=[_item(r) for r in view.athletes])
    # Validated once, here: returned as a model, FastAPI would dump and validate it again
    # (a fifth of the route's time for 50 athletes).
    return JSONResponse(body.model_dump(mode="json"))
