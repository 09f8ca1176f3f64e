"""C1 read by a coach: a healthy 25-year-old on body weight alone gets variants that can reach
their effort target (≤ 3 reps in reserve within 8–15 reps), a real hinge, and every main pattern
moves up the catalog's progression graph within a beginner's level cap (R42)."""

from __future__ import annotations

import pytest
from tests.domain.plan.test_generate import EXS, make

from legday.domain.plan.model import Block, Plan

# Unloaded variants a coach says a healthy adult cannot take near failure in 8–15 reps (written
# out here, not read from the catalog's flag): two-leg or supported body-weight work, small
# single-joint movements against a limb's weight, and balance-limited single-leg hinges.
TOO_EASY = {
    "bodyweight-squat", "glute-bridge", "quadruped-hip-extension", "standing-knee-curl",
    "standing-hip-abduction", "side-lying-hip-abduction", "clamshell", "fire-hydrant",
    "single-leg-romanian-deadlift-bodyweight", "bodyweight-good-morning", "kneeling-hip-hinge",
    "bodyweight-calf-raise", "standing-toe-raise", "toe-tap", "stair-step-up", "frog-pump",
}  # fmt: skip
HIP = ("hinge", "hip-extension")
KNEE = ("squat", "lunge", "step-up", "single-leg-squat")


def c1(equipment: str = "none", weeks: int = 8) -> Plan:
    return make(age=25, level="beginner", goals="strength,health", days=2, minutes=30,
                equipment=equipment, weeks=weeks)  # fmt: skip


def lifting(p: Plan, week: int | None = None) -> list[Block]:
    return [
        b
        for w in p.weeks
        if week in (None, w.week)
        for s in w.sessions
        for b in s.blocks
        if b.kind in ("strength", "accessory") and b.exercise_id
    ]


@pytest.mark.parametrize("equipment", ["none", "band"])
def test_c1_no_variant_too_easy_for_its_effort_target(equipment: str) -> None:
    p = c1(equipment)
    used = {b.exercise_id for b in lifting(p)}
    assert not used & TOO_EASY, used & TOO_EASY
    for b in lifting(p):
        if b.reps is not None:
            assert b.intensity_key == "rir" and float(b.intensity) <= 3
            assert b.rep_range is not None and b.rep_range[1] <= 15


def _by_pattern(p: Plan, week: int, patterns: tuple[str, ...]) -> list[str]:
    return [
        b.exercise_id
        for b in lifting(p, week)
        if b.kind == "strength" and EXS[b.exercise_id].pattern in patterns
    ]


@pytest.mark.parametrize("patterns", [HIP, KNEE])
def test_c1_each_main_pattern_moves_up_the_progression_graph(patterns: tuple[str, ...]) -> None:
    p = c1()
    first, last = _by_pattern(p, 1, patterns), _by_pattern(p, 8, patterns)
    assert first and len(first) == len(last)
    moved = [(a, b) for a, b in zip(first, last, strict=True) if b in EXS[a].progressions]
    assert moved, (first, last)  # R42: at least one step up, not a sideways swap
    for a, b in zip(first, last, strict=True):
        # within a beginner's level cap (2), no more equipment than listed
        assert EXS[b].level <= 2 and set(EXS[b].equipment) <= {"none", "wall"}
        assert b == a or b in EXS[a].progressions


def test_c1_split_squat_progresses_to_a_rear_foot_elevated_split_squat() -> None:
    p = c1()
    assert "split-squat" in _by_pattern(p, 1, KNEE)
    later = _by_pattern(p, 8, KNEE)
    assert later and all("rear foot" in EXS[e].name.lower().replace("-", " ") for e in later)


def test_c1_the_hinge_is_a_real_hip_extensor_exercise_from_week_one() -> None:
    p = c1()
    hips = _by_pattern(p, 1, HIP)
    assert hips
    for e in hips:
        ex = EXS[e]
        # a single-leg bridge or hinge that loads the hip extensors, not quadruped kickbacks
        assert ex.laterality == "unilateral" and "gluteus-maximus" in ex.primary_muscles
        assert "quadruped" not in e
