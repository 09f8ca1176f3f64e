"""One training session as a page (``GET /sessions/ID``): its sets in the athlete's unit and the
comments on it; a coach or physio whose link holds the ``comment`` scope writes one
(``POST /sessions/ID/comments``). Someone who may not see the session gets 404, exactly like a
session that does not exist; every look at someone else's session is in their access log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.domain.access import Scope
from legday.domain.errors import InvalidInput
from legday.web.deps import database
from legday.web.guard import open_session
from legday.web.pages.render import render
from legday.web.pages.viewer import Viewer, require_viewer
from legday.web.words import for_page

router = APIRouter(include_in_schema=False)


def _page(request: Request, viewer: Viewer, session_id: int) -> dict[str, Any]:
    from legday.app import athletes, comments, logbook

    db = database(request)
    athlete_id = open_session(
        request, db, viewer.actor, session_id, Scope.VIEW_TRAINING, "read comments of"
    )
    who = athletes.show(db, viewer.actor, athlete_id)
    return {
        "session": logbook.get_session(db, viewer.actor, session_id).body,
        "athlete": who,
        "unit": "lb" if who.unit == "lb" else "kg",
        "own": athlete_id == viewer.athlete_id,
        "comments": comments.of_session(db, viewer.actor, session_id),
        "may_comment": comments.may_comment(db, viewer.actor, athlete_id),
        "tz": viewer.time_zone,
        "error": None,
    }


@router.get("/sessions/{session_id}")
async def session_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], session_id: int
) -> Response:
    ctx = await run_in_threadpool(_page, request, viewer, session_id)
    return render(request, "session.html", ctx)


@router.post("/sessions/{session_id}/comments")
async def session_comment(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], session_id: int
) -> Response:
    from legday.app import comments

    form = await request.form()
    body = str(form.get("body") or "")

    def add() -> None:
        db = database(request)
        open_session(request, db, viewer.actor, session_id, Scope.COMMENT, "comment on")
        comments.add(db, viewer.actor, session_id, body)

    try:
        await run_in_threadpool(add)
    except InvalidInput as exc:
        ctx = await run_in_threadpool(_page, request, viewer, session_id)
        ctx["error"] = for_page(exc)
        ctx["draft"] = body
        return render(request, "session.html", ctx, status_code=400)
    return RedirectResponse(f"/sessions/{session_id}#comments", status_code=303)
