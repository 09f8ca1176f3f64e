"""History import as pages: upload a file, see what it holds (a dry run: nothing is written),
name the exercises legday does not know, commit (a large file as a job of the server's queue,
whose progress the page polls: ``/import/jobs/ID``). The upload waits in a private temporary
folder between preview and commit, under a random name that carries the account's id, so nobody
else can commit it; it is deleted after the commit (or left for the system's temp cleaning)."""

from __future__ import annotations

import re
import secrets
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from legday.domain.errors import InvalidInput, LegdayError, NotFound
from legday.web.deps import database
from legday.web.pages.render import render
from legday.web.pages.viewer import Viewer, require_viewer

router = APIRouter(include_in_schema=False)

SUFFIXES = (".csv", ".fit", ".json", ".txt", ".tsv")
# Files above this size are committed by a background job whose progress the page polls (a
# personal history of a few years is well under it and is stored while the page waits).
LARGE_BYTES = 1_000_000
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MAX_UNKNOWN_SHOWN = 30  # names to map on one screen; the rest can be mapped later
# the stages legday.app.importing reports, as the page words them
STAGES = {
    "read": "reading the file",
    "parse": "reading the rows",
    "matching": "matching exercise names",
    "write": "storing the sets",
    "aggregates": "updating the daily totals",
}


def upload_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "legday-web-imports"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def _held(viewer: Viewer, token: str) -> Path:
    if not TOKEN.match(token):
        raise InvalidInput("this upload reference is not valid", "upload the file again")
    for path in upload_dir().glob(f"{viewer.actor.user_id}-{token}.*"):
        if path.suffix in SUFFIXES:
            return path
    raise NotFound("this upload is no longer here", "upload the file again")


def _unit(text: str) -> str | None:
    """The unit the athlete says the file's loads are in (None: as the file says)."""
    if text not in ("", "kg", "lb"):
        raise InvalidInput(f"unit {text!r} is not known", "kg or lb")
    return text or None


@router.get("/import")
def import_page(request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]) -> Response:
    return render(request, "import.html", {"step": "upload", "error": None})


