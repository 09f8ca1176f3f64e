"""Queries on training sessions (the session aggregate): by id, by athlete and period, the open
gym-mode session, the phone's sessions by client key, and row locks. ORM statements, so the
tenant filter of the unit of work applies (legday.store.tenancy)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legday.store.models import TrainingSession

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL: a larger one names no row


def get(s: Session, session_id: int) -> TrainingSession | None:
    """The session as the unit's actor sees it (None: missing or someone else's)."""
    return s.get(TrainingSession, session_id) if 1 <= session_id <= MAX_ID else None


def of_athlete(
    s: Session, athlete_id: int, since: datetime | None = None, until: datetime | None = None
) -> Sequence[TrainingSession]:
    """The athlete's sessions started in [since, until), newest first."""
    q = select(TrainingSession).where(TrainingSession.athlete_id == athlete_id)
    if since is not None:
        q = q.where(TrainingSession.started_at >= since)
    if until is not None:
        q = q.where(TrainingSession.started_at < until)
    return s.scalars(q.order_by(TrainingSession.started_at.desc(), TrainingSession.id)).all()


def oldest_first(s: Session, athlete_id: int) -> Sequence[TrainingSession]:
    return s.scalars(
        select(TrainingSession)
        .where(TrainingSession.athlete_id == athlete_id)
        .order_by(TrainingSession.started_at, TrainingSession.id)
    ).all()


def page(s: Session, athlete_id: int, before: int | None, limit: int) -> Sequence[TrainingSession]:
    """Up to ``limit`` sessions by id, newest first, with ids below ``before`` (a cursor)."""
    q = (
        select(TrainingSession)
        .where(TrainingSession.athlete_id == athlete_id)
        .order_by(TrainingSession.id.desc())
        .limit(limit)
    )
    if before is not None:
        q = q.where(TrainingSession.id < before)
    return s.scalars(q).all()


def count(s: Session, athlete_id: int) -> int:
    return int(
        s.scalar(
            select(func.count(TrainingSession.id)).where(TrainingSession.athlete_id == athlete_id)
        )
        or 0
    )


def open_one(s: Session, athlete_id: int) -> TrainingSession | None:
    """The athlete's latest session still open in gym mode (a phone's session stays open until
    finished on the gym page, which resumes it itself)."""
    return s.scalar(
        select(TrainingSession)
        .where(
            TrainingSession.athlete_id == athlete_id,
            TrainingSession.status == "open",
            TrainingSession.source != "web",
        )
        .order_by(TrainingSession.started_at.desc())
        .limit(1)
    )


def by_source_key(s: Session, athlete_id: int, source: str, key: str) -> TrainingSession | None:
    """The athlete's session an outside client named ``key`` (its own id for it)."""
    return s.scalar(
        select(TrainingSession).where(
            TrainingSession.athlete_id == athlete_id,
            TrainingSession.source == source,
            TrainingSession.source_key == key,
        )
    )


def lock(s: Session, t: TrainingSession) -> None:
    """Hold the session's row until commit and read it afresh (PostgreSQL; SQLite's one writer
    covers it). NO KEY UPDATE: inserting a set holds KEY SHARE on its session."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(
            select(TrainingSession.id)
            .where(TrainingSession.id == t.id)
            .with_for_update(key_share=True)
        )
        s.refresh(t)
