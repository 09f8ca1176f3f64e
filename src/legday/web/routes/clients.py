"""`/api/v1/clients`: practice-held client records with a consent record; claiming one."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from legday.app import practice
from legday.web.deps import DB, CurrentActor, client_ip
from legday.web.problems import HTTPProblem, responses

router = APIRouter(
    prefix="/api/v1/clients", tags=["clients"], responses=responses(400, 401, 403, 404, 409, 422)
)


class ConsentIn(BaseModel):
    given_on: date
    purpose: str = Field(min_length=1, max_length=2000)
    witness: str = Field(min_length=1, max_length=200)


class ClientIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    consent: ConsentIn
    scopes: list[str] | None = Field(default=None, max_length=6)


class ClientOut(BaseModel):
    athlete_id: int
    link_id: int
    name: str
    consent_id: int


class ClaimCodeOut(BaseModel):
    code: str
    expires_at: datetime


class ClaimIn(BaseModel):
    code: str = Field(min_length=1, max_length=40)


class Claimed(BaseModel):
    athlete_id: int


def _person(actor: object) -> None:
    if getattr(actor, "scopes", None) is not None:
        raise HTTPProblem(403, "Forbidden", "a scoped API token cannot do this", slug="forbidden")


@router.post("", status_code=201)
def create_client(body: ClientIn, actor: CurrentActor, db: DB) -> ClientOut:
    """A client without an account, held by the caller's practice, with the consent given."""
    _person(actor)
    v = practice.create_client(
        db,
        actor,
        body.name,
        given_on=body.consent.given_on,
        purpose=body.consent.purpose,
        witness=body.consent.witness,
        scopes=body.scopes,
    )
    return ClientOut(**v.as_json())


@router.post("/{athlete_id}/claim-code", status_code=201)
def new_claim_code(athlete_id: int, actor: CurrentActor, db: DB) -> ClaimCodeOut:
    _person(actor)
    issued = practice.claim_code(db, actor, athlete_id)
    return ClaimCodeOut(code=issued.code, expires_at=issued.expires_at.replace(tzinfo=UTC))


@router.post("/claim")
def claim(body: ClaimIn, request: Request, actor: CurrentActor, db: DB) -> Claimed:
    """Take a practice-held record into the caller's account."""
    _person(actor)
    return Claimed(athlete_id=practice.claim(db, actor, body.code, client_ip(request)))
