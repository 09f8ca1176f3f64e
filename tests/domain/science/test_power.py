"""Jump power: worked examples of docs/evidence/formulas.md#jump-power (h = 40 cm, m = 75 kg) and
topendsports'."""

from __future__ import annotations

import pytest

from legday.domain.errors import InvalidInput
from legday.domain.science import power


def test_sayers_worked_example() -> None:
    assert power.sayers_peak(40, 75) == pytest.approx(3770.50)


def test_harman_worked_example() -> None:
    assert power.harman_peak(40, 75) == pytest.approx(3354.00)
    assert power.harman_average(40, 75) == pytest.approx(1180.00)


def test_harman_sign_matches_canavan_vescovi() -> None:
    # docs/evidence/formulas.md#harman-peak-and-average-power: h back-solved from the Sayers mean
    # (2920.8 W, 65.9 kg) → 2580.28 W with −1822 (6224.28 with +1822); Canavan & Vescovi report
    # 2585.0 W.
    h = (2920.8 - 45.3 * 65.9 + 2055) / 60.7
    assert power.sayers_peak(h, 65.9) == pytest.approx(2920.8)
    assert power.harman_peak(h, 65.9) == pytest.approx(2580.28, abs=0.01)


def test_lewis_worked_examples() -> None:
    assert power.lewis_kgm_per_s(40, 75) == pytest.approx(105.00, abs=0.005)
    assert power.lewis_average(40, 75) == pytest.approx(1030.05, abs=0.005)
    # topendsports prints 1261.6 W from rounded factors (2.2136 × 75 × 0.7746 × 9.81).
    assert power.lewis_average(60, 75) == pytest.approx(1261.6, abs=0.1)


def test_dispatch() -> None:
    h = power.jump_power(40, 75, "harman")
    assert (h.peak_power_w, h.average_power_w) == (pytest.approx(3354.0), pytest.approx(1180.0))
    lw = power.jump_power(40, 75, "lewis")
    assert lw.peak_power_w is None and lw.average_power_w == pytest.approx(1030.05, abs=0.005)
    with pytest.raises(InvalidInput, match="sayers"):
        power.jump_power(40, 75, "bosco")


@pytest.mark.parametrize(("h", "m"), [(0, 75), (400, 75), (40, 5), (40, float("nan"))])
def test_impossible_inputs(h: float, m: float) -> None:
    with pytest.raises(InvalidInput):
        power.sayers_peak(h, m)


def test_negative_power_is_refused_not_returned() -> None:
    # 60.7·5 + 45.3·25 − 2055 = −619 W: outside the sample, so an error rather than a number.
    with pytest.raises(InvalidInput, match="outside the range"):
        power.sayers_peak(5, 25)
