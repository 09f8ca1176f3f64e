"""Imports as an API: upload a file (`POST /api/v1/imports`), preview it for an athlete (what
would be added, which exercise names are unknown), map the unknown names
(`POST /api/v1/athletes/{id}/mappings`), then commit (`POST /api/v1/imports/{id}/commit`): the
import runs as a background job. A large file's preview may run as a job too
(`POST /api/v1/imports/{id}/previews`): its result is the preview document. A file may suggest
an athlete (a legday export names one); only the caller chooses, by id, at preview and commit."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from legday.app import importing, jobs
from legday.domain.access import Scope
from legday.web.deps import DB, CurrentActor
from legday.web.encode import jsonable
from legday.web.guard import open_athlete
from legday.web.jobs import IMPORT, PREVIEW
from legday.web.problems import responses
from legday.web.routes.jobs import JobOut, job_out

router = APIRouter(
    prefix="/api/v1/imports", tags=["imports"], responses=responses(400, 401, 403, 404, 409, 422)
)

Unit = Literal["kg", "lb"]
MAX_NAME = 200


class UploadOut(BaseModel):
    id: int
    status: str
    filename: str
    format: str
    sessions: int
    sets: int
    suggested_athlete: str | None = Field(description="the name the file gives; never applied")
    warnings: list[str]


class CommitIn(BaseModel):
    athlete_id: int = Field(ge=1, le=2**31 - 1)


def _parse(data: bytes, params: dict[str, Any]) -> Any:
    return importing.parse_bytes(
        data,
        str(params["filename"]),
        params.get("format"),
        params.get("unit"),
        unit_is_right=bool(params.get("unit_is_right")),
    )


@router.post("", status_code=201)
async def upload(
    actor: CurrentActor,
    db: DB,
    file: Annotated[UploadFile, File(description="an export of another app or of legday")],
    format: Annotated[str | None, Form(max_length=30)] = None,
    unit: Annotated[Unit | None, Form()] = None,
    unit_is_right: Annotated[bool, Form()] = False,
) -> UploadOut:
    """Keep the file (it is parsed now, so a bad one is refused at once) until it is committed."""
    from starlette.concurrency import run_in_threadpool

    data = await file.read()
    # The file's own name only helps detect its format; it is cut short and never echoed in a path.
    name = (file.filename or "upload")[-MAX_NAME:]
    params: dict[str, Any] = {
        "filename": name,
        "format": format,
        "unit": unit,
        "unit_is_right": unit_is_right,
    }
    parsed = await run_in_threadpool(_parse, data, params)
    params["format"] = parsed.format
    job = await run_in_threadpool(jobs.submit, db, actor, IMPORT, params, data, queued=False)
    return UploadOut(
        id=job.id,
        status=job.status,
        filename=name,
        format=str(parsed.format),
        sessions=len(parsed.sessions),
        sets=parsed.set_count,
        suggested_athlete=parsed.athlete,
        warnings=list(parsed.warnings),
    )


@router.get("/{import_id}/preview", response_model=dict[str, Any])
def preview(
    import_id: int,
    request: Request,
    actor: CurrentActor,
    db: DB,
    athlete_id: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> JSONResponse:
    """What committing for ``athlete_id`` would add (nothing is written): sessions and sets new
    and already stored, and the exercise names no mapping or catalog entry explains."""
    open_athlete(request, db, actor, athlete_id, Scope.LOG_FOR_ATHLETE, "preview an import for")
    waiting = jobs.payload(db, actor, import_id, IMPORT)
    parsed = _parse(waiting.data, waiting.job.params)
    summary = importing.import_parsed(db, actor, athlete_id, parsed, dry_run=True)
    return JSONResponse(jsonable({"id": import_id, "athlete_id": athlete_id, **summary.as_json()}))


@router.post("/{import_id}/previews", status_code=202)
def preview_job(
    import_id: int,
    body: CommitIn,
    request: Request,
    response: Response,
    actor: CurrentActor,
    db: DB,
) -> JobOut:
    """The preview of ``GET …/preview`` as a background job (poll it; its ``result`` is the
    preview document): for a file too large to wait for. The upload stays waiting."""
    open_athlete(
        request, db, actor, body.athlete_id, Scope.LOG_FOR_ATHLETE, "preview an import for"
    )
    upload = jobs.payload(db, actor, import_id, IMPORT).job  # the caller's own, still waiting
    params = {
        "upload_id": import_id,
        "athlete_id": body.athlete_id,
        "filename": upload.params.get("filename"),
    }
    job = jobs.submit(db, actor, PREVIEW, params)
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return job_out(job)


@router.post("/{import_id}/commit", status_code=202)
def commit(
    import_id: int,
    body: CommitIn,
    request: Request,
    response: Response,
    actor: CurrentActor,
    db: DB,
) -> JobOut:
    """Import the file for the athlete chosen here, as a background job (poll it)."""
    open_athlete(request, db, actor, body.athlete_id, Scope.LOG_FOR_ATHLETE, "import for")
    job = jobs.start(db, actor, import_id, IMPORT, {"athlete_id": body.athlete_id})
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    return job_out(job)
