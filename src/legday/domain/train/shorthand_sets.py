"""The sets the logging shorthand reads and writes (``legday.domain.train.shorthand`` parses,
``shorthand_format`` writes; both use these values, so neither imports the other's module)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from legday.domain.records import LoadBasis, SetType, Side
from legday.domain.units import Unit, to_kg

Loadless = Callable[[str], bool]
DoseKind = Literal["reps", "seconds", "metres"]

# The set-type marks (legday's notation): w = warm-up, d = drop set, f = taken to failure.
MARKS: dict[str, SetType] = {"w": "warmup", "d": "drop", "f": "failure"}
MARK_OF: dict[SetType, str] = {kind: mark for mark, kind in MARKS.items()}


@dataclass(frozen=True, slots=True)
class ParsedSet:
    """One set as written. Exactly one of reps / duration_s / distance_m is given.

    ``load`` is in ``load_unit``: the external load (basis ``external``), the load added to the
    body (``bodyweight``; None = body weight alone) or the assistance (``assistance``)."""

    reps: int | None = None
    duration_s: float | None = None
    distance_m: float | None = None
    load: float | None = None
    load_unit: Unit = "kg"
    basis: LoadBasis = "external"
    set_type: SetType = "working"
    rpe: float | None = None
    rir: float | None = None
    side: Side = "both"

    @property
    def load_kg(self) -> float | None:
        return None if self.load is None else to_kg(self.load, self.load_unit)

    @property
    def dose_kind(self) -> DoseKind:
        if self.duration_s is not None:
            return "seconds"
        return "metres" if self.distance_m is not None else "reps"


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One exercise as written (``name`` with its spacing tidied) and its sets in order."""

    name: str
    sets: tuple[ParsedSet, ...]
