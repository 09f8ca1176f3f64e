"""Shared types of the progression engine.

Every rule is a pure function ``next_<rule>(history, params, loading) -> Prescription``. A rule
keeps no stored state: it *replays* the exercise's history oldest → newest, comparing each
session with what the rule itself would have prescribed for it, so counters such as "failures in
a row" are always what the logged sets say (a corrected log corrects the progression too). The
first exposure seeds the rule with what was actually lifted.

"Success" follows docs/evidence/doses.md#progression-rules: every prescribed working set reached its
target reps at the prescribed load (a set done lighter than prescribed never counts, whatever its
reps — the Liftosaur bug where reps rose while the load fell, astashov/liftosaur#357, #551).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from legday.domain.units import Unit, format_mass

# Loads closer than this are the same load: float noise from kg↔lb conversion, not a real change.
LOAD_EPS_KG = 0.01


@dataclass(frozen=True, slots=True)
class SetPerformance:
    """One working set as performed (loads in kg; ``None`` where not logged)."""

    load_kg: float | None = None
    reps: int | None = None
    rpe: float | None = None
    seconds: float | None = None
    contacts: int | None = None


@dataclass(frozen=True, slots=True)
class SessionPerformance:
    """The working sets of one exercise in one session, in performed order."""

    day: date
    sets: tuple[SetPerformance, ...]

    @property
    def loads(self) -> tuple[float, ...]:
        return tuple(s.load_kg for s in self.sets if s.load_kg is not None)

    @property
    def working_load(self) -> float | None:
        """The load every set was done at, at least: the lightest loaded set (straight sets)."""
        return min(self.loads) if self.loads else None

    @property
    def top_load(self) -> float | None:
        return max(self.loads) if self.loads else None


@dataclass(frozen=True, slots=True)
class Scheme:
    """The set/rep shape a rule works within (from the plan block, or inferred from history)."""

    sets: int
    reps: int | None = None  # fixed reps per set (linear, rpe) …
    rep_min: int | None = None  # … or a range (double progression)
    rep_max: int | None = None
    seconds: float | None = None
    contacts: int | None = None  # per set
    rpe: float | None = None
    level: int | None = None


@dataclass(frozen=True, slots=True)
class ExerciseHistory:
    """What the rule may look at: one exercise's sessions, oldest first, and today's date."""

    exercise_id: str
    sessions: tuple[SessionPerformance, ...]
    today: date
    scheme: Scheme
    pattern: str = "other"
    harder: str | None = None  # the catalog's next progression (holds/contacts move on to it)
    bodyweight: bool = False  # no external load to progress (holds, jumps, body-weight work)
    seed_kg: float | None = None  # a starting load when there is no history (plan, e1RM × %)

    @property
    def last(self) -> SessionPerformance | None:
        return self.sessions[-1] if self.sessions else None


@dataclass(frozen=True, slots=True)
class SetTarget:
    """One prescribed set. ``amrap``: as many reps as possible, ``reps`` is the minimum."""

    load_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    contacts: int | None = None
    rpe: float | None = None
    amrap: bool = False
    level: int | None = None


@dataclass(frozen=True, slots=True)
class Prescription:
    """The next exposure of one exercise and the reason for it, in plain words."""

    exercise_id: str
    rule: str
    sets: tuple[SetTarget, ...]
    why: str
    deload: bool = False
    stalled: bool = False
    switch_to: str | None = None  # move on to the harder variant (holds, plyometrics)
    notes: tuple[str, ...] = field(default=())

    def with_sets(self, sets: tuple[SetTarget, ...], why: str | None = None) -> Prescription:
        return replace(self, sets=sets, why=why if why is not None else self.why)


class Loading(Protocol):
    """What loads the athlete can actually put together (plates, dumbbells, a machine stack)."""

    def down(self, kg: float) -> float:
        """The heaviest achievable load ≤ ``kg`` (never below the lightest achievable)."""
        ...

    def up(self, kg: float) -> float:
        """The lightest achievable load ≥ ``kg``."""
        ...


@dataclass(frozen=True, slots=True)
class StepLoading:
    """Loads on a regular grid ``base + k·step`` — a barbell with one smallest plate pair, a
    dumbbell rack or a stack. ``step`` 0 means any load (nothing to round)."""

    base_kg: float = 0.0
    step_kg: float = 0.0

    def down(self, kg: float) -> float:
        if self.step_kg <= 0:
            return kg
        k = math.floor((kg - self.base_kg) / self.step_kg + 1e-9)
        return round(self.base_kg + max(0, k) * self.step_kg, 4)

    def up(self, kg: float) -> float:
        if self.step_kg <= 0:
            return kg
        k = math.ceil((kg - self.base_kg) / self.step_kg - 1e-9)
        return round(self.base_kg + max(0, k) * self.step_kg, 4)


def raise_load(current_kg: float, increment_kg: float, loading: Loading) -> float:
    """``current + increment`` rounded down to what can be loaded — but never *no* progress: when
    the increment is smaller than the smallest step (1 kg on a bar with 1.25 kg plates), the next
    achievable load above the current one is used instead."""
    nxt = loading.down(current_kg + increment_kg)
    if nxt <= current_kg + LOAD_EPS_KG:
        nxt = loading.up(current_kg + LOAD_EPS_KG * 2)
    return nxt


def lower_load(current_kg: float, factor: float, loading: Loading) -> float:
    """``current × factor`` rounded down to what can be loaded (deloads, returns after a break)."""
    return loading.down(current_kg * factor)


def same_or_heavier(done_kg: float | None, prescribed_kg: float) -> bool:
    return done_kg is not None and done_kg >= prescribed_kg - LOAD_EPS_KG


def mass_text(kg: float, unit: Unit) -> str:
    """``102.5 kg`` / ``225 lb``: "why" strings speak the athlete's unit."""
    return format_mass(kg, unit, digits=2)


def gap_days(before: date, after: date) -> int:
    return (after - before).days
