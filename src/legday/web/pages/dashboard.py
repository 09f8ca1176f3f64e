"""The athlete's dashboard (``GET /dashboard``) and its charts (``GET /dashboard/charts``, fetched
by htmx after the page shows, since drawing them takes a moment)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.app.db import Database
from legday.domain.errors import LegdayError
from legday.web.deps import database
from legday.web.pages.render import render, zone
from legday.web.pages.viewer import Viewer, require_viewer

router = APIRouter(include_in_schema=False)

# the report's figures a dashboard shows, in this order (the rest stay in the full report)
CHARTS = ("neglect-share", "missing-patterns", "e1rm-trends", "acwr", "adherence")


@router.get("/dashboard")
async def dashboard_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app import dashboard

    today = datetime.now(zone(viewer.time_zone)).date()
    db = database(request)
    # the primary, not a replica: this page follows the athlete's own writes
    board = await run_in_threadpool(
        lambda: dashboard.load(db, viewer.actor, viewer.athlete_id, today, primary=True)
    )
    extra = await run_in_threadpool(sessions_and_comments, db, viewer, viewer.athlete_id)
    return render(request, "dashboard.html", {"board": board, **extra})


def sessions_and_comments(db: Database, viewer: Viewer, athlete_id: int) -> dict[str, Any]:
    """The athlete's latest sessions (each opens with its comments) and the newest comments."""
    from legday.app import comments, logbook

    return {
        "recent": logbook.list_sessions(db, viewer.actor, athlete_id, limit=5).items,
        "comments": comments.latest(db, viewer.actor, athlete_id),
        "tz": viewer.time_zone,
    }


@router.get("/dashboard/charts")
async def dashboard_charts(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.dashboard import WINDOW_DAYS, last_training_day
    from legday.app.reporting import gather

    db = database(request)
    today = datetime.now(zone(viewer.time_zone)).date()

    def draw() -> list[dict[str, str]]:
        from legday.report.charts import build_charts
        from legday.report.render import svg_body, to_svg

        end = last_training_day(db, viewer.actor, viewer.athlete_id, today, primary=True) or today
        start = end - timedelta(days=WINDOW_DAYS)
        data = gather(db, viewer.actor, viewer.athlete_id, start, end, today=today, primary=True)
        wanted = {c.name: c for c in build_charts(data) if c.name in CHARTS}
        return [
            {
                "name": n,
                "title": wanted[n].title,
                "caption": wanted[n].caption,
                # the figure's role="img" and label speak for it; the marks inside stay silent
                "svg": svg_body(to_svg(wanted[n].spec)).replace(
                    "<svg ", '<svg aria-hidden="true" focusable="false" ', 1
                ),
            }
            for n in CHARTS
            if n in wanted
        ]

    try:
        charts = await run_in_threadpool(draw)
    except LegdayError as exc:
        return HTMLResponse(f'<p class="notice warn">{_escape(exc.message)}</p>')
    return render(request, "dashboard_charts.html", {"charts": charts})


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
