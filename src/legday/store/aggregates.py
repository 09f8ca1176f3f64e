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

BULK_CHUNK = 20_000  # rows per executemany: bounded memory


def _chunks(items: Sequence[Any], n: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def delete_days(s: Session, athlete_id: int, days: Sequence[date]) -> None:
    plain_daily.delete_days(SessionRows(s), athlete_id, days)


def delete_all(s: Session, athlete_id: int) -> None:
    for table in (DailyAggregate, DailyLoad):
        s.execute(delete(table).where(table.athlete_id == athlete_id))


def rows_between(s: Session, athlete_id: int, lo: date, hi: date) -> dict[str, int]:
    """How many rows each daily table holds for the athlete from ``lo`` to ``hi``."""
    return {
        table.__tablename__: int(
            s.scalar(
                select(func.count())
                .select_from(table)
                .where(table.athlete_id == athlete_id, table.day >= lo, table.day <= hi)
            )
            or 0
        )
        for table in (DailyAggregate, DailyLoad)
    }


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


def insert_bulk(
    s: Session, aggregate_rows: list[tuple[Any, ...]], load_rows: list[tuple[Any, ...]]
) -> None:
    """Plain executemany on the driver, rows as tuples in column order with ``day`` a date: the
    ORM's per-row work cost more than the insert itself (bench/bench_import.py, ~700,000 cells
    for a 1,000,000-set history)."""
    mark = "?" if s.get_bind().dialect.paramstyle == "qmark" else "%s"
    conn = s.connection()
    # SQLite takes dates as the ISO text SQLAlchemy's Date type writes; other drivers adapt them.
    if mark == "?":
        aggregate_rows = [(r[0], r[1].isoformat(), *r[2:]) for r in aggregate_rows]
        load_rows = [(r[0], r[1].isoformat(), *r[2:]) for r in load_rows]
    for table, cols, rows in (
        (DailyAggregate.__tablename__, AGGREGATE_COLUMNS, aggregate_rows),
        (DailyLoad.__tablename__, LOAD_COLUMNS, load_rows),
    ):
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})"
        for chunk in _chunks(rows, BULK_CHUNK):
            conn.exec_driver_sql(sql, list(chunk))
