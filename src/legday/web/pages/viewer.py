"""Who is looking at a page: the signed-in account (the server's session cookie, through
``legday.web.deps`` so pages and API authenticate alike), the athlete profile it owns, the time
zone its browser reported (the ``legday-tz`` cookie set by pages.js; UTC until then)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import unquote

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from legday.app.db import Database
from legday.domain.access import Actor
from legday.web.deps import database, optional_actor
from legday.web.pages.render import zone

TZ_COOKIE = "legday-tz"

__all__ = ["Viewer", "current_viewer", "database", "require_viewer"]


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    email: str
    name: str
    athlete_id: int
    time_zone: str = "UTC"


async def current_viewer(
    request: Request,
    db: Annotated[Database, Depends(database)],
    actor: Annotated[Actor | None, Depends(optional_actor)],
) -> Viewer | None:
    """The signed-in account with its own athlete profile, or None."""
    from legday.app import accounts

    if actor is None:
        return None
    me = await run_in_threadpool(accounts.me, db, actor)
    if me.athlete_id is None:
        return None
    tz = unquote(request.cookies.get(TZ_COOKIE) or "UTC")
    viewer = Viewer(actor, me.email or "", me.name, me.athlete_id, zone(tz).key)
    request.state.viewer = viewer
    return viewer


def require_viewer(
    request: Request, viewer: Annotated[Viewer | None, Depends(current_viewer)]
) -> Viewer:
    """The signed-in account; anyone else is sent to the sign-in page and back here after."""
    if viewer is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise HTTPException(status_code=303, headers={"Location": f"/login?next={target}"})
    request.state.viewer = viewer
    return viewer
