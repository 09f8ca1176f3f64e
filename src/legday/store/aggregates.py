"""The daily tables (DailyAggregate, DailyLoad): the statements that read the sets of a span of
days and replace the tables' rows. Callers run them inside ``tenancy.maintaining`` (the tables
follow every set of the athlete, whoever logged it); every statement names the athlete."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, select
from sqlalchemy.orm import Session

from legday.store.models import DailyAggregate, DailyLoad, SetEntry, TrainingSession

CHUNK_DAYS = 400  # keeps IN lists well under SQLite's variable limit and memory flat
BULK_CHUNK = 20_000  # rows per executemany: bounded memory

AGGREGATE_COLUMNS = (
    "athlete_id", "day", "pattern", "muscle", "hard_sets", "working_sets", "tonnage_kg", "contacts",
)  # fmt: skip
LOAD_COLUMNS = ("athlete_id", "day", "load", "minutes", "sessions", "lower_sets", "all_sets")


def _chunks(items: Sequence[Any], n: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def delete_days(s: Session, athlete_id: int, days: Sequence[date]) -> None:
    for chunk in _chunks(days, CHUNK_DAYS):
        for table in (DailyAggregate, DailyLoad):
            s.execute(delete(table).where(table.athlete_id == athlete_id, table.day.in_(chunk)))


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


def _in_range(athlete_id: int, start: datetime, stop: datetime) -> Any:
    return and_(
        TrainingSession.athlete_id == athlete_id,
        TrainingSession.started_at >= start,
        TrainingSession.started_at < stop,
    )


def sessions_between(
    s: Session, athlete_id: int, start: datetime, stop: datetime
) -> list[tuple[int, Any, int | None, float | None]]:
    """(id, started, duration_s, session RPE) of the athlete's sessions started in [start, stop)."""
    rows = s.execute(
        select(
            TrainingSession.id,
            TrainingSession.started_at,
            TrainingSession.duration_s,
            TrainingSession.session_rpe,
        ).where(_in_range(athlete_id, start, stop))
    )
    return list(rows)


def count_sessions_between(s: Session, athlete_id: int, start: datetime, stop: datetime) -> int:
    return int(
        s.scalar(
            select(func.count())
            .select_from(TrainingSession)
            .where(_in_range(athlete_id, start, stop))
        )
        or 0
    )


def set_groups(
    s: Session, athlete_id: int, start: datetime, stop: datetime, hard_rpe: float, hard_rir: float
) -> list[tuple[Any, ...]]:
    """Per (session, exercise) of the non-warm-up sets in sessions started in [start, stop):
    (session, exercise, sets, hard sets, external tonnage, contacts, reps without contacts).
    A set is hard at RPE ≥ ``hard_rpe``, else at RIR ≤ ``hard_rir``, else always."""
    hard = case(
        (SetEntry.rpe.is_not(None), case((SetEntry.rpe >= hard_rpe, 1), else_=0)),
        (SetEntry.rir.is_not(None), case((SetEntry.rir <= hard_rir, 1), else_=0)),
        else_=1,
    )
    tonnage = case(
        (
            and_(
                SetEntry.load_basis == "external",
                SetEntry.load_kg.is_not(None),
                SetEntry.reps.is_not(None),
            ),
            SetEntry.load_kg * SetEntry.reps,
        ),
        else_=0.0,
    )
    reps_without_contacts = case(
        (and_(SetEntry.contacts.is_(None), SetEntry.reps.is_not(None)), SetEntry.reps), else_=0
    )
    return list(
        s.execute(
            select(
                SetEntry.session_id,
                SetEntry.exercise_id,
                func.count(),
                func.sum(hard),
                func.sum(tonnage),
                func.sum(func.coalesce(SetEntry.contacts, 0)),
                func.sum(reps_without_contacts),
            )
            .join(TrainingSession, TrainingSession.id == SetEntry.session_id)
            .where(_in_range(athlete_id, start, stop), SetEntry.set_type != "warmup")
            .group_by(SetEntry.session_id, SetEntry.exercise_id)
        )
    )


def insert_rows(
    s: Session, aggregate_rows: Sequence[dict[str, Any]], load_rows: Sequence[dict[str, Any]]
) -> None:
    """Insert daily rows (dicts keyed by ``AGGREGATE_COLUMNS`` / ``LOAD_COLUMNS``)."""
    if aggregate_rows:
        s.execute(insert(DailyAggregate), list(aggregate_rows))
    if load_rows:
        s.execute(insert(DailyLoad), list(load_rows))


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
