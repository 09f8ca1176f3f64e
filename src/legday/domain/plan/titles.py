"""Session titles from what a session holds: a "squat + deadlift" day must hold a squat and a
deadlift. The template's label only says which slots a day has; the words come from the patterns
of the exercises chosen for it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from legday.domain.catalog.model import Exercise
from legday.domain.plan.model import Block

# A movement pattern in the words a coach writes on a session card (legday's wording).
PATTERN_WORDS: dict[str, str] = {
    "squat": "squat",
    "hinge": "hip hinge",
    "hip-extension": "hip extension",
    "lunge": "lunge",
    "step-up": "step-up",
    "single-leg-squat": "single-leg squat",
    "knee-extension": "knee extension",
    "knee-flexion": "hamstring curl",
    "hip-abduction": "hips",
    "hip-adduction": "hips",
    "calf": "calves",
    "tibialis": "shins",
}
# Template labels whose wording names lifts ("squat + deadlift"); the others name the kind of
# day (heavy strength, strength and balance …) and stay true whatever fills the slots.
LIFT_LABELS = frozenset({"A", "B"})
# The busy lifter's days name their accessories too (squat, hinge, calves) [RP-LAND].
WITH_ACCESSORIES = frozenset({"minimum-dose"})


def _words(blocks: Iterable[Block], exercises: Mapping[str, Exercise], kind: str) -> list[str]:
    out: list[str] = []
    for b in blocks:
        ex = exercises.get(b.exercise_id)
        if b.kind != kind or ex is None or b.side is not None:
            continue
        word = PATTERN_WORDS.get(ex.pattern)
        if word and word not in out:
            out.append(word)
    return out


def session_title(
    family: str, label: str, focus: str, blocks: Iterable[Block], exercises: Mapping[str, Exercise]
) -> str:
    """The template's ``focus`` for days named by their kind; for days named by their lifts, the
    patterns of the strength blocks chosen (and, for the minimum-dose family, its accessories)."""
    if label not in LIFT_LABELS:
        return focus
    blocks = list(blocks)
    lifts = _words(blocks, exercises, "strength")
    if not lifts:
        return focus
    title = " + ".join(lifts)
    if family in WITH_ACCESSORIES:
        extra = [w for w in _words(blocks, exercises, "accessory") if w not in lifts]
        if extra:
            title += ", " + ", ".join(extra)
    return title
