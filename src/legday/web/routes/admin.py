"""`/api/v1/admin/*`: a server admin manages accounts (never athlete data)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from legday.app import account_people
from legday.web.deps import DB, AdminActor
from legday.web.problems import responses

router = APIRouter(prefix="/api/v1/admin", tags=["admin"], responses=responses(401, 403, 404, 422))


class AccountOut(BaseModel):
    id: int
    email: str | None
    name: str
    is_admin: bool
    created_at: str


class AccountList(BaseModel):
    items: list[AccountOut]


class SignedOut(BaseModel):
    revoked_sessions: int


@router.get("/users")
def list_users(actor: AdminActor, db: DB) -> AccountList:
    return AccountList(
        items=[AccountOut(**u.as_json()) for u in account_people.list_users(db, actor)]
    )


@router.post("/users/{user_id}/sign-out")
def sign_out_user(user_id: int, actor: AdminActor, db: DB) -> SignedOut:
    """End every session of an account (a lost phone, a member who left)."""
    return SignedOut(revoked_sessions=account_people.admin_sign_out(db, actor, user_id))
