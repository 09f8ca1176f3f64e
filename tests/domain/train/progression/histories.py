"""Builders for hand-worked histories: ``sess(day, (load, reps), …)`` and ``hist(...)``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from legday.domain.train.progression import (
    ExerciseHistory,
    Scheme,
    SessionPerformance,
    SetPerformance,
)

DAY0 = date(2026, 1, 5)  # a Monday


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def sess(n: int, *sets: tuple[Any, ...] | SetPerformance) -> SessionPerformance:
    """Session on day ``n``; sets as ``(load, reps)``, ``(load, reps, rpe)`` or SetPerformance."""
    out: list[SetPerformance] = []
    for s in sets:
        if isinstance(s, SetPerformance):
            out.append(s)
        else:
            load, reps, *rest = s
            out.append(SetPerformance(load_kg=load, reps=reps, rpe=rest[0] if rest else None))
    return SessionPerformance(day(n), tuple(out))


def hist(
    sessions: list[SessionPerformance],
    scheme: Scheme,
    today: int | None = None,
    **kw: Any,
) -> ExerciseHistory:
    """History of ``ex``; ``today`` defaults to two days after the last session."""
    last = max((s.day for s in sessions), default=DAY0)
    t = day(today) if today is not None else last + timedelta(days=2)
    return ExerciseHistory(
        exercise_id=kw.pop("exercise_id", "ex"),
        sessions=tuple(sessions),
        today=t,
        scheme=scheme,
        **kw,
    )
