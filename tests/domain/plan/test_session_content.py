"""What a coach reads on a session card: the tested lift is the lift planned (with its load), no
exercise appears twice in two near-identical variants, and a session's title names what it
holds (plan-cases C8, issue 12's coach review)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.domain.plan.test_generate import EXS, GYM, make

from legday.domain.catalog.model import Exercise
from legday.domain.plan import selection
from legday.domain.plan.model import Plan
from legday.domain.plan.selection_problem import Candidate, Problem, SlotRef

# C8: rep max 80 kg × 6 on the back squat; Epley e1RM = 80 × (1 + 6/30) = 96 kg [EPLEY85].
C8_E1RM = 80 * (1 + 6 / 30)


def c8(**layer: object) -> Plan:
    args: dict[str, object] = dict(goals="hypertrophy", days=4, minutes=60, equipment=GYM, weeks=8)
    args.update(layer)
    return make(age=28, level="intermediate", e1rm={"back-squat": C8_E1RM}, **args)


def first_strength(p: Plan, week: int) -> list[str]:
    return [
        next(b.exercise_id for b in s.blocks if b.kind == "strength")
        for w in p.weeks
        if w.week == week
        for s in w.sessions
    ]


def test_c8_the_tested_back_squat_is_planned_with_its_load() -> None:
    p = c8()
    assert "back-squat" in first_strength(p, 1)
    squat = next(
        b
        for s in p.weeks[0].sessions
        for b in s.blocks
        if b.exercise_id == "back-squat" and b.kind == "strength"
    )
    # Week 1 of the mesocycle: 3 × 8 at RIR 3 (= RPE 7). The RTS chart gives 0.707 of 1RM for
    # 8 reps at RPE 7 [TUCHSCHERER08]: 96 × 0.707 = 67.9 kg, rounded down to a 2.5-kg step.
    assert (squat.reps, squat.intensity_key, squat.intensity) == (8, "rir", 3.0)
    assert squat.load_kg == 67.5


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_known_lift_is_preferred_for_its_pattern_in_any_seed(seed: int) -> None:
    p = c8(seed=seed)
    squats = {
        b.exercise_id
        for w in p.weeks
        for s in w.sessions
        for b in s.blocks
        if b.kind == "strength" and EXS[b.exercise_id].pattern == "squat"
    }
    assert "back-squat" in squats


def likeness(ex: Exercise) -> tuple[str, str, frozenset[str]]:
    """Near-duplicates as a coach sees them: the same movement (pattern), on one or two legs,
    with the same prime movers."""
    return ex.pattern, ex.laterality, frozenset(ex.primary_muscles)


@pytest.mark.parametrize(
    "layer",
    [
        dict(),
        dict(seed=5),
        dict(days=3, minutes=75),
        dict(days=2, minutes=90, equipment="dumbbell,bench"),
    ],
)
def test_no_session_holds_two_variants_of_one_exercise(layer: dict[str, object]) -> None:
    p = c8(**layer)
    for w in p.weeks:
        for s in w.sessions:
            lifts = [
                EXS[b.exercise_id]
                for b in s.blocks
                if b.kind in ("strength", "accessory") and b.side is None and b.exercise_id
            ]
            keys = [likeness(e) for e in lifts]
            assert len(keys) == len(set(keys)), [e.id for e in lifts]


def test_the_solver_keeps_near_duplicates_apart() -> None:
    # Two slots of one session, each liking a lunge best: barbell and dumbbell lunge share a
    # likeness, so the second slot takes the step-up although it scores lower.
    lunge_bb = Candidate("barbell-lunge", 60.0, 20.0, likeness="lunge")
    lunge_db = Candidate("dumbbell-lunge", 60.0, 19.0, likeness="lunge")
    step = Candidate("dumbbell-step-up", 60.0, 15.0, likeness="step-up")
    problem = Problem(
        (
            SlotRef(0, 0, True, None, (lunge_bb, step)),
            SlotRef(0, 1, True, None, (lunge_db, step)),
        ),
        (600.0,),
    )
    sol = selection.solve(problem)
    assert sorted(sol.chosen.values()) == ["barbell-lunge", "dumbbell-step-up"]
    # in another session the same pair is allowed
    apart = Problem(
        (SlotRef(0, 0, True, None, (lunge_bb,)), SlotRef(1, 0, True, None, (lunge_db,))),
        (600.0, 600.0),
    )
    assert sorted(selection.solve(apart).chosen.values()) == ["barbell-lunge", "dumbbell-lunge"]


# What each title word promises, written out here (not read from the generator's table).
PROMISES: dict[str, Callable[[Exercise], bool]] = {
    "squat": lambda e: e.pattern == "squat",
    "deadlift": lambda e: "deadlift" in e.id,
    "hip hinge": lambda e: e.pattern == "hinge",
    "hip extension": lambda e: e.pattern == "hip-extension",
    "lunge": lambda e: e.pattern == "lunge",
    "step-up": lambda e: e.pattern == "step-up",
    "single-leg squat": lambda e: e.pattern == "single-leg-squat",
    "single leg": lambda e: e.laterality == "unilateral",
    "calves": lambda e: e.pattern == "calf",
    "hamstrings": lambda e: "hamstrings" in e.primary_muscles,
    "hamstring curl": lambda e: e.pattern == "knee-flexion",
    "hips": lambda e: e.pattern in ("hip-abduction", "hip-adduction"),
    "hinge": lambda e: e.pattern in ("hinge", "hip-extension"),
}


def promised_words(title: str) -> list[str]:
    words = [w.strip() for part in title.split(",") for w in part.split("+")]
    return [w for w in words if w in PROMISES]


@pytest.mark.parametrize(
    "plan",
    [
        lambda: c8(),
        lambda: c8(days=2, minutes=60),
        lambda: make(age=25, level="beginner", goals="strength,health", days=2, minutes=30,
                     equipment="none", weeks=8),
        lambda: make(age=34, level="intermediate", goals="strength", days=2, minutes=35,
                     equipment="barbell,dumbbell,bench", weeks=8),
        lambda: make(age=19, level="beginner", goals="strength", days=3, minutes=60,
                     equipment=GYM, weeks=8),
    ],
)  # fmt: skip
def test_session_titles_name_what_the_session_holds(plan: Callable[[], Plan]) -> None:
    p = plan()
    named = 0
    for w in p.weeks:
        for s in w.sessions:
            held = [EXS[b.exercise_id] for b in s.blocks if b.exercise_id in EXS]
            for word in promised_words(s.focus):
                named += 1
                assert any(PROMISES[word](e) for e in held), (w.week, s.focus, [e.id for e in held])
    assert named > 0  # the titles do name lifts


@pytest.mark.parametrize("days", [2, 3, 4])
def test_hypertrophy_with_a_barbell_and_bench_keeps_every_muscle_in_its_band(days: int) -> None:
    # Hip-dominant B days must not cost a 2-day week its quads (one squat main is 3–4 sets, short
    # of the 10-set floor [RP-LAND]), and an unloaded knee-extension slot takes a variant that
    # can reach the effort target (sissy squat) rather than a glute-loading lunge.
    from legday.domain.plan import rules

    p = make(age=28, level="intermediate", goals="hypertrophy", days=days, minutes=60,
             weeks=8, equipment="barbell,bench")  # fmt: skip
    assert "R10" not in {v.rule for v in rules.check(p, EXS)}
