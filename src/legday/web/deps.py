"""Dependencies every route shares: the database, and who is asking.

A request is authenticated by ``Authorization: Bearer <personal API token>`` or by the session
cookie ``__Host-legday``. Cookie-authenticated unsafe requests must also pass the CSRF check: a
same-origin ``Origin`` (or ``Sec-Fetch-Site``) AND the session's token in the ``X-CSRF-Token``
header or a ``csrf_token`` form field. The pages (legday.web.pages) reuse ``current_actor`` /
``optional_actor`` so the HTML and the API authenticate the same way; ``request.state.principal``
carries the session (its ``csrf_token`` goes into forms).
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from legday.app import access_log, accounts, api_tokens
from legday.app.accounts import Principal
from legday.app.db import Database, open_database, opened
from legday.domain.access import Actor
from legday.web.problems import HTTPProblem

COOKIE = "__Host-legday"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def database(request: Request) -> Database:
    """The server's database, opened once per process (schema checked on first use)."""
    return open_database(request.app.state.db_url, read_url=request.app.state.read_url)


async def database_dep(request: Request) -> Database:
    """``database`` as a dependency: once opened, a lookup on the event loop instead of a hop
    to a worker thread on every request (FastAPI runs a plain function in its thread pool)."""
    held = opened(request.app.state.db_url, request.app.state.read_url)
    if held is not None:
        return held
    return await run_in_threadpool(database, request)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _unauthorized(detail: str) -> HTTPProblem:
    return HTTPProblem(
        401,
        "Not signed in",
        detail,
        slug="unauthorized",
        hint="sign in, or send Authorization: Bearer <token>",
        headers={"WWW-Authenticate": 'Bearer realm="legday"'},
    )


def principal(request: Request, db: Annotated[Database, Depends(database_dep)]) -> Principal | None:
    """The credential of the request (a bad bearer token is refused; a dead cookie is none)."""
    request.state.principal = None
    auth = request.headers.get("authorization")
    if auth is not None:
        scheme, _, value = auth.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise _unauthorized("the Authorization header is not 'Bearer <token>'")
        found = api_tokens.token_principal(db, value.strip())
        if found is None:
            raise _unauthorized("this API token is unknown, revoked or expired")
        request.state.principal = found
        return found
    cookie = request.cookies.get(COOKIE)
    if cookie:
        request.state.principal = accounts.session_principal(db, cookie)
    return request.state.principal  # type: ignore[no-any-return]


def own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"


def same_origin(request: Request, *, strict: bool = False) -> bool:
    """Whether the request came from this site's own pages. Browsers send Origin on every
    cross-origin POST and Sec-Fetch-Site on all requests; without either, the Referer's origin
    is asked. A request with none of the three is a script's (register, sign in): allowed, unless
    ``strict``. ``strict`` is for requests a session cookie authenticates: a browser sends that
    cookie, and every current browser also sends Origin on unsafe methods, so a request without
    any of the three is refused, as the OWASP CSRF Prevention Cheat Sheet recommends ("if neither
    of these headers are present … we recommend blocking"). Scripts use bearer tokens."""
    own = own_origin(request)
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == own
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    referer = request.headers.get("referer")
    if referer is not None:
        return referer == own or referer.startswith(own + "/")
    return not strict


async def _csrf_token_sent(request: Request) -> str | None:
    sent = request.headers.get(CSRF_HEADER)
    if sent:
        return sent
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


async def check_csrf(request: Request, db: Database, found: Principal) -> None:
    reason = None
    if not same_origin(request, strict=True):
        reason = "the request came from another site, or did not say where it came from"
    else:
        sent = await _csrf_token_sent(request)
        if not sent or not found.csrf_token or not secrets.compare_digest(sent, found.csrf_token):
            reason = "the CSRF token is missing or wrong"
    if reason is not None:
        await run_in_threadpool(
            access_log.note,
            db,
            found.actor,
            "csrf",
            outcome="refused",
            subject_user_id=found.actor.user_id,
            target=f"{request.method} {request.url.path}",
            ip=client_ip(request),
        )
        raise HTTPProblem(
            403,
            "Forbidden",
            reason,
            slug="csrf",
            hint=f"send the session's token in the {CSRF_HEADER} header or a {CSRF_FIELD} field, "
            "from a page of this site (Origin); scripts use a bearer token",
        )


async def optional_actor(
    request: Request,
    db: Annotated[Database, Depends(database_dep)],
    found: Annotated[Principal | None, Depends(principal)],
) -> Actor | None:
    """The signed-in actor, or None for an anonymous request."""
    if found is None:
        return None
    if found.via == "session" and request.method in UNSAFE:
        await check_csrf(request, db, found)
    return found.actor


async def current_actor(actor: Annotated[Actor | None, Depends(optional_actor)]) -> Actor:
    """The signed-in actor; 401 when there is none."""
    if actor is None:
        raise _unauthorized("this needs a signed-in account")
    return actor


async def admin_actor(actor: Annotated[Actor, Depends(current_actor)]) -> Actor:
    if not actor.is_admin:
        raise HTTPProblem(403, "Forbidden", "this needs a server admin", slug="forbidden")
    return actor


DB = Annotated[Database, Depends(database_dep)]
CurrentActor = Annotated[Actor, Depends(current_actor)]
OptionalActor = Annotated[Actor | None, Depends(optional_actor)]
AdminActor = Annotated[Actor, Depends(admin_actor)]
