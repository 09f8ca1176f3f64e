"""Repeat: the dose is kept as planned or as last done — for work no rule progresses by itself
(sprints and carries dosed by distance, warm-up and mobility drills). Progress there is the plan's
job (docs/evidence/doses.md#progression-rules defines rules for loads, reps, holds and contacts
only)."""

from __future__ import annotations

from legday.domain.train.progression.base import (
    ExerciseHistory,
    Loading,
    Prescription,
    SetTarget,
    mass_text,
)
from legday.domain.train.progression.params import RuleParams


def next_repeat(h: ExerciseHistory, params: RuleParams, loading: Loading) -> Prescription:
    """The same sets again: the plan's dose when given, else the last session's."""
    del loading
    sc = h.scheme
    last = h.last
    if last is None or sc.reps or sc.seconds or sc.contacts:
        load = h.seed_kg if h.seed_kg is not None else (last.working_load if last else None)
        sets = tuple(
            SetTarget(load_kg=load, reps=sc.reps, seconds=sc.seconds, contacts=sc.contacts,
                      rpe=sc.rpe, level=sc.level)
            for _ in range(max(1, sc.sets))
        )  # fmt: skip
        return Prescription(h.exercise_id, "repeat", sets, "as planned")
    sets = tuple(
        SetTarget(load_kg=x.load_kg, reps=x.reps, seconds=x.seconds, contacts=x.contacts)
        for x in last.sets
    )
    shown = mass_text(last.working_load, params.unit) if last.working_load else "the same dose"
    return Prescription(h.exercise_id, "repeat", sets, f"as last time ({shown})")
