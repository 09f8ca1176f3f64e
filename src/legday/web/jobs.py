"""The jobs this server runs in the background, and the worker thread's life with the app.

Handlers translate a job's stored parameters into a use-case call, as a route would; they run as
the job's owner, so the access rule applies again when the job runs (a link revoked meanwhile
makes the job fail, never leak)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from legday.app import jobs
from legday.app.db import Database
from legday.domain.access import Actor

if TYPE_CHECKING:
    from legday.app.importing import ImportSummary

REPORT = "report"
IMPORT = "import"
PREVIEW = "import-preview"
# An upload larger than this is previewed by a job the page polls (parsing and matching a few
# years of personal history takes well under a second; a team's or a decade's file far more).
PREVIEW_IN_BACKGROUND_BYTES = 1_000_000
REPORT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def _day(text: Any) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) else None


def run_report(
    db: Database, actor: Actor, params: dict[str, Any], _data: bytes | None, progress: jobs.Progress
) -> jobs.Outcome:
    from legday.app.reporting import gather
    from legday.report.build import render_report

    fmt = str(params["format"])
    data = gather(
        db, actor, int(params["athlete_id"]), _day(params.get("from")), _day(params.get("to"))
    )
    page = render_report(data, fmt, progress)
    return jobs.Outcome(
        result={"athlete": data.athlete_name, "period": data.period_text(), "format": fmt},
        data=page,
        media_type=REPORT_TYPES[fmt],
        name=f"legday-report-{params['athlete_id']}.{fmt}",
    )


def _import(
    db: Database,
    actor: Actor,
    athlete_id: int,
    data: bytes,
    file_params: dict[str, Any],
    progress: jobs.Progress,
    dry_run: bool,
) -> ImportSummary:
    """The import (or its dry run) of an uploaded file with the choices stored beside it."""
    from legday.app import importing

    def on_progress(stage: str, done: int, total: int | None) -> None:
        progress(done, total or 0, stage)

    return importing.import_bytes(
        db,
        actor,
        athlete_id,
        data,
        str(file_params["filename"]),
        file_params.get("format"),
        file_params.get("unit"),
        dry_run=dry_run,
        on_progress=on_progress,
        unit_is_right=bool(file_params.get("unit_is_right")),
    )


def run_import(
    db: Database, actor: Actor, params: dict[str, Any], data: bytes | None, progress: jobs.Progress
) -> jobs.Outcome:
    if data is None:
        raise ValueError("an import job without its file")
    summary = _import(db, actor, int(params["athlete_id"]), data, params, progress, False)
    return jobs.Outcome(result=summary.as_json())


def run_preview(
    db: Database, actor: Actor, params: dict[str, Any], _data: bytes | None, progress: jobs.Progress
) -> jobs.Outcome:
    """What committing the owner's waiting upload for the athlete would add (nothing is
    written). The upload is read as the job's owner, so only their own can be previewed."""
    waiting = jobs.payload(db, actor, int(params["upload_id"]), IMPORT)
    athlete_id = int(params["athlete_id"])
    summary = _import(db, actor, athlete_id, waiting.data, waiting.job.params, progress, True)
    return jobs.Outcome(
        result={"id": waiting.job.id, "athlete_id": athlete_id, **summary.as_json()}
    )


HANDLERS: dict[str, jobs.Handler] = {
    REPORT: run_report,
    IMPORT: run_import,
    PREVIEW: run_preview,
}
