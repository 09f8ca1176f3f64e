"""Progress reports of one athlete: the HTML page at once, or HTML/PDF as a background job
(`POST /api/v1/athletes/{id}/reports` → 202 and a job to poll)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from legday.app import jobs
from legday.domain.access import Scope
from legday.web.deps import DB, CurrentActor
from legday.web.guard import open_athlete
from legday.web.jobs import REPORT
from legday.web.problems import responses
from legday.web.routes.jobs import JobOut, job_out

router = APIRouter(
    prefix="/api/v1/athletes", tags=["reports"], responses=responses(400, 401, 403, 404, 422)
)


class ReportIn(BaseModel):
    format: Literal["html", "pdf"] = "pdf"
    date_from: date | None = Field(default=None, alias="from")
    date_to: date | None = Field(default=None, alias="to")

    model_config = {"populate_by_name": True}


@router.get(
    "/{athlete_id}/report",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}, "description": "the report page"}},
)
def report_page(
    athlete_id: int,
    request: Request,
    actor: CurrentActor,
    db: DB,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    """The progress report as one self-contained HTML page (charts inline), made now."""
    from legday.app.reporting import gather
    from legday.report.build import render_report

    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "report on")
    page = render_report(gather(db, actor, athlete_id, date_from, date_to), "html")
    return Response(
        page,
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="legday-report-{athlete_id}.html"'},
    )


@router.post("/{athlete_id}/reports", status_code=202)
def queue_report(
    athlete_id: int,
    body: ReportIn,
    request: Request,
    response: Response,
    actor: CurrentActor,
    db: DB,
) -> JobOut:
    """Make the report (PDF by default) in the background; poll the job for the file."""
    from legday.domain.errors import InvalidInput

    open_athlete(request, db, actor, athlete_id, Scope.VIEW_TRAINING, "report on")
    if body.date_from and body.date_to and body.date_from > body.date_to:
        raise InvalidInput(
            f"from {body.date_from} is after to {body.date_to}", "give the earlier date as from"
        )
    params = {
        "athlete_id": athlete_id,
        "format": body.format,
        "from": body.date_from.isoformat() if body.date_from else None,
        "to": body.date_to.isoformat() if body.date_to else None,
    }
    job = jobs.submit(db, actor, REPORT, params)
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return job_out(job)
