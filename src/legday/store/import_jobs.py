"""The SQL of background import jobs: a job belongs to the account that started it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from legday.store.care_models import ImportJob


def add(
    s: Session, user_id: int, athlete_id: int, filename: str, size: int, at: datetime
) -> ImportJob:
    row = ImportJob(
        user_id=user_id,
        athlete_id=athlete_id,
        filename=filename[:300],
        status="running",
        size_bytes=size,
        created_at=at,
    )
    s.add(row)
    s.flush()
    return row


def of_user(s: Session, user_id: int, job_id: int) -> ImportJob | None:
    return s.scalar(select(ImportJob).where(ImportJob.id == job_id, ImportJob.user_id == user_id))


def finish(
    s: Session,
    job_id: int,
    status: str,
    result: dict[str, Any] | None,
    error: str | None,
    at: datetime,
) -> None:
    row = s.get(ImportJob, job_id)
    if row is not None:
        row.status, row.result, row.error, row.finished_at = status, result, error, at
