"""Care links, the access log and the coach's roster as pages.

An athlete sees who asked for access and accepts, declines or revokes; a coach or physio invites
an athlete by e-mail address and, once accepted, finds them on the roster sorted by who needs a
look today, one tap from their dashboard. The links and the log are the server's use-cases
(``legday.app.care_links``, ``legday.app.access_log``); the roster is the club view of the
analysis, run as the coach, so it holds exactly the athletes whose links are accepted."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.domain.errors import LegdayError
from legday.web.deps import client_ip, database
from legday.web.pages.render import render, zone
from legday.web.pages.viewer import Viewer, require_viewer
from legday.web.words import for_page

router = APIRouter(include_in_schema=False)

DEFAULT_SCOPES = ("view_training", "view_assessments", "comment")


def _scopes() -> tuple[str, ...]:
    from legday.domain.access import SCOPES

    return SCOPES


async def _people(
    request: Request, viewer: Viewer, error: str | None = None, status: int = 200
) -> Response:
    from legday.app.care_links import list_links

    links = await run_in_threadpool(list_links, database(request), viewer.actor)
    ctx = {
        "links": links,
        "error": error,
        "scopes": _scopes(),
        "default_scopes": DEFAULT_SCOPES,
    }
    return render(request, "people.html", ctx, status_code=status)


@router.get("/people")
async def people_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    return await _people(request, viewer)


@router.post("/people/invite")
async def people_invite(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.care_links import invite

    form = await request.form()
    email = str(form.get("athlete_email") or "").strip()
    role = str(form.get("role") or "coach")
    scopes = [str(x) for x in form.getlist("scope")] or list(DEFAULT_SCOPES)
    try:
        await run_in_threadpool(
            lambda: invite(
                database(request),
                viewer.actor,
                role=role,
                scopes=scopes,
                athlete_email=email,
                ip=client_ip(request),
            )
        )
    except LegdayError as exc:
        error = for_page(exc)
        return await _people(request, viewer, error, 400)
    return RedirectResponse("/people", status_code=303)


@router.post("/people/{link_id}/{decision}")
async def people_decide(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    link_id: int,
    decision: str,
) -> Response:
    from legday.app import care_links

    actions = {
        "accept": care_links.accept,
        "decline": care_links.decline,
        "revoke": care_links.revoke,
    }
    act = actions.get(decision)
    if act is None:
        return await _people(request, viewer, f"{decision!r} is not a decision", 404)
    try:
        await run_in_threadpool(act, database(request), viewer.actor, link_id, client_ip(request))
    except LegdayError as exc:
        error = for_page(exc)
        return await _people(request, viewer, error, 404)
    return RedirectResponse("/people", status_code=303)


@router.get("/access-log")
async def access_log_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], before: int | None = None
) -> Response:
    from legday.app.access_log import for_account

    page = await run_in_threadpool(
        lambda: for_account(database(request), viewer.actor, before=before)
    )
    return render(request, "access_log.html", {"page": page, "tz": viewer.time_zone})


@router.get("/roster")
async def roster_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.analytics import club_view

    today = datetime.now(zone(viewer.time_zone)).date()

    def load() -> dict[str, Any]:
        view = club_view(database(request), viewer.actor, today, "attention").as_json()
        # the roster is the people one cares for: the coach's own athlete profile is not on it
        view["athletes"] = [a for a in view["athletes"] if a["athlete_id"] != viewer.athlete_id]
        return view

    return render(request, "roster.html", {"view": await run_in_threadpool(load)})


@router.get("/athletes/{athlete_id}")
async def athlete_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], athlete_id: int
) -> Response:
    """One athlete's dashboard for a coach or physio with an accepted link (anyone else: 404,
    exactly like an athlete that does not exist)."""
    from legday.app import dashboard

    if athlete_id == viewer.athlete_id:
        return RedirectResponse("/dashboard", status_code=303)
    today = datetime.now(zone(viewer.time_zone)).date()
    from legday.web.pages.dashboard import sessions_and_comments

    db = database(request)
    board = await run_in_threadpool(dashboard.load, db, viewer.actor, athlete_id, today)
    extra = await run_in_threadpool(sessions_and_comments, db, viewer, athlete_id)
    ctx = {"board": board, "for_member": True, **extra}
    return render(request, "dashboard.html", ctx)


@router.get("/athletes/{athlete_id}/sheet.pdf")
async def athlete_sheet(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], athlete_id: int
) -> Response:
    """An athlete's printable plan sheet (with the one-page home programme of a fall-prevention
    plan) for their coach or physio; 404 without an accepted link."""
    from legday.app.plan_files import plan_file

    file = await run_in_threadpool(plan_file, database(request), viewer.actor, athlete_id, "pdf")
    data, name = file.data, file.filename
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
