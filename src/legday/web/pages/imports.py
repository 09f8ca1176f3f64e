"""History import as pages: upload a file, see what it holds (a dry run: nothing is written),
name the exercises legday does not know, commit. The upload waits in the job table, as one of the
API's (``POST /api/v1/imports``): only its uploader can preview or commit it, any server process
can read it, and the worker deletes it when nobody commits it (docs/server.md#retention). A file
larger than LARGE_BYTES is previewed by a background job and committed by another, whose
progress the page polls (``/import/previews/ID``, ``/import/jobs/ID``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.domain.errors import InvalidInput, LegdayError, NotFound
from legday.web.deps import database
from legday.web.jobs import PREVIEW_IN_BACKGROUND_BYTES
from legday.web.pages.render import render
from legday.web.pages.viewer import Viewer, require_viewer
from legday.web.words import PAGE_WORDS, for_page

router = APIRouter(include_in_schema=False)

SUFFIXES = (".csv", ".fit", ".json", ".txt", ".tsv")
# Files above this size are previewed and committed by background jobs whose progress the page
# polls (a personal history of a few years is well under it and is read while the page waits).
LARGE_BYTES = PREVIEW_IN_BACKGROUND_BYTES
MAX_NAME = 200
MAX_UNKNOWN_SHOWN = 30  # names to map on one screen; the rest can be mapped later
# the stages legday.app.importing reports, as the page words them
STAGES = {
    "read": "reading the file",
    "parse": "reading the rows",
    "matching": "matching exercise names",
    "write": "storing the sets",
    "aggregates": "updating the daily totals",
}


def _unit(text: str) -> str | None:
    """The unit the athlete says the file's loads are in (None: as the file says)."""
    if text not in ("", "kg", "lb"):
        raise InvalidInput(f"unit {text!r} is not known", "kg or lb")
    return text or None


def _unknown(names: list[str]) -> list[dict[str, Any]]:
    """The names to map, each with the catalog's closest candidates."""
    from legday.app.catalog import match

    out = []
    for raw in names[:MAX_UNKNOWN_SHOWN]:
        found = match(raw)
        out.append({"raw": raw, "candidates": [(c.id, c.name) for c in found.candidates[:5]]})
    return out


def _upload_form(request: Request, error: str, status: int = 400) -> Response:
    return render(request, "import.html", {"step": "upload", "error": error}, status)


@router.get("/import")
def import_page(request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]) -> Response:
    return render(request, "import.html", {"step": "upload", "error": None})


@router.post("/import/preview")
async def import_preview(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    file: UploadFile,
    unit: Annotated[str, Form()] = "",
    unit_is_right: Annotated[str, Form()] = "",
) -> Response:
    from legday.app import jobs
    from legday.app.importing import import_bytes
    from legday.web.jobs import IMPORT, PREVIEW

    name = Path(file.filename or "upload").name[-MAX_NAME:]
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        error = f"{name} is not an export legday reads (expected {', '.join(SUFFIXES)})"
        return _upload_form(request, error)
    data = await file.read()
    db, aid = database(request), viewer.athlete_id
    sure = unit_is_right == "yes"

    def small() -> tuple[Any, Any]:
        summary = import_bytes(
            db, viewer.actor, aid, data, name, unit=_unit(unit), dry_run=True, unit_is_right=sure
        )
        params: dict[str, Any] = {"filename": name, "format": summary.format, "unit": _unit(unit)}
        params["unit_is_right"] = sure
        upload = jobs.submit(db, viewer.actor, IMPORT, params, data, queued=False)
        return upload, summary

    def large() -> int:
        params = {"filename": name, "format": None, "unit": _unit(unit), "unit_is_right": sure}
        upload = jobs.submit(db, viewer.actor, IMPORT, params, data, queued=False)
        job = jobs.submit(
            db, viewer.actor, PREVIEW, {"upload_id": upload.id, "athlete_id": aid, "filename": name}
        )
        return job.id

    try:
        if len(data) > LARGE_BYTES:
            job_id = await run_in_threadpool(large)
            return RedirectResponse(f"/import/previews/{job_id}", status_code=303)
        upload, summary = await run_in_threadpool(small)
    except LegdayError as exc:
        return _upload_form(request, for_page(exc))
    return await _preview(request, upload.id, upload.params, summary.as_json())


async def _preview(
    request: Request, upload_id: int, params: dict[str, Any], summary: dict[str, Any]
) -> Response:
    unknown = await run_in_threadpool(_unknown, list(summary.get("exercises_unknown") or []))
    ctx: dict[str, Any] = {
        "step": "preview",
        "error": None,
        "upload": upload_id,
        "filename": params.get("filename"),
        "unit": params.get("unit") or "",
        "summary": summary,
        "unknown": unknown,
    }
    return render(request, "import.html", ctx)


