"""The exercise catalog (`/api/v1/exercises`: search, show, match a foreign name) and each
athlete's own name mappings (`/api/v1/athletes/{id}/mappings`: list, add, delete)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from legday.app import catalog, mappings
from legday.domain.access import Scope
from legday.web.deps import DB, CurrentActor
from legday.web.encode import jsonable
from legday.web.guard import open_athlete
from legday.web.problems import responses

router = APIRouter(
    prefix="/api/v1", tags=["exercises"], responses=responses(400, 401, 403, 404, 422)
)

Filter = Annotated[str | None, Query(max_length=100)]
PAGE_MAX = 200


class ExerciseBrief(BaseModel):
    id: str
    name: str
    region: str
    pattern: str
    equipment: list[str]
    level: str | int | None


class ExercisePage(BaseModel):
    items: list[ExerciseBrief]
    next_cursor: str | None


class MappingIn(BaseModel):
    raw: str = Field(min_length=1, max_length=300, description="the name as the other app wrote it")
    exercise_id: str = Field(min_length=1, max_length=100)


class MappingOut(BaseModel):
    id: int
    raw: str
    exercise_id: str
    exercise_name: str
    created_at: str


class MappingList(BaseModel):
    items: list[MappingOut]


class MappingChange(BaseModel):
    athlete: str
    raw: str
    exercise_id: str
    exercise_name: str
    names_matched: list[str]
    sets_updated: int
    days_refreshed: int


@router.get("/exercises")
def search(
    _actor: CurrentActor,
    q: Filter = None,
    pattern: Filter = None,
    muscle: Filter = None,
    equipment: Filter = None,
    region: Filter = None,
    benefit: Filter = None,
    cursor: Annotated[str | None, Query(max_length=6, pattern=r"^[0-9]+$")] = None,
    limit: Annotated[int, Query(ge=1, le=PAGE_MAX)] = 50,
) -> ExercisePage:
    """Catalog exercises by filter; ``q`` keeps those whose name or an alias contains it."""
    found = catalog.list_exercises(pattern, muscle, equipment, region, benefit)
    if q is not None and q.strip():
        needle = q.strip().lower()
        found = [
            e
            for e in found
            if needle in e.name.lower() or any(needle in a.lower() for a in e.aliases)
        ]
    start = int(cursor) if cursor else 0
    page = found[start : start + limit]
    more = start + limit < len(found)
    return ExercisePage(
        items=[
            ExerciseBrief(
                id=e.id,
                name=e.name,
                region=e.region,
                pattern=e.pattern,
                equipment=list(e.equipment),
                level=e.level,
            )
            for e in page
        ],
        next_cursor=str(start + limit) if more else None,
    )


@router.get("/exercises/match", response_model=dict[str, Any])
def match(
    name: Annotated[str, Query(min_length=1, max_length=300)],
    request: Request,
    actor: CurrentActor,
    db: DB,
    athlete_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> JSONResponse:
    """What a foreign exercise name means (with the athlete's own mappings when one is named)."""
    own = None
    if athlete_id is not None:
        open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "match a name for")
        own = catalog.user_mappings(db, actor, athlete_id)
    return JSONResponse(jsonable(catalog.match(name, own).as_json()))


@router.get("/exercises/{exercise_id}", response_model=dict[str, Any])
def show(exercise_id: str, _actor: CurrentActor) -> JSONResponse:
    """Every field of one exercise, its regressions and progressions named."""
    return JSONResponse(jsonable(catalog.exercise_view(catalog.show(exercise_id), True).as_json()))


@router.get("/athletes/{athlete_id}/mappings")
def list_mappings(athlete_id: int, request: Request, actor: CurrentActor, db: DB) -> MappingList:
    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "read the mappings of")
    return MappingList(
        items=[MappingOut(**m.as_json()) for m in mappings.list_mappings(db, actor, athlete_id)]
    )


@router.post("/athletes/{athlete_id}/mappings", status_code=201)
def add_mapping(
    athlete_id: int, body: MappingIn, request: Request, actor: CurrentActor, db: DB
) -> MappingChange:
    """Remember what a foreign name means and classify the past sets carrying it again."""
    open_athlete(request, db, actor, athlete_id, Scope.LOG_FOR_ATHLETE, "map a name for")
    r = mappings.map_exercise(db, actor, athlete_id, body.raw, body.exercise_id)
    return MappingChange(**r.as_json())


@router.delete("/athletes/{athlete_id}/mappings/{mapping_id}")
def delete_mapping(
    athlete_id: int, mapping_id: int, request: Request, actor: CurrentActor, db: DB
) -> MappingChange:
    """Forget a mapping; the sets carrying that name are classified again without it."""
    open_athlete(request, db, actor, athlete_id, Scope.LOG_FOR_ATHLETE, "remove a mapping of")
    r = mappings.unmap_exercise(db, actor, athlete_id, mapping_id)
    return MappingChange(**r.as_json())
