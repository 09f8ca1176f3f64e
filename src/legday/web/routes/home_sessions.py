"""`/api/v1/athletes/{id}/home-sessions`: a home programme's sessions (adherence, pain 0–10,
settled by the next morning), one per day. A pain rating is health data: reading, recording and
removing them all need ``view_health`` (a refusal answers 404 like a missing athlete, and every
use of someone else's athlete is logged); recording and removing also need ``log_for_athlete``.
A day's record carries an ETag; a PUT or DELETE with an older If-Match answers 412."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from legday.app import home_programme
from legday.domain.access import Scope
from legday.web.deps import DB, CurrentActor
from legday.web.guard import open_athlete
from legday.web.problems import responses

router = APIRouter(
    prefix="/api/v1/athletes/{athlete_id}/home-sessions",
    tags=["home programme"],
    responses=responses(400, 401, 403, 404, 422),
)

IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=200)]


class HomeSessionIn(BaseModel):
    adherence: Literal["done", "partly", "not"]
    pain_during: int | None = Field(default=None, ge=0, le=10, description="0–10 during exercise")
    settled_by_morning: bool | None = None
    notes: str | None = Field(default=None, max_length=home_programme.MAX_NOTE)


class HomeSessionOut(BaseModel):
    athlete_id: int
    date: date
    adherence: str
    pain_during: int | None
    settled_by_morning: bool | None
    notes: str | None
    recorded_by_id: int | None
    recorded_at: datetime


class HomeWeekOut(BaseModel):
    week: str
    done: int
    partly: int
    not_: int = Field(alias="not")
    mean_pain: float | None
    pain_rising: bool


class HomeDayOut(BaseModel):
    date: date
    adherence: str
    pain_during: int | None
    settled_by_morning: bool | None
    flags: list[str]
    notes: str | None


class HomeSessionList(BaseModel):
    athlete_id: int
    pain_rule: str | None = Field(description="the plan's pain-monitoring rule, where it has one")
    items: list[HomeDayOut] = Field(description="the last eight weeks, oldest first")
    weeks: list[HomeWeekOut]


def _latest_day() -> date:
    """The latest day a client may record: the client's today may be a day ahead of UTC (zones
    run to UTC+14), and the API does not know the client's zone."""
    return datetime.now(UTC).date() + timedelta(days=1)


def _one(rec: home_programme.HomeRecord, status: int = 200) -> JSONResponse:
    body = HomeSessionOut(**rec.as_json()).model_dump(mode="json")
    return JSONResponse(body, status_code=status, headers={"ETag": rec.etag})


def _open(request: Request, db: Any, actor: Any, athlete_id: int, action: str) -> None:
    open_athlete(request, db, actor, athlete_id, Scope.VIEW_HEALTH, action)


@router.get("", response_model=HomeSessionList)
def list_home_sessions(athlete_id: int, request: Request, actor: CurrentActor, db: DB) -> Any:
    """The last eight weeks of home sessions with the trend week by week."""
    _open(request, db, actor, athlete_id, "read home sessions of")
    doc = home_programme.load(db, actor, athlete_id, _latest_day()).as_json()
    out = HomeSessionList(
        athlete_id=athlete_id,
        pain_rule=doc["pain_rule"],
        items=[HomeDayOut(**d) for d in doc["days"]],
        weeks=[HomeWeekOut(**w) for w in doc["weeks"]],
    )
    return JSONResponse(out.model_dump(mode="json", by_alias=True))


@router.get("/{day}", response_model=HomeSessionOut)
def get_home_session(
    athlete_id: int, day: date, request: Request, actor: CurrentActor, db: DB
) -> JSONResponse:
    """One day's home session; its ETag goes into If-Match when changing it."""
    _open(request, db, actor, athlete_id, "read home sessions of")
    return _one(home_programme.one(db, actor, athlete_id, day))


@router.put("/{day}", response_model=HomeSessionOut, responses=responses(412))
def put_home_session(
    athlete_id: int,
    day: date,
    body: HomeSessionIn,
    request: Request,
    actor: CurrentActor,
    db: DB,
    if_match: IfMatch = None,
) -> JSONResponse:
    """Record the day's home session, or replace what was recorded for it."""
    _open(request, db, actor, athlete_id, "record a home session of")
    rec = home_programme.record(
        db,
        actor,
        athlete_id,
        day,
        body.adherence,
        body.pain_during,
        body.settled_by_morning,
        body.notes,
        today=_latest_day(),
        if_match=if_match,
    )
    return _one(rec)


@router.delete("/{day}", status_code=204, responses=responses(412))
def delete_home_session(
    athlete_id: int,
    day: date,
    request: Request,
    actor: CurrentActor,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    _open(request, db, actor, athlete_id, "remove a home session of")
    home_programme.delete(db, actor, athlete_id, day, if_match)
    return Response(status_code=204)
