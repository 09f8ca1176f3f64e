"""`/api/v1/care-links`: invite, accept, decline, revoke; one-time codes for athletes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from legday.app import care_links
from legday.domain.access import Actor
from legday.web.deps import DB, CurrentActor, client_ip
from legday.web.problems import HTTPProblem, responses

router = APIRouter(
    prefix="/api/v1/care-links",
    tags=["care links"],
    responses=responses(400, 401, 403, 404, 409, 422),
)

Role = Literal["coach", "physio"]


class LinkIn(BaseModel):
    athlete_email: str | None = Field(default=None, max_length=320)
    code: str | None = Field(default=None, max_length=40)
    role: Role | None = None
    scopes: list[str] | None = Field(default=None, max_length=6)


class LinkOut(BaseModel):
    id: int
    athlete_id: int | None
    athlete_name: str
    member_id: int
    member_name: str
    role: str
    status: str
    scopes: list[str]
    side: str
    created_at: datetime
    decided_at: datetime | None


class LinkList(BaseModel):
    items: list[LinkOut]


class CodeIn(BaseModel):
    role: Role


class CodeOut(BaseModel):
    code: str
    role: str
    expires_at: datetime


def _full_account(actor: Actor) -> None:
    """Consent is given by the person, never by a script's token."""
    if actor.scopes is not None:
        raise HTTPProblem(
            403, "Forbidden", "a scoped API token cannot change care links", slug="forbidden"
        )


def _out(v: care_links.LinkView) -> LinkOut:
    return LinkOut(**v.as_json())


@router.get("")
def list_links(actor: CurrentActor, db: DB) -> LinkList:
    return LinkList(items=[_out(v) for v in care_links.list_links(db, actor)])


@router.post("", status_code=201)
def create_link(body: LinkIn, request: Request, actor: CurrentActor, db: DB) -> LinkOut:
    """A coach invites an athlete by e-mail, or an athlete enters a coach's code; the link is
    ``invited`` until the athlete accepts."""
    _full_account(actor)
    return _out(
        care_links.invite(
            db,
            actor,
            role=body.role,
            scopes=body.scopes,
            athlete_email=body.athlete_email,
            code=body.code,
            ip=client_ip(request),
        )
    )


@router.post("/codes", status_code=201)
def new_code(body: CodeIn, actor: CurrentActor, db: DB) -> CodeOut:
    """A one-time code (7 days) for an athlete to enter."""
    _full_account(actor)
    v = care_links.new_code(db, actor, body.role)
    return CodeOut(code=v.code, role=v.role, expires_at=v.expires_at.replace(tzinfo=UTC))


@router.post("/{link_id}/accept")
def accept(link_id: int, request: Request, actor: CurrentActor, db: DB) -> LinkOut:
    _full_account(actor)
    return _out(care_links.accept(db, actor, link_id, client_ip(request)))


@router.post("/{link_id}/decline")
def decline(link_id: int, request: Request, actor: CurrentActor, db: DB) -> LinkOut:
    _full_account(actor)
    return _out(care_links.decline(db, actor, link_id, client_ip(request)))


@router.post("/{link_id}/revoke")
def revoke(link_id: int, request: Request, actor: CurrentActor, db: DB) -> LinkOut:
    _full_account(actor)
    return _out(care_links.revoke(db, actor, link_id, client_ip(request)))
