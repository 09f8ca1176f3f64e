"""Energy: worked examples of docs/evidence/formulas.md#energy."""

from __future__ import annotations

import pytest

from legday.domain.errors import InvalidInput
from legday.domain.science import energy


def test_met_worked_example() -> None:
    assert energy.kcal_per_min(5.0, 80) == pytest.approx(7.00)
    assert energy.kcal(5.0, 80, 30) == pytest.approx(210.00)
    assert energy.kcal_simple(5.0, 80, 30) == pytest.approx(200.00)  # "simple form"


def test_mifflin_worked_example() -> None:
    assert energy.bmr_mifflin(80, 180, 30, "male") == pytest.approx(1780.00)
    assert energy.bmr_mifflin(80, 180, 30, "female") == pytest.approx(1614.00)


def test_harris_benedict_worked_example() -> None:
    assert energy.bmr_harris_benedict(80, 180, 30, "male") == pytest.approx(1853.63, abs=0.005)
    assert energy.bmr_harris_benedict(80, 180, 30, "female") == pytest.approx(1615.09, abs=0.005)


def test_katch_mcardle_worked_example() -> None:
    assert energy.bmr_katch_mcardle(80, 15) == pytest.approx(1838.80)


@pytest.mark.parametrize(
    "call",
    [
        lambda: energy.kcal(0, 80, 30),
        lambda: energy.kcal(5, -1, 30),
        lambda: energy.kcal(5, 80, 0),
        lambda: energy.kcal(5, 80, 5000),
        lambda: energy.bmr_mifflin(80, 180, 30, "other"),
        lambda: energy.bmr_mifflin(80, 20, 30, "male"),
        lambda: energy.bmr_katch_mcardle(80, 95),
    ],
)
def test_impossible_input(call: object) -> None:
    with pytest.raises(InvalidInput):
        call()  # type: ignore[operator]
