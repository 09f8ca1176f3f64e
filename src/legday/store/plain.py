"""Reads in plain SQL for the everyday commands (`legday next`, `legday records`, the athlete
lookup), run by either driver: the standard sqlite3 one (``legday.store.lite``, no SQLAlchemy at
start-up) or a SQLAlchemy session's connection (``legday.store.session_rows``), on SQLite and
PostgreSQL alike. Not ORM statements, so the tenant filter of the unit of work does not reach
them: each one names the access rule itself (``legday.store.access_rule``, its one definition).
This module imports no SQLAlchemy."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from legday.domain.access import Actor, Scope
from legday.store.access_rule import visible_sql

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL: a larger one names no row


class Rows(Protocol):
    """A unit of work that runs plain SQL (named ``:params``) as its actor."""

    @property
    def actor(self) -> Actor: ...

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]: ...


class Writes(Rows, Protocol):
    """A unit of work that also writes with plain SQL (one transaction, committed at its end)."""

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``: row locks (FOR … UPDATE) are PostgreSQL's."""
        ...

    def execute(self, sql: str, params: Mapping[str, Any]) -> None: ...

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None: ...

    def execute_rows(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run ``sql`` (``?`` marks, no other ``?`` nor ``%``) once per row of values the driver
        takes as they are: an import's thousands of rows skip naming each value."""
        ...

    def insert_id(self, sql: str, params: Mapping[str, Any]) -> int:
        """Run an ``INSERT … RETURNING id`` and give the new row's id."""
        ...


def within(u: Rows, column: str, scope: Scope | None) -> str:
    """The access rule as a condition on ``column`` (an athlete id) for the unit's actor."""
    return f"{column} IN ({visible_sql(u.actor, scope)})"


def as_datetime(v: Any) -> datetime:
    """A timestamp as the driver gave it (SQLite: text; PostgreSQL: a datetime)."""
    return v if isinstance(v, datetime) else datetime.fromisoformat(str(v))


def json_value(v: Any) -> Any:
    """A JSON column as the driver gave it (SQLite: text; PostgreSQL: the value)."""
    return json.loads(v) if isinstance(v, str | bytes) else v


# --- athletes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AthleteRecord:
    """The athlete columns the reading use-cases need, as plain values."""

    id: int
    owner_id: int
    name: str
    unit: str
    level: str
    body_mass_kg: float | None
    profile: dict[str, Any] = field(default_factory=dict)
    birth_date: date | None = None
    age_years: int | None = None
    sex: str | None = None
    height_cm: float | None = None
    limitations: list[str] = field(default_factory=list)


_ATHLETE = (
    "SELECT id, owner_id, name, unit, level, body_mass_kg, profile, birth_date, age_years, sex,"
    " height_cm, limitations FROM athlete"
)


def _athlete(row: tuple[Any, ...]) -> AthleteRecord:
    i, owner, name, unit, level, mass, profile, born, age, sex, height, limits = row
    if born is not None and not isinstance(born, date):
        born = date.fromisoformat(str(born))
    return AthleteRecord(
        int(i), int(owner), name, unit, level, mass, json_value(profile) or {}, born, age, sex,
        height, list(json_value(limits) or []),
    )  # fmt: skip


def athlete(u: Rows, athlete_id: int, scope: Scope | None = None) -> AthleteRecord | None:
    """The athlete as the unit's actor sees it (None: missing or someone else's); with
    ``scope``, only when the actor may use the athlete's data for it (a reader of training
    data without ``view_training`` is answered as if the athlete were missing)."""
    if not 1 <= athlete_id <= MAX_ID:
        return None
    found = u.rows(f"{_ATHLETE} WHERE id = :id AND {within(u, 'id', scope)}", {"id": athlete_id})
    return _athlete(found[0]) if found else None


def all_athletes(u: Rows) -> list[AthleteRecord]:
    """The athletes the actor may know of (their own and those linked to them), by name."""
    sql = f"{_ATHLETE} WHERE {within(u, 'id', None)} ORDER BY name"
    return [_athlete(r) for r in u.rows(sql, {})]


def first_athletes(u: Rows, n: int) -> list[AthleteRecord]:
    """Up to ``n`` of the athletes the actor may know of, by name."""
    sql = f"{_ATHLETE} WHERE {within(u, 'id', None)} ORDER BY name, id LIMIT :n"
    return [_athlete(r) for r in u.rows(sql, {"n": n})]


def athlete_named(u: Rows, name: str, *, any_case: bool = False) -> AthleteRecord | None:
    """The visible athlete called exactly ``name`` (or in any case), lowest id first."""
    match = "lower(name) = :name" if any_case else "name = :name"
    sql = f"{_ATHLETE} WHERE {match} AND {within(u, 'id', None)} ORDER BY id LIMIT 1"
    found = u.rows(sql, {"name": name.lower() if any_case else name})
    return _athlete(found[0]) if found else None


# --- sessions ------------------------------------------------------------------------------------


def latest_start(
    u: Rows, athlete_id: int, before: datetime, *, closed_only: bool = False
) -> datetime | None:
    """When the athlete's latest session before ``before`` started (None: no such session)."""
    closed = " AND status = 'closed'" if closed_only else ""
    found = u.rows(
        "SELECT max(started_at) FROM training_session WHERE athlete_id = :athlete"
        f" AND started_at < :before{closed}"
        f" AND {within(u, 'athlete_id', Scope.VIEW_TRAINING)}",
        {"athlete": athlete_id, "before": before},
    )
    value = found[0][0] if found else None
    return None if value is None else as_datetime(value)


def open_session(u: Rows, athlete_id: int) -> tuple[int, datetime] | None:
    """(id, start) of the athlete's latest session still open in gym mode (the gym page
    resumes a phone's own)."""
    found = u.rows(
        "SELECT id, started_at FROM training_session WHERE athlete_id = :athlete"
        " AND status = 'open' AND source <> 'web'"
        f" AND {within(u, 'athlete_id', Scope.VIEW_TRAINING)}"
        " ORDER BY started_at DESC LIMIT 1",
        {"athlete": athlete_id},
    )
    return (int(found[0][0]), as_datetime(found[0][1])) if found else None


def closed_plan_refs(u: Rows, athlete_id: int) -> list[Any]:
    """The plan references of the athlete's closed sessions that carry one."""
    found = u.rows(
        "SELECT plan_ref FROM training_session WHERE athlete_id = :athlete"
        " AND status = 'closed' AND plan_ref IS NOT NULL"
        f" AND {within(u, 'athlete_id', Scope.VIEW_TRAINING)}",
        {"athlete": athlete_id},
    )
    return [json_value(r[0]) for r in found]


# --- plans ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRecord:
    id: int
    body: dict[str, Any]
    inputs: dict[str, Any]


def current_plan(u: Rows, athlete_id: int) -> PlanRecord | None:
    """The athlete's current plan (the newest marked current), which sessions are trained from."""
    found = u.rows(
        "SELECT id, body, inputs FROM plan WHERE athlete_id = :athlete AND is_current = :yes"
        f" AND {within(u, 'athlete_id', Scope.VIEW_TRAINING)}"
        " ORDER BY created_at DESC, id DESC LIMIT 1",
        {"athlete": athlete_id, "yes": True},
    )
    if not found:
        return None
    i, body, inputs = found[0]
    return PlanRecord(int(i), json_value(body) or {}, json_value(inputs) or {})


# --- sets ----------------------------------------------------------------------------------------

# What the progression rules read of a stored set (legday.app.next_session), in this order.
PROGRESS_FIELDS = (
    "exercise_id", "set_type", "load_kg", "reps", "rpe", "rir", "duration_s", "contacts", "side",
    "position",
)  # fmt: skip


def progress_rows(u: Rows, athlete_id: int, since: datetime) -> list[tuple[Any, ...]]:
    """``PROGRESS_FIELDS`` + (session start, session id) of the athlete's sets with a catalog
    exercise in closed sessions started from ``since``, oldest first."""
    cols = ", ".join(f"s.{c}" for c in PROGRESS_FIELDS)
    found = u.rows(
        f"SELECT {cols}, t.started_at, t.id FROM set_entry s"
        " JOIN training_session t ON s.session_id = t.id"
        " WHERE s.athlete_id = :athlete AND t.status = 'closed' AND t.started_at >= :since"
        f" AND s.exercise_id IS NOT NULL AND {within(u, 's.athlete_id', Scope.VIEW_TRAINING)}"
        " ORDER BY t.started_at, t.id, s.seq",
        {"athlete": athlete_id, "since": since},
    )
    return [(*r[:-2], as_datetime(r[-2]), r[-1]) for r in found]


def lifts(u: Rows, athlete_id: int) -> list[tuple[Any, ...]]:
    """(exercise, session start, load, reps, set type, load basis, session) of every set of the
    athlete with a catalog exercise: what a personal record needs (legday.domain.train.prs)."""
    found = u.rows(
        "SELECT s.exercise_id, t.started_at, s.load_kg, s.reps, s.set_type, s.load_basis,"
        " s.session_id FROM set_entry s JOIN training_session t ON s.session_id = t.id"
        " WHERE s.athlete_id = :athlete AND s.exercise_id IS NOT NULL"
        f" AND {within(u, 's.athlete_id', Scope.VIEW_TRAINING)}",
        {"athlete": athlete_id},
    )
    return [(r[0], as_datetime(r[1]), *r[2:]) for r in found]
