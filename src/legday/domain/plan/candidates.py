"""Which catalog exercises may fill which slot for this person, and how much the planner likes
each one (goal match, level fit, a seeded tie-break and variety across mesocycles)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

from legday.domain.catalog.model import Exercise
from legday.domain.plan import dosing
from legday.domain.plan.families import Slot
from legday.domain.plan.profile import PlanProfile, Signals

# Catalog levels run 1–5 (legday's coaching judgement in the data files); highest level offered
# per training status — legday's choice, one step above "can learn it safely".
LEVEL_MAX: dict[str, int] = {"beginner": 2, "intermediate": 4, "advanced": 5}
LEVEL_TARGET: dict[str, int] = {"beginner": 1, "intermediate": 3, "advanced": 4}
GOAL_BENEFIT: dict[str, str] = {
    "strength": "strength",
    "hypertrophy": "strength",
    "power": "power",
    "balance": "balance",
    "injury-prevention": "injury-prevention",
    "health": "health",
    "mobility": "mobility",
}
LOADED = frozenset({"barbell", "trap-bar", "dumbbell", "kettlebell", "machine", "smith", "cable"})


def shock_allowed(p: PlanProfile, squat_ratio: float | None) -> bool:
    """R20: shock drills only for 16–64-year-olds above novice with squat 1RM ≥ 1.5 × body mass
    ([ALLER95] age; [S2 PERFONE] ratio; older/novice exclusions are legday's safety choice)."""
    if p.age is not None and not dosing.SHOCK_MIN_AGE <= p.age < dosing.SHOCK_MAX_AGE:
        return False
    return (
        p.level != "beginner"
        and squat_ratio is not None
        and squat_ratio >= dosing.SHOCK_SQUAT_RATIO
    )


def allowed(
    ex: Exercise, p: PlanProfile, sig: Signals, squat_ratio: float | None, protocol: bool = False
) -> bool:
    """Equipment (R1), contraindications (R2), level, impact for older/frail people (R25) and
    shock drills (R20). Protocol exercises (Nordic, Copenhagen) skip the level cap: the protocol
    itself starts them at an easy dose."""
    if not set(ex.equipment) <= set(p.equipment) | {"none"}:
        return False
    if set(ex.contraindications) & set(p.limitations):
        return False
    older = (p.age is not None and p.age >= 65) or sig.fall_risk
    if not protocol and ex.level > (2 if older else LEVEL_MAX[p.level]):
        return False
    if ex.impact == "shock" and not shock_allowed(p, squat_ratio):
        return False
    if older and ex.impact in ("high", "shock"):
        return False
    if sig.frail and ex.impact == "moderate":
        return False
    if ex.pattern == "plyometric":
        top = dosing.PLYO_CLASS_RANK[dosing.PLYO_MAX_CLASS[p.level]]
        if ex.impact != "shock" and dosing.PLYO_CLASS_RANK.get(ex.impact, 0) > top:
            return False
    return True


def fits_slot(ex: Exercise, slot: Slot) -> bool:
    if ex.pattern not in slot.patterns:
        return False
    if slot.unilateral and ex.laterality != "unilateral":
        return False
    if "nordic" in ex.id or "copenhagen" in ex.id:
        return False  # protocol exercises are placed by their protocol, not by the selector
    if slot.kind == "mobility":
        # Static-stretch blocks are dosed as holds [GARBER11]: stretches held for time only.
        return ex.dose == "seconds" and "stretch" in ex.id and not ex.id.startswith("general")
    if slot.kind == "power":
        return ex.dose in ("contacts", "reps", "distance")
    if slot.role in ("main", "secondary"):
        return ex.dose == "reps"  # progressive lifts need a rep dose
    if slot.kind in ("strength", "accessory"):
        return ex.dose in ("reps", "seconds")
    return True


def score(
    ex: Exercise,
    slot: Slot,
    p: PlanProfile,
    seed: int,
    meso: int,
    previous: str | None,
    has_history: bool = False,
) -> float:
    """Higher is better. Goal match dominates; level fit and a seeded tie-break order the rest;
    an exercise that held this slot last mesocycle loses a little (variety [HARRIES15]) unless
    the slot is a progression lift that must stay the same (LP groups)."""
    # Objective weights are legday's ranking choices, not doses: a filled slot is worth ~10, a
    # full goal match 4, a level step 0.8; the seeded tie-break stays below one level step × 2.
    s = 10.0
    for goal, weight in p.goals:
        if GOAL_BENEFIT[goal] in ex.benefits:
            s += 4.0 * weight
    s -= abs(ex.level - LEVEL_TARGET[p.level]) * 0.8
    if slot.role == "main" and set(ex.equipment) & LOADED:
        s += 1.5  # main lifts are loadable so that they can progress
    if slot.role in ("otago", "functional") and "health" in ex.benefits:
        s += 1.0
    if ex.pattern == "plyometric" and meso > 0:
        # Later mesocycles lean to harder drills (a ranking weight, legday's choice); the cap of
        # one class a week still applies (R21; programming.md §2.6, [EBBEN07]).
        s += 2.5 * dosing.PLYO_CLASS_RANK.get(ex.impact, 0) * min(meso, 2)
    if has_history and slot.role in ("main", "secondary"):
        s += 3.0  # a lift with recent sets gets a starting load from them (the issue, §5)
    rng = random.Random(f"{seed}:{meso}:{slot.role}:{ex.id}")
    s += rng.random() * 1.5
    if previous == ex.id:
        # Main lifts stay (their loads progress from block to block); the rest rotates.
        s += 2.0 if slot.group or slot.role == "main" else -3.0
    return round(s, 4)


def pool(
    exercises: Iterable[Exercise], p: PlanProfile, sig: Signals, squat_ratio: float | None
) -> list[Exercise]:
    return [ex for ex in exercises if allowed(ex, p, sig, squat_ratio)]


def find_protocol(
    exercises: Mapping[str, Exercise], key: str, p: PlanProfile, sig: Signals
) -> list[Exercise]:
    """Protocol exercises by id key ("nordic", "copenhagen"), easiest first."""
    found = [ex for ex in exercises.values() if key in ex.id and allowed(ex, p, sig, None, True)]
    return sorted(found, key=lambda e: (e.level, e.id))
