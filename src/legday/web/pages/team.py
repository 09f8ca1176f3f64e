"""A team plan (``/team-plan``): a coach chooses athletes who accepted them and pushes one plan
request; each athlete gets their own plan dosed from their own tests and history, and the answer
lists who got what and who was skipped, with why. An athlete who did not accept the coach
answers 404, and nothing is made."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from legday.domain.errors import InvalidInput
from legday.web.deps import database
from legday.web.pages.plan_form import plan_layer
from legday.web.pages.render import render, zone
from legday.web.pages.viewer import Viewer, require_viewer
from legday.web.words import for_page

router = APIRouter(include_in_schema=False)


def _ctx(request: Request, viewer: Viewer) -> dict[str, Any]:
    from legday.app.team_plans import candidates
    from legday.domain.plan.profile import GOALS

    return {
        "athletes": candidates(database(request), viewer.actor),
        "goals": GOALS,
        "result": None,
        "error": None,
        "chosen": [],
        "wanted": ["strength"],
    }


@router.get("/team-plan")
async def team_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    return render(request, "team_plan.html", await run_in_threadpool(_ctx, request, viewer))


@router.post("/team-plan")
async def team_push(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.team_plans import push

    form = await request.form()
    raw = [str(x) for x in form.getlist("athlete")]
    layer = plan_layer(form)
    goals = layer["goals"]
    today = datetime.now(zone(viewer.time_zone)).date()
    ctx = await run_in_threadpool(_ctx, request, viewer)
    ctx["wanted"] = goals

    def run() -> Any:
        if any(not x.isdigit() for x in raw):
            raise InvalidInput("an athlete id is not a number", "choose athletes from the list")
        return push(database(request), viewer.actor, [int(x) for x in raw], layer, today)

    try:
        ctx["result"] = await run_in_threadpool(run)
    except InvalidInput as exc:
        ctx["error"] = for_page(exc)
        ctx["chosen"] = [int(x) for x in raw if x.isdigit()]
        return render(request, "team_plan.html", ctx, status_code=400)
    return render(request, "team_plan.html", ctx)
