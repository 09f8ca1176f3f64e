"""The MILP against brute force on small random problems: same best objective, hard rows kept."""

from __future__ import annotations

import itertools
import random

import pytest

from legday.domain.plan import selection
from legday.domain.plan.selection_problem import Candidate, Problem, SlotRef


def random_problem(seed: int) -> Problem:
    rng = random.Random(seed)
    names = [f"e{i}" for i in range(5)]
    slots = []
    for s in range(2):
        for k in range(rng.randint(1, 3)):
            pool = rng.sample(names, rng.randint(1, 4))
            cands = tuple(
                Candidate(
                    n,
                    float(rng.choice([60, 120, 180])),
                    round(rng.uniform(5, 20), 3),
                    sets_lo={"quadriceps": float(rng.randint(0, 3))},
                )
                for n in pool
            )
            slots.append(SlotRef(s, k, rng.random() < 0.5, None, cands))
    target = {"quadriceps": (float(rng.randint(0, 6)), 99.0)}
    return Problem(tuple(slots), (float(rng.choice([150, 300, 450])),) * 2, (), target)


def brute_force(p: Problem) -> float:
    """Try every assignment (each slot empty or one candidate) under the same rules."""
    best = float("-inf")
    options = [[None, *range(len(r.candidates))] for r in p.slots]
    for pick in itertools.product(*options):
        used: dict[tuple[int, str], int] = {}
        weekly: dict[str, int] = {}
        secs = [0.0] * len(p.budgets_s)
        value = 0.0
        quads = 0.0
        ok = True
        for r, ci in zip(p.slots, pick, strict=True):
            if ci is None:
                if r.required:
                    value -= selection.PENALTY_SLOT
                continue
            c = r.candidates[ci]
            used[r.session, c.exercise_id] = used.get((r.session, c.exercise_id), 0) + 1
            weekly[c.exercise_id] = weekly.get(c.exercise_id, 0) + 1
            secs[r.session] += c.seconds
            value += c.score
            quads += c.sets_lo.get("quadriceps", 0.0)
        if any(v > 1 for v in used.values()) or any(
            v > selection.MAX_WEEKLY_USES for v in weekly.values()
        ):
            ok = False
        if any(s > b for s, b in zip(secs, p.budgets_s, strict=True)):
            ok = False
        if not ok:
            continue
        lo = p.muscle_targets["quadriceps"][0]
        value -= selection.PENALTY_SET * max(0.0, lo - quads)
        best = max(best, value)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_solver_matches_brute_force(seed: int) -> None:
    p = random_problem(seed)
    sol = selection.solve(p)
    assert sol.status == "optimal"
    assert sol.objective == pytest.approx(brute_force(p), rel=selection.MIP_GAP, abs=1e-6)
    # the chosen exercises keep the hard rows
    for s, budget in enumerate(p.budgets_s):
        secs = sum(
            c.seconds
            for r in p.slots
            if r.session == s
            for c in r.candidates
            if sol.chosen.get((r.session, r.index)) == c.exercise_id
        )
        assert secs <= budget


def test_groups_choose_the_same_exercise_and_shortfalls_are_reported() -> None:
    a = Candidate("squat", 60.0, 10.0, sets_lo={"quadriceps": 3.0})
    b = Candidate("lunge", 60.0, 12.0, sets_lo={"quadriceps": 3.0})
    slots = (
        SlotRef(0, 0, True, "lp", (a, b)),
        SlotRef(1, 0, True, "lp", (b, a)),
    )
    p = Problem(slots, (600.0, 600.0), (), {"quadriceps": (10.0, 99.0)})
    sol = selection.solve(p)
    assert sol.chosen[0, 0] == sol.chosen[1, 0] == "lunge"
    assert sol.muscle_short == {"quadriceps": 4.0}  # 2 × 3 sets against a target of 10


def test_no_time_leaves_required_slot_unfilled() -> None:
    slow = Candidate("squat", 900.0, 10.0)
    sol = selection.solve(Problem((SlotRef(0, 0, True, None, (slow,)),), (300.0,)))
    assert sol.unfilled == ((0, 0),) and sol.chosen == {}
