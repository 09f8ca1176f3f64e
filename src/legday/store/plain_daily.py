"""The daily tables' statements (DailyAggregate, DailyLoad) in plain SQL, run by either driver
(``legday.store.plain.Writes``): what ``legday.app.aggregates.refresh`` reads of a span of days
and how it replaces the tables' rows, written once for the ORM units of work and for the plain
write of `legday log`. Callers check that the actor may log for the athlete first (the tables
follow every set of the athlete, whoever logged it); every statement names the athlete. This
module imports no SQLAlchemy."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from legday.store.plain import Rows, Writes

CHUNK_DAYS = 400  # keeps IN lists well under SQLite's variable limit and memory flat
FEW_ROWS = 50  # up to this many rows go as one INSERT (8 columns x 50: under SQLite's 999)

AGGREGATE_COLUMNS = (
    "athlete_id", "day", "pattern", "muscle", "hard_sets", "working_sets", "tonnage_kg", "contacts",
)  # fmt: skip
LOAD_COLUMNS = ("athlete_id", "day", "load", "minutes", "sessions", "lower_sets", "all_sets")
TABLES = ("daily_aggregate", "daily_load")

_IN_RANGE = "athlete_id = :athlete AND started_at >= :start AND started_at < :stop"


def _chunks(items: Sequence[Any], n: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def sessions_between(
    u: Rows, athlete_id: int, start: datetime, stop: datetime
) -> list[tuple[int, Any, int | None, float | None]]:
    """(id, started, duration_s, session RPE) of the athlete's sessions started in [start, stop)."""
    found = u.rows(
        f"SELECT id, started_at, duration_s, session_rpe FROM training_session WHERE {_IN_RANGE}",
        {"athlete": athlete_id, "start": start, "stop": stop},
    )
    return [(int(r[0]), r[1], r[2], r[3]) for r in found]


def count_sessions_between(u: Rows, athlete_id: int, start: datetime, stop: datetime) -> int:
    found = u.rows(
        f"SELECT count(*) FROM training_session WHERE {_IN_RANGE}",
        {"athlete": athlete_id, "start": start, "stop": stop},
    )
    return int(found[0][0] or 0)


# Per (session, exercise) of the non-warm-up sets: how many, how many hard (RPE ≥ :hard_rpe,
# else RIR ≤ :hard_rir, else always), external tonnage, contacts, reps without contacts.
_SET_GROUPS = (
    "SELECT s.session_id, s.exercise_id, count(*),"
    " sum(CASE WHEN s.rpe IS NOT NULL THEN CASE WHEN s.rpe >= :hard_rpe THEN 1 ELSE 0 END"
    " WHEN s.rir IS NOT NULL THEN CASE WHEN s.rir <= :hard_rir THEN 1 ELSE 0 END ELSE 1 END),"
    " sum(CASE WHEN s.load_basis = 'external' AND s.load_kg IS NOT NULL AND s.reps IS NOT NULL"
    " THEN s.load_kg * s.reps ELSE 0.0 END),"
    " sum(coalesce(s.contacts, 0)),"
    " sum(CASE WHEN s.contacts IS NULL AND s.reps IS NOT NULL THEN s.reps ELSE 0 END)"
    " FROM set_entry s JOIN training_session t ON t.id = s.session_id"
    " WHERE t.athlete_id = :athlete AND t.started_at >= :start AND t.started_at < :stop"
    " AND s.set_type <> 'warmup' GROUP BY s.session_id, s.exercise_id"
)


def set_groups(
    u: Rows, athlete_id: int, start: datetime, stop: datetime, hard_rpe: float, hard_rir: float
) -> list[tuple[Any, ...]]:
    """Per (session, exercise) of the non-warm-up sets in sessions started in [start, stop):
    (session, exercise, sets, hard sets, external tonnage, contacts, reps without contacts).
    A set is hard at RPE ≥ ``hard_rpe``, else at RIR ≤ ``hard_rir``, else always."""
    params = {"athlete": athlete_id, "start": start, "stop": stop}
    return u.rows(_SET_GROUPS, {**params, "hard_rpe": hard_rpe, "hard_rir": hard_rir})


def delete_days(u: Writes, athlete_id: int, days: Sequence[date]) -> None:
    for chunk in _chunks(days, CHUNK_DAYS):
        params: dict[str, Any] = {f"d{i}": d for i, d in enumerate(chunk)}
        params["athlete"] = athlete_id
        marks = ", ".join(f":d{i}" for i in range(len(chunk)))
        for table in TABLES:
            u.execute(
                f"DELETE FROM {table} WHERE athlete_id = :athlete AND day IN ({marks})", params
            )


def insert_rows(
    u: Writes, aggregate_rows: Sequence[dict[str, Any]], load_rows: Sequence[dict[str, Any]]
) -> None:
    """Insert daily rows (dicts keyed by ``AGGREGATE_COLUMNS`` / ``LOAD_COLUMNS``)."""
    for table, cols, rows in zip(
        TABLES, (AGGREGATE_COLUMNS, LOAD_COLUMNS), (aggregate_rows, load_rows), strict=True
    ):
        if not rows:
            continue
        if len(rows) > FEW_ROWS:  # a rebuild: the driver's executemany
            marks = ", ".join(f":{c}" for c in cols)
            u.execute_many(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
            continue
        # A refresh after a set writes a handful of rows: one multi-row INSERT costs less than
        # the driver's executemany (on psycopg a pipeline of its own).
        params: dict[str, Any] = {}
        values = []
        for i, row in enumerate(rows):
            values.append("(" + ", ".join(f":{c}_{i}" for c in cols) + ")")
            params.update({f"{c}_{i}": row[c] for c in cols})
        u.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES {', '.join(values)}", params)


def any_rows_between(u: Rows, athlete_id: int, lo: date, hi: date) -> bool:
    """Whether either daily table holds a row of the athlete from ``lo`` to ``hi``."""
    return any(
        u.rows(
            f"SELECT 1 FROM {table} WHERE athlete_id = :athlete AND day >= :lo AND day <= :hi"
            " LIMIT 1",
            {"athlete": athlete_id, "lo": lo, "hi": hi},
        )
        for table in TABLES
    )


BULK_CHUNK = 20_000  # rows per executemany: bounded memory


def insert_bulk(
    u: Writes, aggregate_rows: list[tuple[Any, ...]], load_rows: list[tuple[Any, ...]]
) -> None:
    """Plain executemany on the driver, rows as tuples in column order with ``day`` a date: the
    ORM's per-row work cost more than the insert itself (bench/bench_import.py, ~700,000 cells
    for a 1,000,000-set history)."""
    # SQLite takes dates as the ISO text SQLAlchemy's Date type writes; other drivers adapt them.
    if u.dialect == "sqlite":
        aggregate_rows = [(r[0], r[1].isoformat(), *r[2:]) for r in aggregate_rows]
        load_rows = [(r[0], r[1].isoformat(), *r[2:]) for r in load_rows]
    for table, cols, rows in zip(
        TABLES, (AGGREGATE_COLUMNS, LOAD_COLUMNS), (aggregate_rows, load_rows), strict=True
    ):
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        for chunk in _chunks(rows, BULK_CHUNK):
            u.execute_rows(sql, chunk)
