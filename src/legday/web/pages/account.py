"""Sign in, register and sign out as pages (forms that work without script). The accounts
use-cases and the session cookie are the server's (``legday.app.accounts``,
``legday.web.routes.auth``); these handlers only turn a refusal into the form shown again with
its message, instead of a problem document a person cannot read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import LegdayError
from legday.web.deps import COOKIE, client_ip, database, optional_actor, same_origin
from legday.web.pages.render import render
from legday.web.pages.viewer import Viewer, current_viewer
from legday.web.words import for_page

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only a path on this site (an open redirect would help phishing)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/train"


def _cross_site(request: Request) -> Response | None:
    if same_origin(request):
        return None
    return Response("This form was sent from another site.", status_code=403)


async def _signed_in(
    request: Request, db: Database, email: str, password: str, target: str
) -> Response:
    from legday.app import accounts
    from legday.web.routes.auth import set_session_cookie

    signed = await run_in_threadpool(
        accounts.sign_in,
        db,
        email,
        password,
        client_ip(request),
        replacing=request.cookies.get(COOKIE),
        user_agent=request.headers.get("user-agent"),
    )
    response = RedirectResponse(safe_next(target), status_code=303)
    set_session_cookie(response, signed)
    return response


@router.get("/login")
def login_page(
    request: Request,
    viewer: Annotated[Viewer | None, Depends(current_viewer)],
    next: str = "/train",
) -> Response:
    if viewer is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    ctx = {"next": safe_next(next), "error": None, "email": "", "forget_pages": True}
    return render(request, "login.html", ctx)


@router.post("/login")
async def login_form(
    request: Request,
    db: Annotated[Database, Depends(database)],
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=500)] = "/train",
) -> Response:
    refused = _cross_site(request)
    if refused is not None:
        return refused
    try:
        return await _signed_in(request, db, email, password, next)
    except LegdayError as exc:
        status = 429 if type(exc).__name__ == "Throttled" else 401
        error = for_page(exc)
        ctx = {"next": safe_next(next), "error": error, "email": email, "forget_pages": True}
        return render(request, "login.html", ctx, status_code=status)


@router.get("/register")
def register_page(
    request: Request, viewer: Annotated[Viewer | None, Depends(current_viewer)]
) -> Response:
    if viewer is not None:
        return RedirectResponse("/train", status_code=303)
    return render(request, "register.html", {"error": None, "email": "", "name": ""})


@router.post("/register")
async def register_form(
    request: Request,
    db: Annotated[Database, Depends(database)],
    name: Annotated[str, Form(max_length=200)] = "",
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    from legday.app import accounts, registration

    refused = _cross_site(request)
    if refused is not None:
        return refused
    from legday.web.routes.auth import tell_holder_later

    try:
        await run_in_threadpool(
            lambda: registration.register(db, email, password, name, ip=client_ip(request))
        )
        return await _signed_in(request, db, email, password, "/train")
    except LegdayError as exc:
        error = for_page(exc)
        ctx = {"error": error, "email": email, "name": name}
        status = 429 if isinstance(exc, accounts.Throttled) else 400
        page = render(request, "register.html", ctx, status_code=status)
        if isinstance(exc, registration.AddressTaken):
            page.background = tell_holder_later(exc)
        return page


@router.get("/reset-password")
def reset_page(request: Request) -> Response:
    """Where a password-reset link leads (the link's code follows "#": the page's script puts it
    into the form, so it never reaches a server log)."""
    return render(request, "reset_password.html", {"error": None, "done": False})


@router.post("/reset-password")
async def reset_form(
    request: Request,
    db: Annotated[Database, Depends(database)],
    token: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    from legday.app import password_reset

    refused = _cross_site(request)
    if refused is not None:
        return refused
    try:
        await run_in_threadpool(password_reset.reset_password, db, token.strip(), password)
    except LegdayError as exc:
        ctx = {"error": for_page(exc), "done": False}
        return render(request, "reset_password.html", ctx, status_code=400)
    return render(request, "reset_password.html", {"error": None, "done": True})


@router.post("/logout")
async def logout_form(
    request: Request,
    db: Annotated[Database, Depends(database)],
    _actor: Annotated[Actor | None, Depends(optional_actor)],  # checks the CSRF token
) -> Response:
    from legday.app import accounts

    cookie = request.cookies.get(COOKIE)
    if cookie:
        await run_in_threadpool(accounts.sign_out, db, cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="lax")
    return response


@router.get("/")
def home(viewer: Annotated[Viewer | None, Depends(current_viewer)]) -> Response:
    return RedirectResponse("/dashboard" if viewer is not None else "/login", status_code=303)
