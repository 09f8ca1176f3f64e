"""1RM estimators: the worked example of docs/evidence/formulas.md#one-rep-max-estimators (100 kg ×
5) and the range rules."""

from __future__ import annotations

import pytest

from legday.domain.errors import InvalidInput
from legday.domain.science import e1rm

# docs/evidence/formulas.md#one-rep-max-estimators "Worked example — inputs w = 100 kg, r = 5"
# (outputs printed to 2 decimals).
WORKED = {
    "epley": 116.67,
    "brzycki": 112.50,
    "lombardi": 117.46,
    "mayhew": 119.01,
    "oconner": 112.50,
    "wathan": 116.58,
    "lander": 113.71,
}


@pytest.mark.parametrize(("name", "expected"), WORKED.items())
def test_worked_example(name: str, expected: float) -> None:
    assert e1rm.estimate(100, 5, name) == pytest.approx(expected, abs=0.005)


def test_all_seven_formulas_are_published() -> None:
    assert set(e1rm.FORMULAS) == set(WORKED)


def test_epley_uses_one_thirtieth_not_the_0033_variant() -> None:
    # 100 × (1 + 5 × 0.033) = 116.50 would be the other convention
    # (docs/evidence/formulas.md#one-rep-max-estimators).
    assert e1rm.estimate(100, 5) != pytest.approx(116.50, abs=0.01)


def test_single_rep_is_the_load() -> None:
    for name in WORKED:
        assert e1rm.estimate(142.5, 1, name) == 142.5


def test_hand_worked_brzycki_10_reps() -> None:
    # 80 × 36 / 27 = 106.667
    assert e1rm.estimate(80, 10, "brzycki") == pytest.approx(106.6667, abs=1e-3)


def test_strict_estimate_refuses_reps_beyond_range() -> None:
    with pytest.raises(InvalidInput, match="range"):
        e1rm.estimate(100, 11, "lombardi")  # implementation restricts to r < 11
    assert e1rm.estimate(100, 14, "mayhew") > 100  # r < 15 allowed
    with pytest.raises(InvalidInput):
        e1rm.estimate(100, 15, "mayhew")


def test_checked_estimate_warns_instead() -> None:
    value, warnings = e1rm.estimate_checked(100, 15, "epley")
    assert value == pytest.approx(150.0)  # 100 × (1 + 15/30)
    assert warnings and "15 reps" in warnings[0]
    assert e1rm.estimate_checked(100, 5, "epley")[1] == []


@pytest.mark.parametrize(
    ("load", "reps"), [(0, 5), (-10, 5), (float("nan"), 5), (1500, 3), (100, 0), (100, 31)]
)
def test_impossible_input_is_an_error(load: float, reps: int) -> None:
    with pytest.raises(InvalidInput):
        e1rm.estimate_checked(load, reps)


def test_unknown_formula_names_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="epley"):
        e1rm.estimate(100, 5, "magic")
    assert e1rm.estimate(100, 5, "O'Connor") == pytest.approx(112.5)
