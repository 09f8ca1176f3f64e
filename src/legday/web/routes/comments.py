"""`/api/v1/sessions/{id}/comments`: a coach's or physio's comments on a session. Reading them
needs the session's training data (``view_training``), writing one the ``comment`` scope; either
refusal answers 404 like a missing session, and every use of someone else's session is logged."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from legday.app import comments
from legday.domain.access import Scope
from legday.web.deps import DB, CurrentActor
from legday.web.guard import open_session
from legday.web.problems import responses

router = APIRouter(
    prefix="/api/v1/sessions", tags=["training"], responses=responses(400, 401, 403, 404, 422)
)


class CommentIn(BaseModel):
    body: str = Field(min_length=1, max_length=comments.MAX_CHARS)


class CommentOut(BaseModel):
    id: int
    session_id: int
    athlete_id: int
    author_id: int | None
    author_name: str
    body: str
    created_at: datetime
    session_started_at: datetime | None = None


class CommentList(BaseModel):
    items: list[CommentOut]


@router.get("/{session_id}/comments")
def list_comments(session_id: int, request: Request, actor: CurrentActor, db: DB) -> CommentList:
    """The session's comments, oldest first."""
    open_session(request, db, actor, session_id, Scope.VIEW_TRAINING, "read comments of")
    found = comments.of_session(db, actor, session_id)
    return CommentList(items=[CommentOut(**c.as_json()) for c in found])


@router.post("/{session_id}/comments", status_code=201)
def add_comment(
    session_id: int, body: CommentIn, request: Request, actor: CurrentActor, db: DB
) -> CommentOut:
    open_session(request, db, actor, session_id, Scope.COMMENT, "comment on")
    return CommentOut(**comments.add(db, actor, session_id, body.body).as_json())
