"""The plan: generate one (``POST /plan``), see it week by week with the reason for every block
(``GET /plan``), take it along as a calendar (``/plan.ics``) or a printable sheet
(``/plan/sheet.pdf``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.domain.errors import LegdayError, NotFound
from legday.web.deps import database
from legday.web.pages.plan_form import plan_layer
from legday.web.pages.render import render, zone
from legday.web.pages.viewer import Viewer, require_viewer
from legday.web.words import for_page

router = APIRouter(include_in_schema=False)


def _choices() -> dict[str, Any]:
    from legday.domain.catalog.model import EQUIPMENT
    from legday.domain.plan.profile import GOALS

    return {"goals": GOALS, "equipment": EQUIPMENT}


def _current(request: Request, viewer: Viewer) -> dict[str, Any] | None:
    from legday.app.planning import show

    try:
        return show(database(request), viewer.actor, viewer.athlete_id).as_json()
    except NotFound:
        return None


@router.get("/plan")
async def plan_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], goals: str = ""
) -> Response:
    plan = await run_in_threadpool(_current, request, viewer)
    wanted = [g.split(":")[0] for g in goals.split(",") if g]
    ctx = {"plan": plan, "error": None, "wanted": wanted or ["strength"], **_choices()}
    return render(request, "plan.html", ctx)


@router.post("/plan")
async def plan_generate(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.planning import generate

    form = await request.form()
    layer = plan_layer(form)
    goals = layer["goals"]
    db = database(request)
    today = datetime.now(zone(viewer.time_zone)).date()

    def make() -> None:
        generate(db, viewer.actor, viewer.athlete_id, layer, today=today)

    try:
        await run_in_threadpool(make)
    except LegdayError as exc:
        plan = await run_in_threadpool(_current, request, viewer)
        error = for_page(exc)
        ctx = {"plan": plan, "error": error, "wanted": goals, **_choices()}
        return render(request, "plan.html", ctx, status_code=400)
    return RedirectResponse("/plan", status_code=303)


async def _file(request: Request, viewer: Viewer, fmt: str, media: str) -> Response:
    from legday.app.plan_files import plan_file

    file = await run_in_threadpool(
        plan_file, database(request), viewer.actor, viewer.athlete_id, fmt
    )
    data, name = file.data, file.filename
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/plan.ics")
async def plan_ics(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    return await _file(request, viewer, "ics", "text/calendar; charset=utf-8")


@router.get("/plan/sheet.pdf")
async def plan_sheet(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    return await _file(request, viewer, "pdf", "application/pdf")
