"""LSI and Y-Balance composite: worked examples of docs/evidence/formulas.md#limb-symmetry-index and
docs/evidence/formulas.md#y-balance-composite and the threshold edges."""

from __future__ import annotations

import pytest

from legday.domain.errors import InvalidInput
from legday.domain.science import symmetry, ybalance


def test_lsi_worked_example() -> None:
    value = symmetry.lsi(170, 190)
    assert value == pytest.approx(89.47, abs=0.005)
    assert not symmetry.meets_rts(value)


def test_lsi_exactly_90_fails_the_strict_rule() -> None:
    assert not symmetry.meets_rts(symmetry.lsi(90, 100))
    assert symmetry.meets_rts(symmetry.lsi(90.1, 100))


def test_lsi_bad_input() -> None:
    with pytest.raises(InvalidInput):
        symmetry.lsi(100, 0)
    with pytest.raises(InvalidInput):
        symmetry.lsi(-1, 100)


def test_composite_worked_example() -> None:
    assert ybalance.composite(62, 100, 96, 90) == pytest.approx(95.56, abs=0.005)


def test_anterior_difference_edges() -> None:
    assert not ybalance.anterior_asymmetry(60, 64)  # exactly 4 cm is not "greater than 4"
    assert ybalance.anterior_asymmetry(60, 64.5)
    assert ybalance.anterior_difference(70, 65) == 5


def test_ybalance_bad_input() -> None:
    with pytest.raises(InvalidInput, match="limb length"):
        ybalance.composite(62, 100, 96, 9)
    with pytest.raises(InvalidInput):
        ybalance.anterior_difference(-3, 60)
