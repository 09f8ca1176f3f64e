"""The daily tables' refresh for a few days as SQL the database computes: the same rows as
``legday.app.aggregates``' Python computation (per day × pattern × muscle, and per day), with the
exercise facts written into the statement as a VALUES list.

On PostgreSQL it is ONE statement (deletes, upserts and the computation in data-modifying CTEs):
the Python refresh cost a logged set six round trips (two deletes, two reads, two inserts) and
about half of a set's time on that database (docs/server.md#cost-of-a-set). The statement text
depends only on the facts and the number of days, so psycopg prepares it on each pooled
connection after a few uses and the large VALUES list is parsed and planned once per connection.
On SQLite (no data-modifying CTEs; round trips cost nothing in-process) the same computation runs
as a delete and two INSERT … SELECT; legday uses it there only in tests, which hold both paths to
the Python one. Callers check the access rule first, as for ``legday.store.plain_daily``. This
module imports no SQLAlchemy."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from legday.store.plain import Writes
from legday.store.plain_daily import AGGREGATE_COLUMNS, LOAD_COLUMNS

# (exercise id, pattern, muscle, weight, lead muscle?, contacts per rep, lower body?): one row
# per muscle of an exercise; "lead" is its first muscle, where set counts and contacts sit.
FactRow = tuple[str, str, str, float, bool, int | None, bool]
UNKNOWN_FACTS = ("other", "unknown", 1.0)  # as legday.domain.track.facts.UNKNOWN


def _literal(v: object) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int | float):
        return repr(float(v)) if isinstance(v, float) else str(v)
    return "'" + str(v).replace("'", "''") + "'"


@dataclass(eq=False)
class FactsTable:
    """The exercise facts as a statement carries them, built once per facts mapping.

    PostgreSQL gets one jsonb constant, exercise id → its muscle rows, looked up per exercise
    of the day (a jsonb object's keys are sorted: a binary search): as a VALUES list joined to
    the day's sets, PostgreSQL scanned all ~1,300 fact rows on every refresh, 0.5 ms of its CPU.
    SQLite (tests only) gets the VALUES list."""

    rows: tuple[FactRow, ...]
    values: str = field(init=False)
    jsonb: str = field(init=False)
    _sql: dict[tuple[str, int, str], str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        if not self.rows:  # VALUES needs a row: one that matches no exercise id
            self.rows = (("", *UNKNOWN_FACTS, True, None, False),)
        self.values = ", ".join("(" + ", ".join(map(_literal, r)) + ")" for r in self.rows)
        by_id: dict[str, list[list[Any]]] = {}
        for ex_id, pattern, muscle, weight, lead, cpr, lower in self.rows:
            by_id.setdefault(ex_id, []).append(
                [pattern, muscle, float(weight), int(lead), cpr, int(lower)]
            )
        self.jsonb = _literal(json.dumps(by_id, sort_keys=True))

    def statement(self, dialect: str, n_days: int, part: str) -> str:
        if dialect == "postgresql":  # the days go as one array: one text for any number
            n_days = 0
        key = (dialect, n_days, part)
        sql = self._sql.get(key)
        if sql is None:
            sql = self._sql[key] = _statement(self, dialect, n_days, part)
        return sql


def _day(dialect: str, column: str) -> str:
    """The local wall-clock day of a timestamp column (SQLite keeps timestamps as text)."""
    return f"CAST({column} AS DATE)" if dialect == "postgresql" else f"date({column})"


def _facts_of_groups(facts: FactsTable, dialect: str) -> str:
    """``grp`` with each exercise's muscle rows: (pattern, muscle, weight, lead, cpr,
    lower_body), NULL for an exercise missing from the facts."""
    if dialect == "postgresql":
        return (
            " fg AS (SELECT g.*, m ->> 0 AS pattern, m ->> 1 AS muscle,"
            " CAST(m ->> 2 AS DOUBLE PRECISION) AS weight, CAST(m ->> 3 AS INTEGER) AS lead,"
            " CAST(m ->> 4 AS INTEGER) AS cpr, CAST(m ->> 5 AS INTEGER) AS lower_body"
            " FROM grp g LEFT JOIN LATERAL"
            f" jsonb_array_elements(CAST({facts.jsonb} AS jsonb) -> g.exercise_id) AS m ON true),"
        )
    return (
        " facts (exercise_id, pattern, muscle, weight, lead, cpr, lower_body) AS"
        f" (VALUES {facts.values}),"
        " fg AS (SELECT g.*, f.pattern, f.muscle, f.weight, f.lead, f.cpr, f.lower_body"
        " FROM grp g LEFT JOIN facts f ON f.exercise_id = g.exercise_id),"
    )


def _computed(facts: FactsTable, dialect: str, days: str) -> str:
    """The CTEs ``cells`` (daily_aggregate's rows) and ``day_rows`` (daily_load's rows)."""
    day = _day(dialect, "started_at")
    real = "DOUBLE PRECISION"
    return (
        "WITH"
        f" sess AS (SELECT id, {day} AS day, duration_s, session_rpe FROM training_session"
        " WHERE athlete_id = :athlete AND started_at >= :start AND started_at < :stop"
        f" AND {day} {days}),"
        # Per (day, exercise) of the non-warm-up sets: the sums are linear, so grouping by day
        # here gives what the Python path adds up per (session, exercise).
        " grp AS (SELECT sess.day, s.exercise_id, count(*) AS n,"
        " sum(CASE WHEN s.rpe IS NOT NULL THEN CASE WHEN s.rpe >= :hard_rpe THEN 1 ELSE 0 END"
        " WHEN s.rir IS NOT NULL THEN CASE WHEN s.rir <= :hard_rir THEN 1 ELSE 0 END ELSE 1 END)"
        " AS n_hard,"
        " sum(CASE WHEN s.load_basis = 'external' AND s.load_kg IS NOT NULL"
        f" AND s.reps IS NOT NULL THEN s.load_kg * s.reps ELSE CAST(0 AS {real}) END) AS ton,"
        " sum(coalesce(s.contacts, 0)) AS contacts,"
        " sum(CASE WHEN s.contacts IS NULL AND s.reps IS NOT NULL THEN s.reps ELSE 0 END) AS bare"
        " FROM set_entry s JOIN sess ON sess.id = s.session_id WHERE s.set_type <> 'warmup'"
        " GROUP BY sess.day, s.exercise_id),"
        + _facts_of_groups(facts, dialect)
        # An exercise missing from the facts (no id, or not in the catalog) counts as "other".
        + " fx AS (SELECT day, n, n_hard, ton, contacts, bare,"
        " coalesce(pattern, 'other') AS pattern, coalesce(muscle, 'unknown') AS muscle,"
        f" coalesce(CAST(weight AS {real}), CAST(1 AS {real})) AS weight,"
        " coalesce(lead, 1) AS lead, coalesce(CAST(cpr AS INTEGER), 0) AS cpr,"
        " coalesce(lower_body, 0) AS lower_body FROM fg),"
        " cells AS (SELECT day, pattern, muscle, sum(weight * n_hard) AS hard_sets,"
        " sum(CASE WHEN lead = 1 THEN n ELSE 0 END) AS working_sets,"
        " sum(weight * ton) AS tonnage_kg,"
        " sum(CASE WHEN lead = 1 THEN contacts + cpr * bare ELSE 0 END) AS contacts"
        " FROM fx GROUP BY day, pattern, muscle),"
        " set_days AS (SELECT day,"
        " sum(CASE WHEN lead = 1 AND lower_body = 1 THEN n ELSE 0 END) AS lower_sets,"
        " sum(CASE WHEN lead = 1 THEN n ELSE 0 END) AS all_sets FROM fx GROUP BY day),"
        # Session-RPE load (Foster et al. 2001): session RPE × minutes, each session once;
        # minutes as the Python path divides them (a float division, not a numeric one).
        " session_days AS (SELECT day,"
        " sum(CASE WHEN duration_s IS NOT NULL AND session_rpe IS NOT NULL"
        f" THEN session_rpe * (CAST(duration_s AS {real}) / 60) ELSE CAST(0 AS {real}) END)"
        " AS load,"
        f" sum(CASE WHEN duration_s IS NOT NULL THEN CAST(duration_s AS {real}) / 60"
        f" ELSE CAST(0 AS {real}) END) AS minutes,"
        " count(*) AS sessions FROM sess GROUP BY day),"
        " day_rows AS (SELECT d.day, d.load, d.minutes, d.sessions,"
        " coalesce(x.lower_sets, 0) AS lower_sets, coalesce(x.all_sets, 0) AS all_sets"
        " FROM session_days d LEFT JOIN set_days x ON x.day = d.day)"
    )


def _statement(facts: FactsTable, dialect: str, n_days: int, part: str) -> str:
    if dialect == "postgresql":
        days = "= ANY(:days)"
    else:
        days = "IN (" + ", ".join(f":d{i}" for i in range(n_days)) + ")"
    head = _computed(facts, dialect, days)
    agg_cols = ", ".join(AGGREGATE_COLUMNS)
    load_cols = ", ".join(LOAD_COLUMNS)
    agg_select = (
        "SELECT :athlete, day, pattern, muscle, hard_sets, working_sets, tonnage_kg, contacts"
        " FROM cells"
    )
    load_select = (
        "SELECT :athlete, day, load, minutes, sessions, lower_sets, all_sets FROM day_rows"
    )
    if part == "insert_cells":
        return f"{head} INSERT INTO daily_aggregate ({agg_cols}) {agg_select}"
    if part == "insert_days":
        return f"{head} INSERT INTO daily_load ({load_cols}) {load_select}"
    assert part == "refresh" and dialect == "postgresql"
    # Rows no longer computed are deleted, the computed ones upserted: the two sets of keys are
    # disjoint, so no row is touched twice by the one statement (PostgreSQL runs the CTEs on
    # one snapshot, in no set order).
    set_agg = ", ".join(f"{c} = excluded.{c}" for c in AGGREGATE_COLUMNS[4:])
    set_load = ", ".join(f"{c} = excluded.{c}" for c in LOAD_COLUMNS[2:])
    return (
        f"{head},"
        " gone_cells AS (DELETE FROM daily_aggregate o WHERE o.athlete_id = :athlete"
        f" AND o.day {days} AND NOT EXISTS (SELECT 1 FROM cells c WHERE c.day = o.day"
        " AND c.pattern = o.pattern AND c.muscle = o.muscle)),"
        " gone_days AS (DELETE FROM daily_load o WHERE o.athlete_id = :athlete"
        f" AND o.day {days} AND NOT EXISTS (SELECT 1 FROM day_rows r WHERE r.day = o.day)),"
        f" put_cells AS (INSERT INTO daily_aggregate ({agg_cols}) {agg_select}"
        f" ON CONFLICT (athlete_id, day, pattern, muscle) DO UPDATE SET {set_agg})"
        f" INSERT INTO daily_load ({load_cols}) {load_select}"
        f" ON CONFLICT (athlete_id, day) DO UPDATE SET {set_load}"
    )


def _params(
    u: Writes, athlete_id: int, days: Sequence[date], hard_rpe: float, hard_rir: float
) -> dict[str, Any]:
    start = datetime.combine(days[0], time.min)
    stop = datetime.combine(days[-1] + timedelta(days=1), time.min)
    params: dict[str, Any]
    if u.dialect == "postgresql":
        params = {"days": list(days)}
    else:  # SQLite's date() gives text
        params = {f"d{i}": d.isoformat() for i, d in enumerate(days)}
    return params | {
        "athlete": athlete_id, "start": start, "stop": stop, "hard_rpe": hard_rpe,
        "hard_rir": hard_rir,
    }  # fmt: skip


def refresh(
    u: Writes,
    athlete_id: int,
    days: Iterable[date],
    facts: FactsTable,
    hard_rpe: float,
    hard_rir: float,
) -> None:
    """Replace the athlete's daily rows of ``days``
    with what their sessions and sets say: one statement on PostgreSQL."""
    wanted = sorted(set(days))
    if not wanted:
        return
    params = _params(u, athlete_id, wanted, hard_rpe, hard_rir)
    if u.dialect == "postgresql":
        u.execute(facts.statement(u.dialect, len(wanted), "refresh"), params)
        return
    from legday.store.plain_daily import delete_days

    delete_days(u, athlete_id, wanted)
    u.execute(facts.statement(u.dialect, len(wanted), "insert_cells"), params)
    u.execute(facts.statement(u.dialect, len(wanted), "insert_days"), params)
