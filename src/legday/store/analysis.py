"""Read-only queries over the training history for analysis, the club view and planning.

The figures are computed elsewhere (``legday.domain.track``, the planner); these functions only
read rows, ordered the way the column builders expect. Statements run through the session, so
the tenant filter applies (``legday.store.tenancy``): only athletes the actor may see.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legday.store.models import Athlete, DailyLoad, SetEntry, TrainingSession


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0))


def athletes_by_id(s: Session) -> list[tuple[int, str]]:
    """(id, name) of every athlete the actor may see, by id."""
    rows = s.execute(select(Athlete.id, Athlete.name).order_by(Athlete.id)).all()
    return [(int(i), str(n)) for i, n in rows]


def session_rows(s: Session, athlete_ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """(athlete_id, started_at, id, duration_s, session_rpe) of the athletes' sessions, by
    athlete, then in time order."""
    q = (
        select(
            TrainingSession.athlete_id,
            TrainingSession.started_at,
            TrainingSession.id,
            TrainingSession.duration_s,
            TrainingSession.session_rpe,
        )
        .where(TrainingSession.athlete_id.in_(athlete_ids))
        .order_by(TrainingSession.athlete_id, TrainingSession.started_at, TrainingSession.id)
    )
    return [tuple(r) for r in s.execute(q).all()]


# The columns of set_rows, in order.
SET_COLUMNS = (
    "athlete_id", "session_id", "exercise_id", "set_type", "load_kg", "load_basis", "reps", "rpe",
    "rir", "side", "contacts",
)  # fmt: skip


def set_rows(s: Session, athlete_ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The athletes' sets as tuples of :data:`SET_COLUMNS`, by athlete, session, then order."""
    q = (
        select(*(getattr(SetEntry, c) for c in SET_COLUMNS))
        .where(SetEntry.athlete_id.in_(athlete_ids))
        .order_by(SetEntry.athlete_id, SetEntry.session_id, SetEntry.seq)
    )
    return [tuple(r) for r in s.execute(q).all()]


def unmatched_names(
    s: Session, athlete_id: int, since: date | None, until: date | None
) -> dict[str, int]:
    """Working sets per raw exercise name the catalog did not match, in sessions started from
    ``since`` to ``until`` (whole days, both inclusive, when given)."""
    q = (
        select(SetEntry.exercise_raw, func.count(SetEntry.id))
        .join(TrainingSession, SetEntry.session_id == TrainingSession.id)
        .where(
            SetEntry.athlete_id == athlete_id,
            SetEntry.exercise_id.is_(None),
            SetEntry.set_type != "warmup",
        )
        .group_by(SetEntry.exercise_raw)
    )
    if since is not None:
        q = q.where(TrainingSession.started_at >= _midnight(since))
    if until is not None:
        q = q.where(TrainingSession.started_at < _midnight(until + timedelta(days=1)))
    return {str(name): int(n) for name, n in s.execute(q)}


def session_starts(s: Session, athlete_id: int) -> list[datetime]:
    """When each of the athlete's sessions started, in time order."""
    q = (
        select(TrainingSession.started_at)
        .where(TrainingSession.athlete_id == athlete_id)
        .order_by(TrainingSession.started_at)
    )
    return list(s.scalars(q))


def lifts(
    s: Session, athlete_id: int, max_reps: int
) -> list[tuple[str, float, int, datetime | None]]:
    """(exercise_id, load_kg, reps, session start) of the athlete's matched working and failure
    sets with an external load and 1 to ``max_reps`` reps — the sets a 1RM can be estimated
    from."""
    q = (
        select(SetEntry.exercise_id, SetEntry.load_kg, SetEntry.reps, TrainingSession.started_at)
        .join(TrainingSession, TrainingSession.id == SetEntry.session_id)
        .where(
            SetEntry.athlete_id == athlete_id,
            SetEntry.exercise_id.is_not(None),
            SetEntry.set_type.in_(("working", "failure")),
            SetEntry.load_basis == "external",
            SetEntry.load_kg > 0,
            SetEntry.reps >= 1,
            SetEntry.reps <= max_reps,
        )
    )
    return [
        (str(eid), float(load), int(reps), when)
        for eid, load, reps, when in s.execute(q).all()
        if eid is not None and load is not None and reps is not None
    ]


def latest_start(s: Session, athlete_id: int, until: date) -> datetime | None:
    """When the athlete's latest session up to the end of ``until`` started; None without one."""
    return s.scalar(
        select(func.max(TrainingSession.started_at)).where(
            TrainingSession.athlete_id == athlete_id,
            TrainingSession.started_at <= datetime.combine(until, datetime.max.time()),
        )
    )


def exercises_since(s: Session, athlete_id: int, since: datetime) -> set[str]:
    """Catalog ids of the exercises in the athlete's sessions started at or after ``since``."""
    rows = s.execute(
        select(SetEntry.exercise_id)
        .join(TrainingSession, TrainingSession.id == SetEntry.session_id)
        .where(SetEntry.athlete_id == athlete_id, TrainingSession.started_at >= since)
        .distinct()
    ).all()
    return {str(r[0]) for r in rows if r[0] is not None}


def first_and_last_days(s: Session, until: date) -> list[tuple[int, str, Any, Any]]:
    """(id, name, first day, last day up to ``until``) of every visible athlete, by name; the
    days are None without a session. Each day is one index seek on the daily loads."""
    day = select(DailyLoad.day).where(DailyLoad.athlete_id == Athlete.id).limit(1)
    first_q = day.order_by(DailyLoad.day).scalar_subquery()
    last_q = day.where(DailyLoad.day <= until).order_by(DailyLoad.day.desc()).scalar_subquery()
    q = select(Athlete.id, Athlete.name, first_q, last_q).order_by(Athlete.name)
    return [(int(i), str(n), first, last) for i, n, first, last in s.execute(q)]


def daily_loads(s: Session, since: date, until: date) -> list[tuple[Any, ...]]:
    """(athlete_id, day, load, lower_sets, all_sets) of the visible athletes' days from
    ``since`` to ``until``."""
    q = (
        select(
            DailyLoad.athlete_id,
            DailyLoad.day,
            DailyLoad.load,
            DailyLoad.lower_sets,
            DailyLoad.all_sets,
        )
        .join(Athlete, Athlete.id == DailyLoad.athlete_id)
        .where(DailyLoad.day >= since, DailyLoad.day <= until)
    )
    return [tuple(r) for r in s.execute(q).all()]


def unrated_starts(s: Session, since: date, until: date) -> list[tuple[int, Any]]:
    """(athlete_id, started_at) of the closed sessions from ``since`` to ``until`` (whole days)
    that lack a session RPE or a length."""
    q = select(TrainingSession.athlete_id, TrainingSession.started_at).where(
        TrainingSession.started_at >= _midnight(since),
        TrainingSession.started_at < _midnight(until + timedelta(days=1)),
        TrainingSession.status == "closed",
        (TrainingSession.session_rpe.is_(None)) | (TrainingSession.duration_s.is_(None)),
    )
    return [(int(a), started) for a, started in s.execute(q)]
