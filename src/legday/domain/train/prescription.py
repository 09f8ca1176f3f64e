"""The next session: which rule each exercise follows, what loads the athlete can build, the rest
periods, and the plates for every set.

Rule choice (first that applies): the athlete's per-exercise choice (``"<id>:rule"``); warm-up
blocks → repeat (done as planned); the plan block's ``progression`` when the dose can carry it;
then the dose: holds (``seconds``) → holds, plyometrics (``contacts``) → contacts, distance work →
repeat; a block with a rep range → double; body-weight work graded by plan levels → repeat; a
block with an RPE/RIR target → rpe; otherwise, from history: a novice barbell lift in sets of
≤ 6 → linear [SL5X5] (programming.md §3 legday mapping: novice → linear progression), RPE logged
on most sets → rpe, anything else → double progression (programming.md §1.5: double progression
on all exercises of hypertrophy plans).

A ``pct_1rm`` block is the plan's own progression: its load is that fraction of the athlete's
current e1RM (the best RPE-chart estimate of the last 8 weeks), rounded down.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.plan.model import Block
from legday.domain.train.plates import LoadingSetup, round_load_kg, solve_plates
from legday.domain.train.progression import (
    ExerciseHistory,
    Loading,
    Prescription,
    RuleName,
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
from legday.domain.units import Unit, from_kg, to_kg

BARBELL_EQUIPMENT = frozenset({"barbell", "trap-bar", "smith"})
FREE_WEIGHT_EQUIPMENT = frozenset({"dumbbell", "kettlebell", "ankle-weights", "medicine-ball"})
STACK_EQUIPMENT = frozenset({"machine", "cable", "sled"})
# Dumbbell racks and selectorised stacks commonly move in 2.5 kg / 5 lb steps (legday assumption
# used only when the athlete has not listed their dumbbells).
GRID_STEP = {"kg": 2.5, "lb": 5.0}
# How far back a "current" e1RM may come from (legday choice: about two mesocycles' worth).
E1RM_WINDOW_DAYS = 56


@dataclass(frozen=True)
class PlateLoading:
    """Loads the athlete's own bar and plates (or dumbbells) can make (``legday.domain.train.
    plates``), in kg; the plate set may be in lb."""

    setup: LoadingSetup
    implement: str = "barbell"

    def down(self, kg: float) -> float:
        return round_load_kg(
            kg, self.setup, "dumbbell" if self.implement == "dumbbell" else "barbell"
        )

    def up(self, kg: float) -> float:
        got = self.down(kg)
        if got >= kg - 1e-6:
            return got
        if self.implement == "dumbbell":
            heavier = [to_kg(d, self.setup.unit) for d in self.setup.dumbbells]
            fitting = [d for d in heavier if d >= kg - 1e-6]
            return min(fitting) if fitting else got
        if not self.setup.plates:
            return got
        # Buildable loads lie on the lattice bar + n·g (g = two of the plates' common divisor):
        # the first lattice point ≥ kg that the solver can build is the answer.
        g = 2 * math.gcd(*(round(p * 1000) for p in self.setup.plates)) / 1000
        bar, unit = self.setup.bar, self.setup.unit
        first = math.ceil((from_kg(kg, unit) - bar) / g - 1e-9)
        for n in range(max(0, first), max(0, first) + 2000):  # limited pairs may run out
            cand = to_kg(bar + n * g, unit)
            if abs(self.down(cand) - cand) < 1e-6:
                return cand
        return got


def loading_for(ex: Exercise | None, setup: LoadingSetup, unit: Unit) -> Loading:
    """How loads of ``ex`` can be set up by this athlete."""
    equipment = set(ex.equipment) if ex else set()
    if equipment & BARBELL_EQUIPMENT:
        return PlateLoading(setup, "barbell")
    if equipment & FREE_WEIGHT_EQUIPMENT and setup.dumbbells:
        return PlateLoading(setup, "dumbbell")
    if equipment & (FREE_WEIGHT_EQUIPMENT | STACK_EQUIPMENT):
        return StepLoading(0.0, to_kg(GRID_STEP[unit], unit))
    return StepLoading()  # body weight (a vest or belt load is taken as logged)


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
    ~10 s sets (programming.md §4) → 90 s; holds 60 s (legday choice)."""
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


