"""History imports too large to wait for: the upload becomes a job that runs on a worker thread of
the server, and a page polls its progress (stage, rows done of rows known). The job row holds the
state and, at the end, the import's summary or its error; the live progress is kept in this
process, because the import's one transaction holds SQLite's single writer until it commits (a
progress row could not be written beside it). Polling a job from another server process shows it
running without the numbers."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import LegdayError, NotFound
from legday.store import import_jobs as store

MAX_ID = 2**31 - 1
# stage -> the words the page shows (the stages legday.app.importing reports)
STAGES = {
    "read": "reading the file",
    "parse": "reading the rows",
    "matching": "matching exercise names",
    "write": "storing the sets",
    "aggregates": "updating the daily totals",
}


@dataclass(frozen=True)
class Progress:
    stage: str
    done: int
    total: int | None

    @property
    def fraction(self) -> float | None:
        return None if not self.total else min(1.0, self.done / self.total)


_live: dict[int, Progress] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class JobView:
    id: int
    athlete_id: int
    filename: str
    size_bytes: int
    status: str  # running | done | failed
    progress: Progress | None
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    finished_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        p = self.progress
        return {
            "id": self.id,
            "athlete_id": self.athlete_id,
            "filename": self.filename,
            "size_bytes": self.size_bytes,
            "status": self.status,
            "progress": (
                {"stage": p.stage, "done": p.done, "total": p.total} if p is not None else None
            ),
            "result": self.result,
            "error": self.error,
            "created_at": self.created_at.replace(tzinfo=UTC).isoformat(),
            "finished_at": (
                self.finished_at.replace(tzinfo=UTC).isoformat() if self.finished_at else None
            ),
        }


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def start(
    db: Database,
    actor: Actor,
    athlete_id: int,
    data: bytes,
    filename: str,
    mappings: dict[str, str] | None = None,
) -> int:
    """Record the job and start it on a worker thread; returns the job id at once. The athlete
    is checked now (NotFound for someone else's), before any work is queued."""
    from legday.app import athletes

    with db.write(actor) as s:
        athletes.get(s, athlete_id)
        job_id = store.add(s, actor.user_id, athlete_id, filename, len(data), _now()).id
    with _lock:
        _live[job_id] = Progress("read", 0, None)
    worker = threading.Thread(
        target=_run,
        args=(db, actor, job_id, athlete_id, data, filename, dict(mappings or {})),
        name=f"legday-import-{job_id}",
        daemon=True,
    )
    worker.start()
    return job_id


def _run(
    db: Database,
    actor: Actor,
    job_id: int,
    athlete_id: int,
    data: bytes,
    filename: str,
    mappings: dict[str, str],
) -> None:
    from legday.app.importing import import_bytes
    from legday.app.mappings import map_exercise

    def report(stage: str, done: int, total: int | None) -> None:
        with _lock:
            _live[job_id] = Progress(stage, done, total)

    try:
        summary = import_bytes(db, actor, athlete_id, data, filename, on_progress=report)
        for raw, exercise in mappings.items():
            map_exercise(db, actor, athlete_id, raw, exercise)
        outcome: tuple[str, dict[str, Any] | None, str | None] = (
            "done",
            summary.as_json(),
            None,
        )
    except LegdayError as exc:
        outcome = ("failed", None, str(exc))
    except Exception as exc:  # a worker thread must always leave its job finished
        outcome = ("failed", None, f"the import stopped: {type(exc).__name__}")
    with db.write(actor) as s:
        store.finish(s, job_id, *outcome, _now())
    with _lock:
        _live.pop(job_id, None)


def status(db: Database, actor: Actor, job_id: int) -> JobView:
    """The actor's job ``job_id`` (anyone else's, or none: NotFound)."""
    missing = NotFound(f"no import job with id {job_id}")
    if not 1 <= job_id <= MAX_ID:
        raise missing
    with db.read(actor, primary=True) as s:
        row = store.of_user(s, actor.user_id, job_id)
        if row is None:
            raise missing
        with _lock:
            live = _live.get(job_id) if row.status == "running" else None
        return JobView(
            row.id,
            row.athlete_id,
            row.filename,
            row.size_bytes,
            row.status,
            live,
            row.result,
            row.error,
            row.created_at,
            row.finished_at,
        )


def wait(db: Database, actor: Actor, job_id: int, timeout: float = 60.0) -> JobView:
    """The job once it has finished (for callers without a page to poll, and tests)."""
    deadline = time.monotonic() + timeout
    while True:
        view = status(db, actor, job_id)
        if view.status != "running" or time.monotonic() > deadline:
            return view
        time.sleep(0.1)
