"""The next session: what loads the athlete can build, the rest periods, and the plates for every
set; which rule each exercise follows is legday.domain.train.rule_choice.

A ``pct_1rm`` block is the plan's own progression: its load is that fraction of the athlete's
current e1RM (the best RPE-chart estimate of the last 8 weeks), rounded down.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.plan.model import Block
from legday.domain.train.equipment_loading import (
    PlateLoading,
    is_loaded,
    loading_for,
    plates_for,
)
from legday.domain.train.plates import LoadingSetup
from legday.domain.train.progression import (
    ExerciseHistory,
    Loading,
    Prescription,
    RuleParams,
    Scheme,
    SessionPerformance,
    SetTarget,
    StepLoading,
    next_prescription,
)
from legday.domain.train.progression.base import mass_text
from legday.domain.train.progression.double import ISOLATION_PATTERNS
from legday.domain.train.progression.linear import increment_for
from legday.domain.train.progression.params import resolve, rule_override
from legday.domain.train.progression.rpe_auto import e1rm_of
from legday.domain.train.progression.stall import deload_week
from legday.domain.train.rule_choice import (
    choose_rule,
    range_chosen,
    range_from_history,
    scheme_from_block,
    scheme_from_history,
)
from legday.domain.units import Unit

# How far back a "current" e1RM may come from (legday choice: about two mesocycles' worth).
E1RM_WINDOW_DAYS = 56


@dataclass(frozen=True, slots=True)
class SessionItem:
    """One exercise of the next session."""

    exercise_id: str
    name: str
    kind: str
    rule: str
    prescription: Prescription
    rest_s: int
    plates: tuple[tuple[float, ...] | None, ...]  # per set: plates on ONE side, athlete's unit
    increment_kg: float  # for in-session adjustments (gym mode)


@dataclass(frozen=True, slots=True)
class NextSession:
    source: str  # "plan" | "history" | "none"
    items: tuple[SessionItem, ...]
    deload_week: bool = False
    plan_ref: Mapping[str, Any] | None = None
    title: str = ""


def rest_for(ex: Exercise | None, reps: int | None, dose: str) -> int:
    """Default rest in seconds [ACSM09]: 3–5 min for heavy (≤ 6 reps) multi-joint work, 2–3 min
    for other core lifts, 1–2 min for single-joint work; plyometrics 1:5–1:10 work-to-rest on
    ~10 s sets (docs/evidence/doses.md#plyometrics) → 90 s; holds 60 s (legday choice)."""
    if dose == "contacts":
        return 90
    if dose == "seconds":
        return 60
    if ex is not None and ex.pattern in ISOLATION_PATTERNS:
        return 90
    if reps is not None and reps <= 6:
        return 180
    return 120


def current_e1rm(sessions: Sequence[SessionPerformance], today: date) -> float | None:
    """Best e1RM of the last :data:`E1RM_WINDOW_DAYS` days from sets of ≤ 12 reps: the RTS chart
    at the logged RPE, and at RPE 10 when none was logged (a set not taken to failure then
    under-estimates, which errs on the light side)."""
    since = today - timedelta(days=E1RM_WINDOW_DAYS)
    best: float | None = None
    for s in sessions:
        if s.day < since:
            continue
        for x in s.sets:
            if not x.load_kg or not x.reps or x.reps > 12:
                continue
            v = e1rm_of(x.load_kg, x.reps, x.rpe if x.rpe is not None else 10.0)
            best = v if best is None else max(best, v)
    return best


def standard_e1rm(sessions: Sequence[SessionPerformance], today: date) -> float | None:
    """legday's one e1RM (science.e1rm.DEFINITION) over the same window as :func:`current_e1rm`."""
    from legday.domain.science.e1rm import standard

    since = today - timedelta(days=E1RM_WINDOW_DAYS)
    values = [
        v
        for s in sessions
        if s.day >= since
        for x in s.sets
        if x.load_kg and x.reps and (v := standard(x.load_kg, x.reps)) is not None
    ]
    return max(values, default=None)


def _percent(
    exercise_id: str, b: Block, sessions: Sequence[SessionPerformance], today: date,
    loading: Loading, unit: Unit,
) -> Prescription:  # fmt: skip
    """A ``pct_1rm`` block: the plan's fraction of the current e1RM (plan values are in %)."""
    raw = float(b.intensity) if isinstance(b.intensity, float | int) else 0.0
    pct = raw / 100.0 if raw > 1.5 else raw
    e1 = current_e1rm(sessions, today)
    reps = b.reps or (b.rep_range[0] if b.rep_range else None)
    if e1 is None and b.load_kg and pct > 0:
        # Nothing logged yet, but the plan was made from a rep-max test: its start load.
        load = loading.down(b.load_kg)
        sets = tuple(SetTarget(load_kg=load, reps=reps) for _ in range(max(1, b.sets)))
        why = (
            f"{pct * 100:g} % of 1RM: the plan's start load, from the rep max it was made with "
            "(log your sets and the next loads follow your training)"
        )
        return Prescription(exercise_id, "percent", sets, why)
    if e1 is None or pct <= 0:
        sets = tuple(SetTarget(reps=reps) for _ in range(max(1, b.sets)))
        why = (
            f"{pct * 100:g} % of 1RM, but no recent set to estimate it from: log a hard set "
            "(load × reps @RPE) and the loads follow"
        )
        return Prescription(exercise_id, "percent", sets, why)
    load = loading.down(e1 * pct)
    sets = tuple(SetTarget(load_kg=load, reps=reps) for _ in range(max(1, b.sets)))
    plain = standard_e1rm(sessions, today)
    beside = mass_text(plain, unit) if plain is not None else "none (no set of 1–10 reps)"
    why = (
        f"{pct * 100:g} % of e1RM {mass_text(e1, unit)} (best set of the last 8 weeks, "
        f"RPE-adjusted by the RTS chart; legday's Epley e1RM, no RPE: {beside})"
    )
    return Prescription(exercise_id, "percent", sets, why)


def _increment(ex: Exercise | None, rule: str, params: RuleParams) -> float:
    pattern = ex.pattern if ex else "other"
    if rule == "double" or rule == "rpe":
        iso = pattern in ISOLATION_PATTERNS
        return params["double.isolation_increment_kg" if iso else "double.increment_kg"]
    return increment_for(pattern, params)


def prescribe_item(
    exercise_id: str,
    ex: Exercise | None,
    block: Block | None,
    sessions: Sequence[SessionPerformance],
    *,
    today: date,
    overrides: Mapping[str, object],
    level: str,
    unit: Unit,
    setup: LoadingSetup,
    deload: bool = False,
) -> SessionItem:
    """The next exposure of one exercise, with loads the athlete can build and its plates."""
    rule = choose_rule(ex, block, sessions, overrides, level, exercise_id)
    params = resolve(overrides, exercise_id, unit, level)
    loading = loading_for(ex, setup, unit)
    explicit = rule_override(overrides, exercise_id) is not None
    if block is not None and block.intensity_key == "pct_1rm" and not explicit:
        p = _percent(exercise_id, block, sessions, today, loading, unit)
    else:
        if block is not None:
            scheme = scheme_from_block(block)
        elif sessions:
            scheme = scheme_from_history(sessions, rule)
            if rule == "double" and not range_chosen(overrides, exercise_id):
                scheme = range_from_history(scheme, sessions, params)
        else:
            scheme = Scheme(sets=3)
        h = ExerciseHistory(
            exercise_id=exercise_id,
            sessions=tuple(sessions),
            today=today,
            scheme=scheme,
            pattern=ex.pattern if ex else "other",
            harder=ex.progressions[0] if ex and ex.progressions else None,
            bodyweight=isinstance(loading, StepLoading) and loading.step_kg == 0,
            # a plan's load is a target: the athlete starts at what their plates can make
            # (a 60 kg plan load is 132.28 lb, which a pound plate set cannot build)
            seed_kg=loading.down(block.load_kg) if block is not None and block.load_kg else None,
        )
        p = next_prescription(rule, h, params, loading)
    if deload and not p.deload and p.rule != "percent":
        # a plan's deload week already has fewer sets: only load and effort come down here
        p = deload_week(p, params, loading, cut_sets=block is None)
    if block is not None and block.distance_m:
        # sprints: each set is one run of the plan's distance (SetTarget has no distance field)
        p = replace(p, notes=(*p.notes, f"{block.distance_m} m per run"))
    dose = ex.dose if ex else "reps"
    first_reps = p.sets[0].reps if p.sets else None
    rest = block.rest_s if block is not None else rest_for(ex, first_reps, dose)
    return SessionItem(
        exercise_id=exercise_id,
        name=ex.name if ex else exercise_id,
        kind=block.kind if block is not None else "strength",
        rule=p.rule,
        prescription=p,
        rest_s=rest,
        plates=tuple(plates_for(t.load_kg, loading) for t in p.sets),
        increment_kg=_increment(ex, p.rule, params),
    )


def ramp_warmups(
    items: Sequence[SessionItem],
    shares: Mapping[int, float],
    loadings: Mapping[str, Loading],
    unit: Unit = "kg",
) -> tuple[SessionItem, ...]:
    """Warm-up items a plan doses as a share of the work weight (``pct_work``: the ramp of a lift
    dosed by effort; ``shares`` maps an item's index to its share, 0.4 = 40 %) take that share of
    the first work set of the same exercise in this session, rounded down to what the plates
    build. Without a work load yet (nothing logged) they say so and keep their reps."""
    work: dict[str, float] = {}
    for it in items:
        first = next((t.load_kg for t in it.prescription.sets if t.load_kg), None)
        if it.kind != "warmup" and first and it.exercise_id not in work:
            work[it.exercise_id] = first
    out: list[SessionItem] = []
    for i, it in enumerate(items):
        share = shares.get(i)
        if it.kind != "warmup" or share is None:
            out.append(it)
            continue
        base = work.get(it.exercise_id)
        if base is None:
            why = f"{share:.0%} of the weight you choose for the work sets"
            out.append(
                replace(it, prescription=it.prescription.with_sets(it.prescription.sets, why))
            )
            continue
        loading = loadings[it.exercise_id]
        load = loading.down(base * share)
        sets = tuple(replace(t, load_kg=load) for t in it.prescription.sets)
        why = f"{share:.0%} of the work weight ({mass_text(base, unit)})"
        out.append(
            replace(
                it,
                prescription=it.prescription.with_sets(sets, why),
                plates=tuple(plates_for(t.load_kg, loading) for t in sets),
            )
        )
    return tuple(out)


def cap_warmups(
    items: Sequence[SessionItem], loadings: Mapping[str, Loading], unit: Unit = "kg"
) -> tuple[SessionItem, ...]:
    """Warm-up items never as heavy as the work sets they prepare: a warm-up set at or above the
    lightest work set of the same exercise comes down to the top step of the warm-up ramp
    (``warmup.RAMP``: 80 % of the work load, rounded down to what the plates build)."""
    from legday.domain.train.warmup import RAMP

    top = RAMP[-1][0]
    work: dict[str, float] = {}
    for it in items:
        if it.kind != "warmup":
            for t in it.prescription.sets:
                if t.load_kg:
                    work[it.exercise_id] = min(work.get(it.exercise_id, t.load_kg), t.load_kg)
    out: list[SessionItem] = []
    for it in items:
        cap = work.get(it.exercise_id)
        sets = it.prescription.sets
        if (
            it.kind != "warmup"
            or cap is None
            or not any(t.load_kg and t.load_kg >= cap for t in sets)
        ):
            out.append(it)
            continue
        loading = loadings[it.exercise_id]
        lower = min(loading.down(cap * top), cap)
        new = tuple(
            replace(t, load_kg=lower) if t.load_kg and t.load_kg >= cap else t for t in sets
        )
        note = f"warm-up kept below the work sets ({mass_text(lower, unit)} ≤ {top:.0%} of them)"
        p = replace(it.prescription, sets=new, notes=(*it.prescription.notes, note))
        out.append(
            replace(it, prescription=p, plates=tuple(plates_for(t.load_kg, loading) for t in new))
        )
    return tuple(out)


def rotation_next(templates: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """Which exercise list comes next in a rotation of recent sessions (oldest first): the one
    that followed the last session's list the previous time it was done (A B A B → A; A B C A B
    → C); when the last list is new, the one before it (A B → A: programs alternate, and a cut-
    short session is followed by the full one); a single session repeats."""
    if not templates:
        return ()
    last = templates[-1]
    for i in range(len(templates) - 2, -1, -1):
        if templates[i] == last:
            return templates[i + 1]
    return templates[-2] if len(templates) >= 2 else last


def with_adjusted_set(
    item: SessionItem, index: int, target: SetTarget, why: str, loading: Loading
) -> SessionItem:
    """``item`` with set ``index`` replaced (gym mode's in-session adjustments), plates redone."""
    sets = list(item.prescription.sets)
    sets[index] = target
    plates = list(item.plates)
    plates[index] = plates_for(target.load_kg, loading)
    p = replace(item.prescription, sets=tuple(sets), notes=(*item.prescription.notes, why))
    return replace(item, prescription=p, plates=tuple(plates))


__all__ = [  # loading helpers re-exported for callers that import them from here
    "NextSession",
    "PlateLoading",
    "SessionItem",
    "cap_warmups",
    "is_loaded",
    "loading_for",
    "plates_for",
    "prescribe_item",
    "ramp_warmups",
    "rest_for",
    "rotation_next",
]  # fmt: skip