def _level(value: object) -> int | None:
    """A support level from a plan block: a number, ``"level 2"`` / ``"L2"``, or an Otago letter
    A–D; descriptive labels (``"acceleration-20m"``, ``"static-stretch"``) are not levels."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        text = value.strip().lower().replace("level", "").replace(" ", "").lstrip("l")
        if text.isdigit():
            return int(text)
        if len(text) == 1 and text in "abcd":
            return "abcd".index(text) + 1  # Otago levels A–D
    return None


def scheme_from_block(b: Block) -> Scheme:
    rpe: float | None = None
    if b.intensity_key == "rpe" and isinstance(b.intensity, float):
        rpe = b.intensity
    elif b.intensity_key == "rir" and isinstance(b.intensity, float):
        rpe = 10.0 - b.intensity
    lo, hi = b.rep_range if b.rep_range else (None, None)
    return Scheme(
        sets=max(1, b.sets),
        reps=b.reps,
        rep_min=lo,
        rep_max=hi,
        seconds=float(b.seconds) if b.seconds else None,
        contacts=b.contacts,
        rpe=rpe,
        level=_level(b.intensity) if b.intensity_key == "level" else None,
    )


def scheme_from_history(sessions: Sequence[SessionPerformance], rule: RuleName) -> Scheme:
    """The shape of the last session (its set count and the reps it aimed for)."""
    last = sessions[-1]
    reps = [x.reps for x in last.sets if x.reps]
    secs = [x.seconds for x in last.sets if x.seconds]
    contacts = [x.contacts for x in last.sets if x.contacts]
    n = max(1, len(last.sets))
    if rule == "double":
        return Scheme(sets=n)  # the range comes from the parameters
    return Scheme(
        sets=n,
        reps=max(reps) if reps and rule in ("linear", "rpe") else None,
        seconds=min(secs) if secs and rule == "repeat" else None,
        contacts=min(contacts) if contacts and rule == "repeat" else None,
    )


def _dose_of(ex: Exercise | None, block: Block | None) -> str:
    """What one set is measured in: the plan block's own dose first, else the catalog's."""
    if block is not None:
        if block.seconds:
            return "seconds"
        if block.contacts:
            return "contacts"
    return ex.dose if ex else "reps"


def _fits(rule: RuleName, dose: str, loaded: bool) -> bool:
    """Whether ``rule`` can progress an exercise dosed in ``dose`` (a plan may ask for a rule
    the dose cannot carry, e.g. contacts for a sprint measured in metres)."""
    if rule == "holds":
        return dose == "seconds"
    if rule == "contacts":
        return dose == "contacts"
    if rule in ("linear", "rpe", "waves"):
        return dose == "reps" and loaded
    return rule == "repeat" or dose == "reps"


def is_loaded(ex: Exercise | None) -> bool:
    """An exercise done with an external load (plates, dumbbells, a stack…)."""
    if ex is None:
        return True  # unknown to the catalog: trust the logged loads
    kit = set(ex.equipment)
    return bool(kit & (BARBELL_EQUIPMENT | FREE_WEIGHT_EQUIPMENT | STACK_EQUIPMENT))


def choose_rule(
    ex: Exercise | None,
    block: Block | None,
    sessions: Sequence[SessionPerformance],
    overrides: Mapping[str, object],
    level: str,
    exercise_id: str,
) -> RuleName:
    """The rule for one exercise (order in the module docstring)."""
    chosen = rule_override(overrides, exercise_id)
    if chosen is not None:
        return chosen
    dose = _dose_of(ex, block)
    loaded = is_loaded(ex)
    if block is not None and block.kind == "warmup":
        return "repeat"  # a warm-up is done as planned, never progressed on its own
    if block is not None and block.progression is not None:
        forced = rule_override({exercise_id + ":rule": block.progression}, exercise_id)
        if forced is not None and _fits(forced, dose, loaded):
            return forced
    if dose == "seconds":
        return "holds"
    if dose == "contacts":
        return "contacts"
    if dose == "distance":
        return "repeat"
    if block is not None:
        if block.rep_range is not None:
            return "double"
        if not loaded and block.intensity_key == "level":
            return "repeat"  # body-weight work graded by the plan's own levels (e.g. Nordics)
        if block.intensity_key in ("rpe", "rir") and loaded:
            return "rpe"
        if block.reps is not None and block.reps <= 6 and level == "beginner" and loaded:
            return "linear"
        return "double"
    last = sessions[-1] if sessions else None
    if last is not None and loaded:
        rated = sum(1 for x in last.sets if x.rpe is not None)
        if rated * 2 >= len(last.sets) > 0:
            return "rpe"
        top_reps = max((x.reps or 0 for x in last.sets), default=0)
        barbell = ex is not None and bool(set(ex.equipment) & BARBELL_EQUIPMENT)
        if barbell and 0 < top_reps <= 6 and level == "beginner":
            return "linear"
    return "double"


def _percent(
    exercise_id: str, b: Block, sessions: Sequence[SessionPerformance], today: date,
    loading: Loading, unit: Unit,
) -> Prescription:  # fmt: skip
    """A ``pct_1rm`` block: the plan's fraction of the current e1RM (plan values are in %)."""
    raw = float(b.intensity) if isinstance(b.intensity, float | int) else 0.0
    pct = raw / 100.0 if raw > 1.5 else raw
    e1 = current_e1rm(sessions, today)
    reps = b.reps or (b.rep_range[0] if b.rep_range else None)
    if e1 is None or pct <= 0:
        sets = tuple(SetTarget(reps=reps) for _ in range(max(1, b.sets)))
        why = (
            f"{pct * 100:g} % of 1RM, but no recent set to estimate it from: log a hard set "
            "(load × reps @RPE) and the loads follow"
        )
        return Prescription(exercise_id, "percent", sets, why)
    load = loading.down(e1 * pct)
    sets = tuple(SetTarget(load_kg=load, reps=reps) for _ in range(max(1, b.sets)))
    why = f"{pct * 100:g} % of e1RM {mass_text(e1, unit)} (best set of the last 8 weeks)"
    return Prescription(exercise_id, "percent", sets, why)


def _increment(ex: Exercise | None, rule: str, params: RuleParams) -> float:
    pattern = ex.pattern if ex else "other"
    if rule == "double" or rule == "rpe":
        iso = pattern in ISOLATION_PATTERNS
        return params["double.isolation_increment_kg" if iso else "double.increment_kg"]
    return increment_for(pattern, params)


def plates_for(load_kg: float | None, loading: Loading) -> tuple[float, ...] | None:
    """Plates on one side for a barbell load (in the plate set's unit); None for other loads."""
    if load_kg is None or not isinstance(loading, PlateLoading) or loading.implement != "barbell":
        return None
    setup = loading.setup
    shown = from_kg(load_kg, setup.unit) + 1e-9
    if shown < setup.bar:
        return None
    return solve_plates(shown, setup.bar, setup.plates, setup.pairs).per_side


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
            seed_kg=block.load_kg if block is not None else None,
        )
        p = next_prescription(rule, h, params, loading)
    if deload and not p.deload and p.rule != "percent":
        # a plan's deload week already has fewer sets: only load and effort come down here
        p = deload_week(p, params, loading, cut_sets=block is None)
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
