"""The SQL of the job queue (table ``job``): add, claim, report progress, finish, recover.

Claiming uses ``FOR UPDATE SKIP LOCKED`` so that several server processes on one PostgreSQL
database each take a different job without waiting on one another; SQLite ignores the clause and
its single writer lock makes the claim atomic instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from legday.store.job_models import Job

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
UPLOADED = "uploaded"  # a file waiting for its owner to choose the athlete and commit


def add(
    s: Session,
    *,
    owner_id: int,
    scopes: list[str] | None,
    kind: str,
    params: dict[str, Any],
    payload: bytes | None,
    at: datetime,
) -> Job:
    job = Job(
        owner_id=owner_id,
        scopes=scopes,
        kind=kind,
        params=params,
        payload=payload,
        status=QUEUED,
        attempts=0,
        progress_done=0,
        progress_total=0,
        created_at=at,
    )
    s.add(job)
    s.flush()
    return job


def owned(s: Session, job_id: int, owner_id: int) -> Job | None:
    """The job when ``owner_id`` submitted it; None for a missing or someone else's job."""
    return s.scalar(select(Job).where(Job.id == job_id, Job.owner_id == owner_id))


def claim(s: Session, worker: str, at: datetime) -> Job | None:
    """Take the oldest queued job for ``worker`` (None when the queue is empty)."""
    job = s.scalar(
        select(Job)
        .where(Job.status == QUEUED)
        .order_by(Job.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if job is None:
        return None
    job.status, job.worker = RUNNING, worker
    job.attempts += 1
    job.started_at = job.heartbeat_at = at
    job.progress_done, job.progress_total, job.progress_text = 0, 0, None
    s.flush()
    return job


def progress(
    s: Session, job_id: int, worker: str, done: int, total: int, text: str, at: datetime
) -> bool:
    """Record progress (and that the worker lives); False when the job is no longer this
    worker's (it was taken back as stale)."""
    result = s.execute(
        update(Job)
        .where(Job.id == job_id, Job.worker == worker, Job.status == RUNNING)
        .values(progress_done=done, progress_total=total, progress_text=text[:200], heartbeat_at=at)
    )
    return bool(getattr(result, "rowcount", 0))


def finish(
    s: Session,
    job_id: int,
    worker: str,
    at: datetime,
    *,
    result: dict[str, Any] | None = None,
    data: bytes | None = None,
    media_type: str | None = None,
    name: str | None = None,
    error: str | None = None,
) -> bool:
    """Mark the job done (with its result) or failed (with ``error``); the payload is dropped.
    False when another worker owns the job now."""
    values: dict[str, Any] = {
        "status": FAILED if error is not None else DONE,
        "finished_at": at,
        "heartbeat_at": at,
        "payload": None,
        "result": result,
        "result_data": data,
        "result_type": media_type,
        "result_name": name,
        "error": error,
    }
    done = s.execute(
        update(Job)
        .where(Job.id == job_id, Job.worker == worker, Job.status == RUNNING)
        .values(**values)
    )
    return bool(getattr(done, "rowcount", 0))


def recover(s: Session, stale_before: datetime, max_attempts: int, at: datetime) -> list[int]:
    """Jobs whose worker stopped answering (no heartbeat since ``stale_before``): queued again
    while they have attempts left, else failed with the reason. Returns the ids touched."""
    stale = s.scalars(
        select(Job)
        .where(Job.status == RUNNING, Job.heartbeat_at < stale_before)
        .with_for_update(skip_locked=True)
    ).all()
    for job in stale:
        if job.attempts < max_attempts:
            job.status, job.worker = QUEUED, None
        else:
            job.status, job.finished_at, job.payload = FAILED, at, None
            job.error = (
                f"the worker running it stopped {job.attempts} times; the job was not retried again"
            )
    s.flush()
    return [j.id for j in stale]


def expire(s: Session, uploaded_before: datetime, finished_before: datetime) -> tuple[int, int]:
    """Delete uploads never committed (created before ``uploaded_before``) and finished or failed
    jobs with their results (finished before ``finished_before``); queued and running jobs stay.
    Returns (uploads, finished jobs) deleted."""
    uploads = s.execute(delete(Job).where(Job.status == UPLOADED, Job.created_at < uploaded_before))
    finished = s.execute(
        delete(Job).where(Job.status.in_((DONE, FAILED)), Job.finished_at < finished_before)
    )
    return int(getattr(uploads, "rowcount", 0)), int(getattr(finished, "rowcount", 0))