@router.post("/import/commit")
async def import_commit(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app import jobs
    from legday.app.importing import import_bytes
    from legday.app.mappings import map_exercise
    from legday.web.jobs import IMPORT

    form = await request.form()
    raw_id = str(form.get("upload") or "")
    mappings = {
        str(form.get(f"raw-{i}") or ""): str(form.get(f"map-{i}") or "").strip()
        for i in range(MAX_UNKNOWN_SHOWN)
        if form.get(f"raw-{i}") and str(form.get(f"map-{i}") or "").strip()
    }
    db, aid = database(request), viewer.athlete_id

    def commit() -> tuple[int | None, Any, list[Any]]:
        if not raw_id.isdigit():
            raise NotFound("this upload is no longer here", "upload the file again")
        waiting = jobs.payload(db, viewer.actor, int(raw_id), IMPORT)
        upload, data = waiting.job, waiting.data
        p = upload.params
        if len(data) > LARGE_BYTES:
            # names mapped first: the import then files their sets under the catalog exercise
            for raw, ex in mappings.items():
                map_exercise(db, viewer.actor, aid, raw, ex)
            return jobs.start(db, viewer.actor, upload.id, IMPORT, {"athlete_id": aid}).id, None, []
        summary = import_bytes(
            db,
            viewer.actor,
            aid,
            data,
            str(p["filename"]),
            p.get("format"),
            p.get("unit"),
            unit_is_right=bool(p.get("unit_is_right")),
        )
        mapped = [map_exercise(db, viewer.actor, aid, raw, ex) for raw, ex in mappings.items()]
        jobs.discard(db, viewer.actor, upload.id, IMPORT)
        return None, summary, mapped

    try:
        job_id, summary, mapped = await run_in_threadpool(commit)
    except LegdayError as exc:
        return _upload_form(request, for_page(exc))
    if job_id is not None:
        return RedirectResponse(f"/import/jobs/{job_id}", status_code=303)
    done = {"step": "done", "error": None, "summary": summary, "mapped": mapped}
    return render(request, "import.html", done)


def _job_context(job: Any) -> dict[str, Any]:
    from legday.domain.terms import phrase
    from legday.web.jobs import PREVIEW

    preview = job.kind == PREVIEW
    stage = STAGES.get(job.progress_text or "", job.progress_text or "waiting for a worker")
    total = job.progress_total
    return {
        "job": job,
        "preview": preview,
        "progress_url": f"/import/{'previews' if preview else 'jobs'}/{job.id}/progress",
        "filename": str(job.params.get("filename") or "your file"),
        "stage": stage,
        "percent": round(100 * min(1.0, job.progress_done / total)) if total else None,
        "running": job.status not in ("done", "failed"),
        "error_text": phrase(job.error, PAGE_WORDS) if job.error else None,
    }


async def _job(request: Request, viewer: Viewer, job_id: int, kind: str, template: str) -> Response:
    from legday.app import jobs

    job = await run_in_threadpool(jobs.get, database(request), viewer.actor, job_id)
    if job.kind != kind:
        raise NotFound(f"no import with id {job_id}")
    return render(request, template, _job_context(job))


@router.get("/import/jobs/{job_id}")
async def import_job_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], job_id: int
) -> Response:
    """A large import running in the background (the server's job resource,
    ``/api/v1/jobs/ID``); the progress below polls itself."""
    from legday.web.jobs import IMPORT

    return await _job(request, viewer, job_id, IMPORT, "import_job.html")


@router.get("/import/jobs/{job_id}/progress")
async def import_job_progress(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], job_id: int
) -> Response:
    """The progress block alone (htmx swaps it in every second until the job has finished)."""
    from legday.web.jobs import IMPORT

    return await _job(request, viewer, job_id, IMPORT, "_import_progress.html")


@router.get("/import/previews/{job_id}")
async def import_preview_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], job_id: int
) -> Response:
    """A large file's preview: its progress while the job reads the file, then what it holds
    with the form that commits it."""
    from legday.app import jobs
    from legday.web.jobs import IMPORT, PREVIEW

    db = database(request)
    job = await run_in_threadpool(jobs.get, db, viewer.actor, job_id)
    if job.kind != PREVIEW:
        raise NotFound(f"no import preview with id {job_id}")
    if job.status != "done" or job.result is None:
        return render(request, "import_preview_job.html", _job_context(job))
    upload_id = int(job.params["upload_id"])
    try:
        waiting = await run_in_threadpool(jobs.payload, db, viewer.actor, upload_id, IMPORT)
    except LegdayError as exc:
        return _upload_form(request, for_page(exc), 404 if isinstance(exc, NotFound) else 409)
    return await _preview(request, waiting.job.id, waiting.job.params, job.result)


@router.get("/import/previews/{job_id}/progress")
async def import_preview_progress(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], job_id: int
) -> Response:
    """The progress block alone; once the preview is ready htmx reloads the page (HX-Refresh),
    which then shows it."""
    from legday.app import jobs
    from legday.web.jobs import PREVIEW

    job = await run_in_threadpool(jobs.get, database(request), viewer.actor, job_id)
    if job.kind != PREVIEW:
        raise NotFound(f"no import preview with id {job_id}")
    response = render(request, "_import_progress.html", _job_context(job))
    if job.status == "done":
        response.headers["HX-Refresh"] = "true"
    return response
