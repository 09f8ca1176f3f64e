"""Tests of an athlete: `/api/v1/athletes/{id}/assessments` (record, history) and
`/api/v1/assessments/{id}` (show, correct, remove); `/api/v1/tests` says what each test is.

A recorded test answers with its rating against the norm band and the band's source, as the CLI's
``legday assess record --json``. Readiness entries are health data: a coach or physio reads them
only with the ``view_health`` scope; every other test needs ``view_assessments``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from legday.app import access_log, assess, assess_edit, assess_explain
from legday.domain.access import Scope
from legday.web.deps import DB, CurrentActor, client_ip
from legday.web.encode import jsonable
from legday.web.guard import open_athlete
from legday.web.problems import responses

router = APIRouter(
    prefix="/api/v1", tags=["assessments"], responses=responses(400, 401, 403, 404, 409, 422)
)

TestId = Annotated[str, Field(min_length=1, max_length=60)]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=200)]
Value = float | int | str | bool | None


class AssessmentIn(BaseModel):
    """One test result. ``values`` are the test's inputs (``GET /api/v1/tests/{id}`` lists them);
    loads are in the athlete's unit unless ``load_unit`` says otherwise; age, sex and body mass
    come from the athlete's profile when left out."""

    test: TestId
    values: dict[Annotated[str, Field(max_length=40)], Value] = Field(max_length=30)
    taken_on: date | None = None
    exercise: str | None = Field(default=None, max_length=100)
    load_unit: Literal["kg", "lb"] | None = None
    age: int | None = Field(default=None, ge=5, le=110)
    sex: Literal["male", "female"] | None = None
    mass_kg: float | None = Field(default=None, gt=0, le=400)
    nearest_band: bool = False
    notes: str | None = Field(default=None, max_length=2000)
    confirm: bool = Field(default=False, description="store a value outside the plausible range")
    again: bool = Field(default=False, description="store an exact repeat as a new trial")


class AssessmentPatch(BaseModel):
    """Inputs to change (others keep their stored values); the test is scored again."""

    values: dict[Annotated[str, Field(max_length=40)], Value] = Field(
        default_factory=dict, max_length=30
    )
    taken_on: date | None = None
    exercise: str | None = Field(default=None, max_length=100)
    load_unit: Literal["kg", "lb"] | None = None
    notes: str | None = Field(default=None, max_length=2000)
    confirm: bool = False
    again: bool = False


class AssessmentBrief(BaseModel):
    id: int
    athlete: str
    test: str
    taken_on: str
    value: float | None
    unit: str | None
    flags: list[str]


class EditedOut(BaseModel):
    assessment: dict[str, Any]
    before: dict[str, Any]


@router.get("/tests", response_model=list[dict[str, Any]])
def list_tests(_actor: CurrentActor) -> JSONResponse:
    """Every test with its unit, the inputs it takes and its sources."""
    return JSONResponse(jsonable([t.as_json() for t in assess_explain.list_tests()]))


@router.get("/tests/{test_id}", response_model=dict[str, Any])
def explain_test(test_id: str, _actor: CurrentActor) -> JSONResponse:
    """Protocol, formula, norm tables (with their verification status) and sources of a test."""
    return JSONResponse(jsonable(assess_explain.explain(test_id).as_json()))


@router.get("/athletes/{athlete_id}/assessments", response_model=dict[str, Any])
def history(
    athlete_id: int,
    request: Request,
    actor: CurrentActor,
    db: DB,
    test: Annotated[str | None, Query(max_length=60)] = None,
) -> JSONResponse:
    """Every recorded test the caller may read, grouped by test, oldest first, with the trend."""
    open_athlete(request, db, actor, athlete_id, Scope.VIEW_ASSESSMENTS, "read the tests of")
    return JSONResponse(jsonable(assess.history(db, actor, athlete_id, test).as_json()))


@router.post("/athletes/{athlete_id}/assessments", status_code=201, response_model=dict[str, Any])
def record(
    athlete_id: int, body: AssessmentIn, request: Request, actor: CurrentActor, db: DB
) -> JSONResponse:
    """Score and store a test: the value, its rating against the norm band and the band's source."""
    open_athlete(request, db, actor, athlete_id, Scope.LOG_FOR_ATHLETE, "record a test for")
    rec = assess.record(
        db,
        actor,
        athlete_id,
        body.test,
        dict(body.values),
        taken_on=body.taken_on,
        age=body.age,
        sex=body.sex,
        mass_kg=body.mass_kg,
        nearest_band=body.nearest_band,
        load_unit=body.load_unit,
        notes=body.notes,
        exercise=body.exercise,
        confirm=body.confirm,
        again=body.again,
    )
    return JSONResponse(jsonable(rec.as_json()), status_code=201)


@router.get("/assessments/{assessment_id}", response_model=AssessmentBrief)
def show(assessment_id: int, request: Request, actor: CurrentActor, db: DB) -> JSONResponse:
    """One recorded test in brief; its ETag goes into If-Match when correcting or removing it."""
    athlete_id = access_log.open_assessment(
        db, actor, assessment_id, False, action="read a test of", ip=client_ip(request)
    )
    found = assess_edit.show_versioned(db, actor, assessment_id, athlete_id)
    body = AssessmentBrief(**found.summary.as_json()).model_dump(mode="json")
    return JSONResponse(body, headers={"ETag": found.version})


@router.patch("/assessments/{assessment_id}", response_model=EditedOut, responses=responses(412))
def edit(
    assessment_id: int,
    body: AssessmentPatch,
    request: Request,
    actor: CurrentActor,
    db: DB,
    if_match: IfMatch = None,
) -> JSONResponse:
    """Correct a recorded test; it is scored again with today's norm tables. With If-Match, a
    test changed since that version answers 412 and stays as it is."""
    athlete_id = access_log.open_assessment(
        db, actor, assessment_id, True, action="correct a test of", ip=client_ip(request)
    )
    edited = assess_edit.edit(
        db,
        actor,
        assessment_id,
        dict(body.values),
        athlete_id=athlete_id,
        taken_on=body.taken_on,
        load_unit=body.load_unit,
        notes=body.notes,
        exercise=body.exercise,
        confirm=body.confirm,
        again=body.again,
        if_match=if_match,
    )
    out = EditedOut(assessment=jsonable(edited.record.as_json()), before=jsonable(edited.before))
    return JSONResponse(out.model_dump(mode="json"), headers={"ETag": edited.version})


@router.delete("/assessments/{assessment_id}", status_code=204, responses=responses(412))
def delete(
    assessment_id: int,
    request: Request,
    actor: CurrentActor,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    athlete_id = access_log.open_assessment(
        db, actor, assessment_id, True, action="remove a test of", ip=client_ip(request)
    )
    assess_edit.delete(db, actor, assessment_id, athlete_id, if_match)
    return Response(status_code=204)
