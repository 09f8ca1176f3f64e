"""The daily tables (DailyAggregate, DailyLoad) in an ORM unit of work: a rebuild, the bulk
insert of an import, and ORM-session wrappers of ``legday.store.plain_daily``'s statements (the
refresh of a span of days is written there once, for both drivers). Callers run them inside
``tenancy.maintaining`` (the tables follow every set of the athlete, whoever logged it); every
statement names the athlete."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from legday.store import plain_daily
from legday.store.models import DailyAggregate, DailyLoad, TrainingSession
from legday.store.plain_daily import AGGREGATE_COLUMNS, CHUNK_DAYS, LOAD_COLUMNS
from legday.store.session_rows import SessionRows

__all__ = ["AGGREGATE_COLUMNS", "CHUNK_DAYS", "LOAD_COLUMNS"]


def _chunks(items: Sequence[Any], n: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def delete_days(s: Session, athlete_id: int, days: Sequence[date]) -> None:
    plain_daily.delete_days(SessionRows(s), athlete_id, days)


def delete_all(s: Session, athlete_id: int) -> None:
    for table in (DailyAggregate, DailyLoad):
        s.execute(delete(table).where(table.athlete_id == athlete_id))


def session_span(s: Session, athlete_id: int) -> tuple[Any, Any]:
    """(first, last) start of the athlete's sessions; (None, None) without any."""
    first, last = s.execute(
        select(func.min(TrainingSession.started_at), func.max(TrainingSession.started_at)).where(
            TrainingSession.athlete_id == athlete_id
        )
    ).one()
    return first, last


def sessions_between(
    s: Session, athlete_id: int, start: datetime, stop: datetime
) -> list[tuple[int, Any, int | None, float | None]]:
    """(id, started, duration_s, session RPE) of the athlete's sessions started in [start, stop)."""
    return plain_daily.sessions_between(SessionRows(s), athlete_id, start, stop)


def count_sessions_between(s: Session, athlete_id: int, start: datetime, stop: datetime) -> int:
    return plain_daily.count_sessions_between(SessionRows(s), athlete_id, start, stop)
