"""`/api/v1/me`: the signed-in account, its athlete profile, and who looked at their data."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from legday.app import access_log, accounts
from legday.web.deps import DB, CurrentActor
from legday.web.problems import responses
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


@router.get("")
def me(actor: CurrentActor, db: DB) -> UserOut:
    return user_out(accounts.me(db, actor))


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
