"""Plate solver: worked cases by hand, and brute force on random plate sets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legday.domain.errors import InvalidInput
from legday.domain.train.plates import (
    DEFAULT_KG_PLATES,
    DEFAULT_LB_PLATES,
    LoadingSetup,
    default_setup,
    round_load,
    round_load_kg,
    setup_from_profile,
    solve_plates,
)
from legday.domain.units import to_kg


def test_greedy_fails_but_exact_solver_finds_20_plus_15() -> None:
    # 90 kg on a 20 kg bar: 35 kg a side. Greedy takes 25 and then nothing fits (20 > 10 left).
    sol = solve_plates(90, 20, [25, 20, 15], None)
    assert sol.per_side == (20, 15) and sol.achievable == 90


def test_default_kg_set_fewest_plates() -> None:
    # 140 kg: 60 a side = 25 + 25 + 10 (3 plates); 20+20+20 is also 3 but heavier-first wins.
    assert solve_plates(140, 20, DEFAULT_KG_PLATES, None).per_side == (25, 25, 10)
    # 102.5 kg: 41.25 a side = 25 + 15 + 1.25.
    assert solve_plates(102.5, 20, DEFAULT_KG_PLATES, None).per_side == (25, 15, 1.25)


def test_not_above_target() -> None:
    # 101.2 kg is not buildable; the closest below is 100 (40 a side: 25 + 15).
    sol = solve_plates(101.2, 20, DEFAULT_KG_PLATES, None)
    assert sol.achievable == 100 and sol.per_side == (25, 15)


def test_limited_pairs() -> None:
    # One pair of 25s and one pair of each other plate: 200 kg needs 90 a side but only
    # 25+20+15+10+5+2.5+1.25 = 78.75 exists → 20 + 2·78.75 = 177.5.
    sol = solve_plates(200, 20, DEFAULT_KG_PLATES, 1)
    assert sol.achievable == 177.5 and len(sol.per_side) == 7
    # Only the 25s limited: 140 kg = 60 a side = 25 + 20 + 15.
    assert solve_plates(140, 20, DEFAULT_KG_PLATES, {25: 1}).per_side == (25, 20, 15)
    # No plates at all: the bar alone.
    assert solve_plates(100, 20, DEFAULT_KG_PLATES, 0).achievable == 20


def test_pounds() -> None:
    # 315 lb = 45 bar + 2·135 = three 45s a side; 230 lb → 225 (92.5 per side = 45+45+2.5).
    assert solve_plates(315, 45, DEFAULT_LB_PLATES, None).per_side == (45, 45, 45)
    assert solve_plates(230, 45, DEFAULT_LB_PLATES, None).per_side == (45, 45, 2.5)


def test_bad_input() -> None:
    with pytest.raises(InvalidInput, match="lighter than the bar"):
        solve_plates(15, 20, DEFAULT_KG_PLATES, None)
    with pytest.raises(InvalidInput, match="plate"):
        solve_plates(100, 20, [25, -5], None)
    with pytest.raises(InvalidInput, match="pairs"):
        solve_plates(100, 20, [25], -1)
    assert solve_plates(20, 20, DEFAULT_KG_PLATES, None).per_side == ()


def test_round_load_barbell_and_dumbbells() -> None:
    kg = default_setup("kg")
    assert round_load(63.4, kg) == 62.5  # 21.25 a side = 20 + 1.25
    assert round_load(10, kg) == 20  # nothing lighter than the empty bar
    dbs = LoadingSetup(dumbbells=(5, 7.5, 10, 12.5))
    assert round_load(11, dbs, "dumbbell") == 10
    assert round_load(3, dbs, "dumbbell") == 5
    with pytest.raises(InvalidInput, match="dumbbells"):
        round_load(11, kg, "dumbbell")


def test_round_load_kg_through_pounds() -> None:
    # 100 kg = 220.46 lb → 220 lb (87.5 a side = 45 + 35 + 5 + 2.5) = 220 × 0.45359237 kg.
    assert round_load_kg(100, default_setup("lb")) == pytest.approx(to_kg(220, "lb"))
    # A kg target that is exactly buildable survives the round trip unchanged.
    assert round_load_kg(102.5, default_setup("kg")) == pytest.approx(102.5)


def test_setup_from_profile() -> None:
    prof = {
        "equipment_loading": {
            "unit": "lb",
            "bar": 35,
            "plates": [45, 25, 10],
            "pairs": {"45": 1},
            "dumbbells": [50, 20, 35],
        }
    }
    s = setup_from_profile(prof, "kg")
    assert s.unit == "lb" and s.bar == 35 and s.dumbbells == (20, 35, 50)
    assert s.pairs == {45.0: 1}
    # 240 lb leaves 102.5 a side. 45+25+25 = 95 and 45+25+10+10+10 = 100 (5 plates), but four
    # 25s also make 100 with 4 plates: 35 + 2·100 = 235.
    sol = solve_plates(240, s.bar, s.plates, s.pairs)
    assert sol.per_side == (25, 25, 25, 25) and round_load(240, s) == 235
    assert setup_from_profile({}, "kg") == default_setup("kg")
    with pytest.raises(InvalidInput):
        setup_from_profile({"equipment_loading": {"plates": ["heavy"]}}, "kg")


# ---- brute force ---------------------------------------------------------------------------

SIZES = [0.5, 1.25, 2.5, 5, 7.5, 10, 15, 20, 25]


def _brute(per_side_q: int, sizes_q: list[int], limits: list[int | None]) -> tuple[int, int]:
    """(largest per-side sum ≤ target, fewest plates for it), by enumerating every multiset."""
    best = (0, 0)

    def go(i: int, total: int, count: int) -> None:
        nonlocal best
        if i == len(sizes_q):
            if total > best[0] or (total == best[0] and count < best[1]):
                best = (total, count)
            return
        cap = (per_side_q - total) // sizes_q[i]
        limit = limits[i]
        top = cap if limit is None else min(cap, limit)
        for c in range(top + 1):
            go(i + 1, total + c * sizes_q[i], count + c)

    go(0, 0, 0)
    return best


@settings(max_examples=150, deadline=None)
@given(
    sizes=st.lists(st.sampled_from(SIZES), min_size=1, max_size=4, unique=True),
    limit_choice=st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=4, max_size=4),
    bar=st.sampled_from([0, 10, 15, 20]),
    extra_q=st.integers(1, 4 * 70),
)
def test_solver_matches_brute_force(
    sizes: list[float], limit_choice: list[int | None], bar: float, extra_q: int
) -> None:
    target = bar + extra_q / 4  # quarter-kg targets up to 70 kg over the bar
    limits = limit_choice[: len(sizes)]
    pairs = {s: n for s, n in zip(sizes, limits, strict=True) if n is not None}
    sol = solve_plates(target, bar, sizes, pairs)
    sizes_q = [round(s * 4) for s in sizes]
    per_side_q = extra_q // 2
    best_total, best_count = _brute(per_side_q, sizes_q, limits)
    assert sol.achievable == pytest.approx(bar + 2 * best_total / 4)
    assert len(sol.per_side) == best_count
    assert sum(sol.per_side) * 2 + bar == pytest.approx(sol.achievable)
    assert sol.achievable <= target + 1e-9
    for s, n in zip(sizes, limits, strict=True):
        if n is not None:
            assert sol.per_side.count(s) <= n
    assert list(sol.per_side) == sorted(sol.per_side, reverse=True)
