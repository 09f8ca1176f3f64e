"""What loads an athlete can actually build for an exercise: their own bar and plates or dumbbells
(``legday.domain.train.plates``), a stack's steps, or nothing to round (body weight) — and the
plates on each side for a barbell load. The progression rules see this as a ``Loading``."""

from __future__ import annotations

import math
from dataclasses import dataclass

from legday.domain.catalog.model import Exercise
from legday.domain.train.plates import LoadingSetup, round_load_kg, solve_plates
from legday.domain.train.progression import Loading, StepLoading
from legday.domain.units import Unit, from_kg, to_kg

BARBELL_EQUIPMENT = frozenset({"barbell", "trap-bar", "smith"})
FREE_WEIGHT_EQUIPMENT = frozenset({"dumbbell", "kettlebell", "ankle-weights", "medicine-ball"})
STACK_EQUIPMENT = frozenset({"machine", "cable", "sled"})
# Dumbbell racks and selectorised stacks commonly move in 2.5 kg / 5 lb steps (legday assumption
# used only when the athlete has not listed their dumbbells).
GRID_STEP = {"kg": 2.5, "lb": 5.0}


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


def is_loaded(ex: Exercise | None) -> bool:
    """An exercise done with an external load (plates, dumbbells, a stack…)."""
    if ex is None:
        return True  # unknown to the catalog: trust the logged loads
    kit = set(ex.equipment)
    return bool(kit & (BARBELL_EQUIPMENT | FREE_WEIGHT_EQUIPMENT | STACK_EQUIPMENT))


def plates_for(load_kg: float | None, loading: Loading) -> tuple[float, ...] | None:
    """Plates on one side for a barbell load (in the plate set's unit); None for other loads."""
    if load_kg is None or not isinstance(loading, PlateLoading) or loading.implement != "barbell":
        return None
    setup = loading.setup
    shown = from_kg(load_kg, setup.unit) + 1e-9
    if shown < setup.bar:
        return None
    return solve_plates(shown, setup.bar, setup.plates, setup.pairs).per_side
