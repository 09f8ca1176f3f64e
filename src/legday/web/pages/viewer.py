"""Who is looking at a page: the signed-in user, the athlete profile they own, their time zone.

The server's session cookie and actor come from ``legday.web.deps``; the pages only translate that
into what they show. Pages are never cached by proxies or the browser's HTTP cache (``no-store``);
the gym page alone is kept by the service worker, for offline use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, HTTPException, Request

from legday.domain.access import Actor

if TYPE_CHECKING:
    from legday.app.db import Database


@dataclass(frozen=True)
class Viewer:
    actor: Actor
    email: str
    name: str
    athlete_id: int
    time_zone: str = "UTC"


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def current_viewer(request: Request) -> Viewer | None:
    """The signed-in user, or None (wired to the server's session in ``legday.web.deps``)."""
    viewer = getattr(request.state, "viewer", None)
    return viewer if isinstance(viewer, Viewer) else None


def require_viewer(
    request: Request, viewer: Annotated[Viewer | None, Depends(current_viewer)]
) -> Viewer:
    """The signed-in user; anyone else is sent to the sign-in page and back here after."""
    if viewer is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise HTTPException(status_code=303, headers={"Location": f"/login?next={target}"})
    return viewer
