"""Calendar subscription: ``/calendar`` makes (the address shown once) and revokes the secret
addresses; ``GET /calendar/SECRET.ics`` serves the current plan to a phone's calendar without a
sign-in (the address is the credential; an unknown or revoked one answers 404)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.web.deps import database
from legday.web.pages.render import render
from legday.web.pages.viewer import Viewer, require_viewer

router = APIRouter(include_in_schema=False)


async def _page(request: Request, viewer: Viewer, made: str | None = None) -> Response:
    from legday.app.calendar_feed import list_feeds

    feeds = await run_in_threadpool(list_feeds, database(request), viewer.actor)
    address = str(request.base_url).rstrip("/") + f"/calendar/{made}.ics" if made else None
    webcal = "webcal://" + address.split("://", 1)[1] if address else None
    ctx = {"feeds": feeds, "address": address, "webcal": webcal, "tz": viewer.time_zone}
    return render(request, "calendar.html", ctx)


@router.get("/calendar")
async def calendar_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    return await _page(request, viewer)


@router.post("/calendar")
async def calendar_create(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.calendar_feed import create

    made = await run_in_threadpool(create, database(request), viewer.actor, viewer.athlete_id)
    return await _page(request, viewer, made.secret)


@router.post("/calendar/{feed_id}/revoke")
async def calendar_revoke(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], feed_id: int
) -> Response:
    from legday.app.calendar_feed import revoke

    await run_in_threadpool(revoke, database(request), viewer.actor, feed_id)
    return RedirectResponse("/calendar", status_code=303)


@router.get("/calendar/{secret}.ics")
async def calendar_feed(request: Request, secret: str) -> Response:
    from legday.app.calendar_feed import fetch

    data = await run_in_threadpool(fetch, database(request), secret)
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300", "Referrer-Policy": "no-referrer"},
    )
