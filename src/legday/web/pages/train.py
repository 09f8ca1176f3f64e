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
def train_page(request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]) -> Response:
    from legday.app.gym_page import load_page

    today = datetime.now(zone(viewer.time_zone)).date()
    page = load_page(database(request), viewer.actor, viewer.athlete_id, today)
    return render(request, "train.html", {"page": page, "viewer": viewer, "offline_page": True})


@router.post("/train/finish")
def finish_session(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    session_key: Annotated[str, Form()] = "",
    session_rpe: Annotated[str | None, Form()] = None,
    minutes: Annotated[str | None, Form()] = None,
) -> Response:
    from legday.app.gym_page import finish

    if not session_key.strip():
        raise InvalidInput("no session to finish", "log a set first")
    finish(
        database(request),
        viewer.actor,
        viewer.athlete_id,
        session_key.strip(),
        _number(session_rpe, "the session RPE"),
        _number(minutes, "the minutes"),
    )
    return RedirectResponse("/train", status_code=303)
