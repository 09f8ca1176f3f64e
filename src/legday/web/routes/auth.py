"""`/api/v1/auth/*`: register, sign in and out, personal API tokens, password reset."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field, ValidationError

from legday.app import accounts, api_tokens, registration
from legday.app import password_reset as resets
from legday.domain.errors import InvalidInput, LegdayError
from legday.web.deps import (
    COOKIE,
    DB,
    CurrentActor,
    client_ip,
    database,
    principal,
    same_origin,
)
from legday.web.problems import HTTPProblem, problem, responses, title_of

log = logging.getLogger("legday.web")

router = APIRouter(
    prefix="/api/v1/auth", tags=["auth"], responses=responses(400, 401, 403, 409, 422, 429)
)


class UserOut(BaseModel):
    id: int
    email: str | None
    name: str
    is_admin: bool
    athlete_id: int | None


class RegisterIn(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=accounts.PASSWORD_MAX)
    name: str = Field(max_length=200)


class LoginIn(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=accounts.PASSWORD_MAX)
    next: str | None = Field(default=None, max_length=500)


class LoginOut(BaseModel):
    user: UserOut
    csrf_token: str
    expires_at: datetime


class TokenIn(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=accounts.PASSWORD_MAX)
    scopes: list[str] | None = Field(default=None, max_length=10)
    name: str | None = Field(default=None, max_length=100)
    expires_in_days: int | None = Field(default=None, ge=1, le=accounts.TOKEN_DAYS_MAX)


class TokenOut(BaseModel):
    id: int
    name: str
    scopes: list[str] | None
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    token: str | None = None


class TokenList(BaseModel):
    items: list[TokenOut]


class ResetIn(BaseModel):
    token: str = Field(max_length=200)
    password: str = Field(max_length=accounts.PASSWORD_MAX)


class CsrfOut(BaseModel):
    csrf_token: str


class SignedOutEverywhere(BaseModel):
    revoked_sessions: int


def user_out(u: accounts.UserView) -> UserOut:
    return UserOut(**u.as_json())


def _refuse_cross_site(request: Request) -> None:
    if not same_origin(request):
        raise HTTPProblem(403, "Forbidden", "the request came from another site", slug="csrf")


@router.post("/register", status_code=201, response_model=UserOut)
def register(body: RegisterIn, request: Request, db: DB) -> Any:
    """A new account and the athlete profile it owns. A taken address answers 409 (and its
    holder is told by mail when this server sends mail); such attempts count as failed
    sign-ins of the address they come from, and too many answer 429 (why not a neutral answer:
    docs/server.md#registration-and-account-enumeration)."""
    _refuse_cross_site(request)
    try:
        made = registration.register(
            db, body.email, body.password, body.name, ip=client_ip(request)
        )
    except registration.AddressTaken as exc:
        later = tell_holder_later(exc)
        if later is None:
            raise
        answer = problem(409, title_of(409), exc.message, slug="conflict", hint=exc.hint)
        answer.background = later
        return answer
    return user_out(made)


def tell_holder_later(exc: registration.AddressTaken) -> Any:
    """The mail telling an address's holder that someone tried to register with it, as a task
    to run after the answer (so its timing tells nothing), or None when none is to be sent."""
    from starlette.background import BackgroundTask

    configured = mail_settings()
    if configured is None or exc.notify is None:
        return None
    settings, base = configured
    return BackgroundTask(_send_taken, settings, exc.notify, base)


def _send_taken(settings: Any, address: str, base: str) -> None:
    from legday.interop.mail import send

    text = (
        "Someone tried to create a legday account with this e-mail address, which already has "
        f"one.\n\nIf it was you, sign in at {base}/login with your password.\n\n"
        "If it was not you, nothing has changed: your account and password stay as they are.\n"
    )
    try:
        send(settings, address, "Someone tried to register with your address", text)
    except LegdayError:
        log.exception("the mail about a registration with a taken address could not be sent")


_LOGIN_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": LoginIn.model_json_schema()},
            "application/x-www-form-urlencoded": {"schema": LoginIn.model_json_schema()},
        },
    }
}


async def _login_fields(request: Request) -> tuple[LoginIn, bool]:
    kind = request.headers.get("content-type", "")
    try:
        if kind.startswith("application/x-www-form-urlencoded") or kind.startswith(
            "multipart/form-data"
        ):
            form = await request.form()
            data: Any = {k: v for k, v in form.items() if isinstance(v, str)}
            return LoginIn.model_validate(data), True
        return LoginIn.model_validate_json(await request.body()), False
    except ValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in e["loc"]) or "body" for e in exc.errors())
        raise InvalidInput(
            f"the sign-in request is not valid ({fields})",
            "send {email, password} as JSON or as a form",
        ) from None


