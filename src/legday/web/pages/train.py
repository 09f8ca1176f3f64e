"""The gym page: ``GET /train`` (works offline once opened: see static/js/sw.js) and
``POST /train/finish`` (session RPE and minutes). Sets themselves travel through the outbox to
``POST /api/v1/sync``; this page only shows what is stored and what the phone still holds."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from legday.domain.errors import InvalidInput
from legday.web.deps import database
from legday.web.pages.render import render, zone
from legday.web.pages.viewer import Viewer, require_viewer

router = APIRouter(include_in_schema=False)


def _number(text: str | None, what: str) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise InvalidInput(f"{what} {text!r} is not a number", f"type {what} as digits") from None


@router.get("/train")
def train_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], athlete: int | None = None
) -> Response:
    """The viewer's own gym page; ``?athlete=ID``: a coach logging for an athlete on a shared
    tablet (their link must allow it; that page is never kept for offline use)."""
    from legday.app.gym_page import load_page

    today = datetime.now(zone(viewer.time_zone)).date()
    own = athlete is None or athlete == viewer.athlete_id
    page = load_page(database(request), viewer.actor, athlete or viewer.athlete_id, today)
    ctx = {"page": page, "viewer": viewer, "offline_page": own, "for_member": not own}
    return render(request, "train.html", ctx)


@router.post("/train/finish")
def finish_session(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    session_key: Annotated[str, Form()] = "",
    athlete: Annotated[int | None, Form()] = None,
    session_rpe: Annotated[str | None, Form()] = None,
    minutes: Annotated[str | None, Form()] = None,
) -> Response:
    from legday.app.gym_page import finish

    if not session_key.strip():
        raise InvalidInput("no session to finish", "log a set first")
    finish(
        database(request),
        viewer.actor,
        athlete or viewer.athlete_id,
        session_key.strip(),
        _number(session_rpe, "the session RPE"),
        _number(minutes, "the minutes"),
    )
    back = "/train" if athlete in (None, viewer.athlete_id) else f"/train?athlete={athlete}"
    return RedirectResponse(back, status_code=303)
