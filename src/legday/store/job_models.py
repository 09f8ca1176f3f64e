"""The background job table (migration 0006): large imports and PDF reports, polled by their owner.

One table serves both backends. On PostgreSQL several server processes claim jobs with
``SELECT … FOR UPDATE SKIP LOCKED``; on SQLite the single writer lock makes the claim atomic.
A job's result (a report's bytes, an import's summary) is stored in the row so that any process
can answer the owner's download.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from legday.store.models import Base


class Job(Base):
    __tablename__ = "job"
    __table_args__ = (
        Index("ix_job_status_id", "status", "id"),
        Index("ix_job_owner", "owner_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    scopes: Mapped[list[str] | None] = mapped_column(JSON)  # the submitting token's scopes
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)  # an uploaded file
    status: Mapped[str] = mapped_column(String(20))  # queued | running | done | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    progress_text: Mapped[str | None] = mapped_column(String(200))
    worker: Mapped[str | None] = mapped_column(String(100))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    result_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    result_type: Mapped[str | None] = mapped_column(String(100))
    result_name: Mapped[str | None] = mapped_column(String(200))
    error: Mapped[str | None] = mapped_column(Text)