def _safe_next(target: str | None) -> str:
    """Only a path on this site (an open redirect would help phishing)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def set_session_cookie(response: Response, signed: accounts.SignedIn) -> None:
    response.set_cookie(
        COOKIE,
        signed.token,
        max_age=int(accounts.SESSION_ABSOLUTE.total_seconds()),
        path="/",
        secure=True,
        httponly=True,
        samesite="lax",
    )


@router.post(
    "/login",
    openapi_extra=_LOGIN_BODY,
    responses={303: {"description": "Signed in from a form: back to the page asked for"}},
)
async def login(request: Request, db: Annotated[Any, Depends(database)]) -> LoginOut:
    """Sign in (JSON or form); sets the session cookie. A form post is redirected to ``next``."""
    from starlette.concurrency import run_in_threadpool

    _refuse_cross_site(request)
    body, is_form = await _login_fields(request)
    signed = await run_in_threadpool(
        accounts.sign_in,
        db,
        body.email,
        body.password,
        client_ip(request),
        replacing=request.cookies.get(COOKIE),
        user_agent=request.headers.get("user-agent"),
    )
    out = LoginOut(
        user=user_out(signed.user),
        csrf_token=signed.csrf_token,
        expires_at=signed.expires_at.replace(tzinfo=UTC),
    )
    response: Response = (
        RedirectResponse(_safe_next(body.next), status_code=303)
        if is_form
        else JSONResponse(out.model_dump(mode="json"))
    )
    set_session_cookie(response, signed)
    return response  # type: ignore[return-value]


@router.post("/logout", status_code=204)
def logout(request: Request, db: DB, _: Annotated[Any, Depends(principal)]) -> Response:
    """End this session (its cookie stops working at once)."""
    cookie = request.cookies.get(COOKIE)
    if cookie:
        _refuse_cross_site(request)
        accounts.sign_out(db, cookie)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="lax")
    return response


@router.post("/logout-everywhere")
def logout_everywhere(actor: CurrentActor, db: DB) -> SignedOutEverywhere:
    """End every session of the account (API tokens stay; revoke them one by one)."""
    return SignedOutEverywhere(revoked_sessions=accounts.sign_out_everywhere(db, actor.user_id))


@router.get("/csrf")
def csrf(request: Request, actor: CurrentActor) -> CsrfOut:
    """The session's CSRF token (for scripts of the pages)."""
    found = request.state.principal
    if found is None or found.csrf_token is None:
        raise InvalidInput("API tokens need no CSRF token", "only cookie sessions have one")
    return CsrfOut(csrf_token=found.csrf_token)


@router.post("/tokens", status_code=201)
def create_token(body: TokenIn, request: Request, db: DB) -> TokenOut:
    """A personal API token (shown once): send it as ``Authorization: Bearer …``."""
    view = api_tokens.create_token(
        db,
        body.email,
        body.password,
        client_ip(request),
        scopes=body.scopes,
        name=body.name,
        days=body.expires_in_days,
    )
    return TokenOut(**view.as_json())


@router.get("/tokens")
def list_tokens(actor: CurrentActor, db: DB) -> TokenList:
    return TokenList(items=[TokenOut(**t.as_json()) for t in api_tokens.list_tokens(db, actor)])


@router.delete("/tokens/{token_id}", status_code=204, responses=responses(404))
def revoke_token(token_id: int, actor: CurrentActor, db: DB) -> Response:
    api_tokens.revoke_token(db, actor, token_id)
    return Response(status_code=204)


@router.post("/password-reset", status_code=204, responses=responses(404))
def password_reset(body: ResetIn, db: DB) -> Response:
    """Set a new password with the one-time link's token; every session of the account ends."""
    resets.reset_password(db, body.token, body.password)
    return Response(status_code=204)


class ResetRequestIn(BaseModel):
    email: str = Field(max_length=320)


class ResetRequestOut(BaseModel):
    delivery: Literal["mail", "admin"] = Field(
        description="mail: a link goes to the address if it has an account; admin: this server "
        "sends no mail, ask its admin for a link (`legday users reset-link`)"
    )


def mail_settings() -> Any:
    """The SMTP server and the address users reach this server at, or None: a reset link is
    mailed only when both are configured (the link's host never comes from the request, so a
    forged Host header cannot point a victim's link at someone else's site)."""
    from legday.interop.mail import settings_from_env

    base = os.environ.get("LEGDAY_BASE_URL")
    settings = settings_from_env()
    return (settings, base.rstrip("/")) if settings is not None and base else None


def _send_reset(settings: Any, address: str, link: str) -> None:
    from legday.interop.mail import send

    text = (
        "Someone (hopefully you) asked to set a new password for your legday account.\n\n"
        f"Open this link within 24 hours to choose one:\n\n{link}\n\n"
        "If you did not ask, ignore this message: your password stays as it is.\n"
    )
    try:
        send(settings, address, "Set a new legday password", text)
    except LegdayError:
        log.exception("the password-reset mail to an account could not be sent")


@router.post("/password-reset/request", status_code=202)
def request_reset(
    body: ResetRequestIn, request: Request, tasks: BackgroundTasks, db: DB
) -> ResetRequestOut:
    """Mail a one-time reset link to the address when it has an account. The answer is the same
    for every address, and the mail leaves after the answer (its timing tells nothing either)."""
    configured = mail_settings()
    if configured is None:
        return ResetRequestOut(delivery="admin")
    settings, base = configured
    found = resets.request_reset(db, body.email, client_ip(request))
    if found is not None:
        link = f"{base}/reset-password#{found.secret}"
        tasks.add_task(_send_reset, settings, found.address, link)
    return ResetRequestOut(delivery="mail")