@router.post("/import/preview")
async def import_preview(
    request: Request,
    viewer: Annotated[Viewer, Depends(require_viewer)],
    file: UploadFile,
    unit: Annotated[str, Form()] = "",
) -> Response:
    from legday.app.catalog import match
    from legday.app.importing import import_bytes

    suffix = Path(file.filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        error = (
            f"{file.filename or 'this file'} is not an export legday reads "
            f"(expected {', '.join(SUFFIXES)})"
        )
        return render(request, "import.html", {"step": "upload", "error": error}, 400)
    token = secrets.token_urlsafe(24)
    path = upload_dir() / f"{viewer.actor.user_id}-{token}{suffix}"
    path.write_bytes(await file.read())
    db = database(request)

    def dry_run() -> tuple[Any, list[dict[str, Any]]]:
        summary = import_bytes(
            db,
            viewer.actor,
            viewer.athlete_id,
            path.read_bytes(),
            path.name,
            unit=_unit(unit),
            dry_run=True,
        )
        unknown = []
        for raw in summary.exercises_unknown[:MAX_UNKNOWN_SHOWN]:
            found = match(raw)
            unknown.append(
                {"raw": raw, "candidates": [(c.id, c.name) for c in found.candidates[:5]]}
            )
        return summary, unknown

    try:
        summary, unknown = await run_in_threadpool(dry_run)
    except LegdayError as exc:
        path.unlink(missing_ok=True)
        error = exc.message + (f" ({exc.hint})" if exc.hint else "")
        return render(request, "import.html", {"step": "upload", "error": error}, 400)
    ctx: dict[str, Any] = {
        "step": "preview",
        "error": None,
        "token": token,
        "filename": file.filename,
        "summary": summary,
        "unknown": unknown,
        "unit": _unit(unit) or "",
    }
    return render(request, "import.html", ctx)


@router.post("/import/commit")
async def import_commit(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)]
) -> Response:
    from legday.app.importing import import_bytes
    from legday.app.mappings import map_exercise

    form = await request.form()
    token = str(form.get("token") or "")
    unit = _unit(str(form.get("unit") or ""))
    mappings = {
        str(form.get(f"raw-{i}") or ""): str(form.get(f"map-{i}") or "").strip()
        for i in range(MAX_UNKNOWN_SHOWN)
        if form.get(f"raw-{i}") and str(form.get(f"map-{i}") or "").strip()
    }
    db = database(request)

    def start_job() -> int | None:
        from legday.app import jobs
        from legday.app.mappings import map_exercise
        from legday.web.jobs import IMPORT

        path = _held(viewer, token)
        if path.stat().st_size <= LARGE_BYTES:
            return None
        # the name the athlete knows the file by, when the form kept it (same suffix: the
        # format is detected from it)
        typed = Path(str(form.get("filename") or "")).name
        name = typed if typed and Path(typed).suffix.lower() == path.suffix else path.name
        aid = viewer.athlete_id
        # names mapped first: the import then files their sets under the catalog exercise
        for raw, ex in mappings.items():
            map_exercise(db, viewer.actor, aid, raw, ex)
        params = {"filename": name, "athlete_id": aid, "unit": unit}
        job = jobs.submit(db, viewer.actor, IMPORT, params, path.read_bytes())
        path.unlink(missing_ok=True)
        return job.id

    try:
        job_id = await run_in_threadpool(start_job)
    except LegdayError as exc:
        error = exc.message + (f" ({exc.hint})" if exc.hint else "")
        return render(request, "import.html", {"step": "upload", "error": error}, 400)
    if job_id is not None:
        return RedirectResponse(f"/import/jobs/{job_id}", status_code=303)

    def commit() -> tuple[Any, list[Any]]:
        path = _held(viewer, token)
        aid = viewer.athlete_id
        summary = import_bytes(db, viewer.actor, aid, path.read_bytes(), path.name, unit=unit)
        mapped = [map_exercise(db, viewer.actor, aid, raw, ex) for raw, ex in mappings.items()]
        path.unlink(missing_ok=True)
        return summary, mapped

    try:
        summary, mapped = await run_in_threadpool(commit)
    except LegdayError as exc:
        error = exc.message + (f" ({exc.hint})" if exc.hint else "")
        return render(request, "import.html", {"step": "upload", "error": error}, 400)
    done = {"step": "done", "error": None, "summary": summary, "mapped": mapped}
    return render(request, "import.html", done)


async def _job(request: Request, viewer: Viewer, job_id: int, template: str) -> Response:
    from legday.app import jobs
    from legday.web.jobs import IMPORT

    job = await run_in_threadpool(jobs.get, database(request), viewer.actor, job_id)
    if job.kind != IMPORT:
        raise NotFound(f"no import with id {job_id}")
    stage = STAGES.get(job.progress_text or "", job.progress_text or "waiting for a worker")
    total = job.progress_total
    ctx = {
        "job": job,
        "filename": str(job.params.get("filename") or "your file"),
        "stage": stage,
        "percent": round(100 * min(1.0, job.progress_done / total)) if total else None,
        "running": job.status not in ("done", "failed"),
    }
    return render(request, template, ctx)


@router.get("/import/jobs/{job_id}")
async def import_job_page(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], job_id: int
) -> Response:
    """A large import running in the background (the server's job resource,
    ``/api/v1/jobs/ID``); the progress below polls itself."""
    return await _job(request, viewer, job_id, "import_job.html")


@router.get("/import/jobs/{job_id}/progress")
async def import_job_progress(
    request: Request, viewer: Annotated[Viewer, Depends(require_viewer)], job_id: int
) -> Response:
    """The progress block alone (htmx swaps it in every second until the job has finished)."""
    return await _job(request, viewer, job_id, "_import_progress.html")
