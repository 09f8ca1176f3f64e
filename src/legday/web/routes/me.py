"""`/api/v1/me`: the signed-in account, its athlete profile, and who looked at their data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from legday.app import access_log, account_people, accounts
from legday.web.deps import COOKIE, DB, CurrentActor, client_ip
from legday.web.problems import HTTPProblem, responses
from legday.web.routes.auth import UserOut, user_out

router = APIRouter(prefix="/api/v1/me", tags=["me"], responses=responses(401, 404, 422))


class LogEntry(BaseModel):
    id: int
    at: str
    actor_id: int | None
    actor_name: str | None
    action: str
    outcome: str
    athlete_id: int | None
    target: str | None


class LogPage(BaseModel):
    items: list[LogEntry]
    next_cursor: str | None


class ProfileOut(BaseModel):
    id: int
    name: str
    unit: str
    level: str
    sex: str | None
    birth_date: str | None
    body_mass_kg: float | None
    height_cm: float | None


class MeOut(UserOut):
    athlete: ProfileOut | None


@router.get("")
def me(actor: CurrentActor, db: DB) -> MeOut:
    """The signed-in account and the athlete profile it owns."""
    profile = account_people.own_athlete(db, actor)
    return MeOut(
        **user_out(accounts.me(db, actor)).model_dump(),
        athlete=ProfileOut(**profile.as_json()) if profile else None,
    )


class DeleteIn(BaseModel):
    password: str = Field(max_length=accounts.PASSWORD_MAX)


@router.post("/delete", status_code=204, responses=responses(400, 429))
def delete_me(body: DeleteIn, request: Request, actor: CurrentActor, db: DB) -> Response:
    """Delete the account and all its data, once its password is given again."""
    if actor.scopes is not None:
        raise HTTPProblem(
            403, "Forbidden", "a scoped API token cannot delete the account", slug="forbidden"
        )
    accounts.delete_account(db, actor, body.password, client_ip(request))
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="lax")
    return response


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}, "description": "a zip file"}},
)
def export_me(request: Request, actor: CurrentActor, db: DB) -> Response:
    """Everything the account owns as one zip (JSON, spreadsheet-safe CSV, the plan's .ics)."""
    from legday.app import account_export

    data = account_export.export_account(db, actor, client_ip(request))
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="legday-export.zip"'},
    )


@router.get("/access-log")
def my_access_log(
    actor: CurrentActor,
    db: DB,
    cursor: Annotated[str | None, Query(max_length=9, pattern=r"^[0-9]+$")] = None,
    limit: Annotated[int, Query(ge=1, le=access_log.PAGE_MAX)] = 50,
) -> LogPage:
    """Who read or changed your data, sign-ins and refusals, newest first."""
    page = access_log.for_account(db, actor, before=int(cursor) if cursor else None, limit=limit)
    items: list[Any] = page.items
    return LogPage(
        items=[LogEntry(**e) for e in items],
        next_cursor=str(page.next_cursor) if page.next_cursor is not None else None,
    )
