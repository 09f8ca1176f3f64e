"""What the analytics need to know about an exercise, looked up once per exercise id.

Unknown exercises (``exercise_id`` None or not in the catalog) count as pattern ``other`` and
muscle ``unknown``: they are real training, so they stay in the totals, but they never count as
lower-body work (the audit must not give credit it cannot verify).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from legday.domain.catalog.model import LOWER_PATTERNS, Exercise

UNKNOWN_PATTERN = "other"
UNKNOWN_MUSCLE = "unknown"


@dataclass(frozen=True, slots=True)
class ExerciseFacts:
    pattern: str
    region: str
    muscles: tuple[tuple[str, float], ...]  # (muscle, weight): primary 1.0, secondary 0.5
    is_lower: bool
    unilateral: bool = False
    contacts_per_rep: int | None = None
    met: float | None = None
    met_code: str | None = None


UNKNOWN = ExerciseFacts(
    pattern=UNKNOWN_PATTERN, region="unknown", muscles=((UNKNOWN_MUSCLE, 1.0),), is_lower=False
)


def facts_of(ex: Exercise) -> ExerciseFacts:
    muscles = tuple((m.muscle, float(m.weight)) for m in ex.muscles) or ((UNKNOWN_MUSCLE, 1.0),)
    return ExerciseFacts(
        pattern=ex.pattern,
        region=ex.region,
        muscles=muscles,
        is_lower=ex.region == "lower" or ex.pattern in LOWER_PATTERNS,
        unilateral=ex.laterality == "unilateral",
        contacts_per_rep=ex.contacts_per_rep,
        met=ex.met,
        met_code=ex.met_code,
    )


def _exercises_of(catalog: Any) -> Iterable[Exercise]:
    """Accept the shapes a catalog may come in: a mapping id → Exercise, an object with
    ``exercises`` (mapping or sequence), or a plain iterable of exercises."""
    if isinstance(catalog, Mapping):
        return list(catalog.values())
    inner = getattr(catalog, "exercises", None)
    if inner is not None:
        return list(inner.values()) if isinstance(inner, Mapping) else list(inner)
    return list(catalog)


def facts_index(catalog: Any) -> dict[str, ExerciseFacts]:
    """id → facts for every exercise of ``catalog``."""
    return {ex.id: facts_of(ex) for ex in _exercises_of(catalog) if isinstance(ex, Exercise)}


_cached: dict[str, ExerciseFacts] | None = None


def catalog_facts() -> dict[str, ExerciseFacts]:
    """Facts for the shipped catalog (``legday.domain.catalog.load()``), read once per process."""
    global _cached
    if _cached is None:
        from legday.domain import catalog as cat

        loader = getattr(cat, "load", None)
        _cached = facts_index(loader()) if callable(loader) else {}
    return _cached


def muscles_of(f: ExerciseFacts) -> tuple[tuple[str, float], ...]:
    """The exercise's weighted muscles; none listed counts as one "unknown" muscle, so its sets
    are still counted."""
    return f.muscles or ((UNKNOWN_MUSCLE, 1.0),)


def lookup(index: Mapping[str, ExerciseFacts], exercise_id: str | None) -> ExerciseFacts:
    if exercise_id is None:
        return UNKNOWN
    return index.get(exercise_id, UNKNOWN)
