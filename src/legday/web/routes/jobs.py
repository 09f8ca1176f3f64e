"""`/api/v1/jobs/{id}`: a background job's status, progress and result (its owner only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from legday.app import jobs
from legday.web.deps import DB, CurrentActor
from legday.web.problems import responses

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"], responses=responses(401, 404, 422))


class ProgressOut(BaseModel):
    done: int
    total: int
    text: str | None


class JobOut(BaseModel):
    id: int
    kind: str
    status: str
    attempts: int
    progress: ProgressOut
    created_at: str | None
    started_at: str | None
    finished_at: str | None
    result: dict[str, Any] | None
    has_file: bool
    error: str | None
    result_url: str | None


def job_out(v: jobs.JobView) -> JobOut:
    from legday.domain.terms import phrase
    from legday.web.words import API_WORDS

    url = f"/api/v1/jobs/{v.id}/result" if v.has_file else None
    doc = v.as_json()
    # a failed job's reason keeps the core's slots: worded here, as an error answer would be
    doc["error"] = phrase(v.error, API_WORDS) if v.error else None
    return JobOut(**doc, result_url=url)


@router.get("/{job_id}")
def get_job(job_id: int, actor: CurrentActor, db: DB) -> JobOut:
    """Poll a job: queued, running (with progress), done (with its result) or failed (why)."""
    return job_out(jobs.get(db, actor, job_id))


@router.get(
    "/{job_id}/result",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}, "text/html": {}}, "description": "file"}},
)
def job_result(job_id: int, actor: CurrentActor, db: DB) -> Response:
    """The file a finished job made (a report)."""
    made = jobs.result_file(db, actor, job_id)
    name = made.name
    return Response(
        made.data,
        media_type=made.media_type,
        # The file name is ours, never taken from user input (ASVS 5.0 V5.4.1).
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
