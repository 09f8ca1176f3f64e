"""Analysis and plans of one athlete: `/api/v1/athletes/{id}/analysis`, `/plans`,
`/plans/current`, `/plans/current.ics`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from legday.app import analytics, planning
from legday.domain.access import Scope
from legday.domain.errors import InvalidInput
from legday.web.deps import DB, CurrentActor
from legday.web.encode import jsonable
from legday.web.guard import open_athlete
from legday.web.problems import responses

router = APIRouter(
    prefix="/api/v1/athletes",
    tags=["analysis and plans"],
    responses=responses(400, 401, 403, 404, 422),
)


class PlanIn(BaseModel):
    """What to plan for; anything left out comes from the athlete's stored profile."""

    goals: list[str] | None = Field(default=None, max_length=10)
    days: int | None = Field(default=None, ge=1, le=7)
    minutes: int | None = Field(default=None, ge=10, le=240)
    equipment: list[str] | None = Field(default=None, max_length=40)
    limitations: list[str] | None = Field(default=None, max_length=20)
    sport: str | None = Field(default=None, max_length=50)
    season: str | None = Field(default=None, max_length=20)
    weeks: int | None = Field(default=None, ge=1, le=52)
    start: date | None = None
    seed: int | None = Field(default=None, ge=0, le=2**31 - 1)
    family: str | None = Field(default=None, max_length=50)


@router.get("/{athlete_id}/analysis", response_model=dict[str, Any])
def analysis(
    athlete_id: int,
    request: Request,
    actor: CurrentActor,
    db: DB,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> JSONResponse:
    """The athlete's analysis (the `legday analyze --json` document, docs/contracts/analyze.md)."""
    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "analysis")
    doc = analytics.analyze(db, actor, athlete_id, date_from, date_to)
    return JSONResponse(jsonable(doc.as_json()))


@router.post("/{athlete_id}/plans", status_code=201, response_model=dict[str, Any])
def generate_plan(
    athlete_id: int, body: PlanIn, request: Request, actor: CurrentActor, db: DB
) -> JSONResponse:
    """Generate the athlete's plan and make it their current one (earlier plans are kept)."""
    from legday.domain.plan.families import FAMILIES
    from legday.domain.plan.remedy import PlanRefused

    open_athlete(request, db, actor, athlete_id, Scope.WRITE_PLAN, "generate a plan for")
    if body.family is not None and body.family not in FAMILIES:
        raise InvalidInput(f"family {body.family!r} is not known", "one of " + ", ".join(FAMILIES))
    flags = body.model_dump(exclude={"family"}, exclude_none=True)
    try:
        saved = planning.generate(db, actor, athlete_id, flags, None, body.family)
    except PlanRefused as refused:
        raise InvalidInput(refused.message, "change the days, minutes or equipment") from None
    return JSONResponse(jsonable({"plan_id": saved.plan_id, **saved.body}), status_code=201)


@router.get("/{athlete_id}/plans/current", response_model=dict[str, Any])
def current_plan(
    athlete_id: int,
    request: Request,
    actor: CurrentActor,
    db: DB,
    week: Annotated[int | None, Query(ge=1, le=52)] = None,
) -> JSONResponse:
    """The current plan (docs/plan-format.md); with ``week``, that week only."""
    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "read the plan of")
    return JSONResponse(jsonable(planning.show(db, actor, athlete_id, week).as_json()))


@router.get(
    "/{athlete_id}/plans/current.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "iCalendar"}},
)
def current_plan_ics(athlete_id: int, request: Request, actor: CurrentActor, db: DB) -> Response:
    """The current plan's sessions as iCalendar events, for a phone's calendar."""
    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "export the plan of")
    out = planning.export(db, actor, athlete_id, "ics")
    return Response(
        out.data,
        media_type="text/calendar; charset=utf-8",
        # The file name is ours, never taken from user input (ASVS 5.0 V5.4.1).
        headers={"Content-Disposition": f'attachment; filename="legday-plan-{out.plan_id}.ics"'},
    )


@router.get("/{athlete_id}/plans/current/why", response_model=dict[str, Any])
def why(
    athlete_id: int,
    request: Request,
    actor: CurrentActor,
    db: DB,
    exercise: Annotated[str, Query(min_length=1, max_length=100)],
) -> JSONResponse:
    """Why the current plan holds an exercise: the rules, doses and sources behind it."""
    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "explain the plan of")
    return JSONResponse(jsonable(planning.why(db, actor, athlete_id, exercise).as_json()))


@router.get("/{athlete_id}/plans/current/check", response_model=dict[str, Any])
def check(athlete_id: int, request: Request, actor: CurrentActor, db: DB) -> JSONResponse:
    """The rule checker's verdict on the current plan (also after a coach edited it)."""
    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "check the plan of")
    return JSONResponse(jsonable(planning.check(db, actor, athlete_id).as_json()))


@router.get(
    "/{athlete_id}/plans/current.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "the printable sheet"}},
)
def current_plan_pdf(athlete_id: int, request: Request, actor: CurrentActor, db: DB) -> Response:
    """The current plan as a printable sheet (needs the ``report`` extra's PDF engine)."""
    from legday.app import plan_files

    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "print the plan of")
    file = plan_files.plan_file(db, actor, athlete_id, "pdf")
    data, name = file.data, file.filename
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
