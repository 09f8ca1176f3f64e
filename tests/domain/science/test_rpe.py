"""RPE chart: docs/evidence/formulas.md#rpe-chart cells, its stated structure, the worked example
and inverses."""

from __future__ import annotations

import pytest

from legday.domain.errors import InvalidInput
from legday.domain.science import rpe

# RPE-10 row, typed from docs/evidence/formulas.md#rpe-chart (reps 1–12).
RPE10 = [1.000, 0.955, 0.922, 0.892, 0.863, 0.837, 0.811, 0.786, 0.762, 0.739, 0.707, 0.680]


def test_worked_example() -> None:
    assert rpe.pct_1rm(3, 8) == 0.863
    assert rpe.e1rm(120, 3, 8) == pytest.approx(139.05, abs=0.005)


@pytest.mark.parametrize("reps", range(1, 13))
def test_rpe10_row(reps: int) -> None:
    assert rpe.pct_1rm(reps, 10) == RPE10[reps - 1]


# Past 12 reps to failure the RPE-10 row stops, but the printed rows keep the same diagonal
# (RPE 9 at 12 reps; RPE 8 at 11–12; RPE 7 at 10–12), typed from the chart's printed cells
# (docs/evidence/formulas.md#rpe-chart).
BEYOND_ROW = {13: 0.653, 14: 0.626, 15: 0.599}


@pytest.mark.parametrize("whole", [9, 8, 7])
@pytest.mark.parametrize("reps", range(1, 13))
def test_whole_rpe_uses_rpe10_at_reps_plus_rir(whole: int, reps: int) -> None:
    # r reps at RPE p uses the RPE-10 value for r + (10 − p) reps to failure.
    target = reps + (10 - whole)
    expected = RPE10[target - 1] if target <= 12 else BEYOND_ROW[target]
    assert rpe.pct_1rm(reps, whole) == expected


@pytest.mark.parametrize("half", [9.5, 8.5, 7.5])
@pytest.mark.parametrize("reps", range(1, 13))
def test_half_rpe_is_mean_of_neighbours(half: float, reps: int) -> None:
    mean = (rpe.pct_1rm(reps, half + 0.5) + rpe.pct_1rm(reps, half - 0.5)) / 2
    assert rpe.pct_1rm(reps, half) == pytest.approx(mean, abs=0.001)


def test_spot_cells_from_the_printed_table() -> None:
    assert rpe.pct_1rm(12, 6.5) == 0.586
    assert rpe.pct_1rm(1, 9.5) == 0.978
    assert rpe.pct_1rm(7, 8.5) == 0.774
    assert rpe.pct_1rm(11, 7) == 0.626


def test_inverses() -> None:
    # RPE 8 row: 5 reps → 0.811, 6 reps → 0.786. At 0.80 five reps fit, six do not.
    assert rpe.reps_at(0.80, 8) == 5
    assert rpe.reps_at(0.811, 8) == 5
    # 5 reps at 0.815: heavier than the RPE 8 cell (0.811), lighter than RPE 8.5 (0.824).
    assert rpe.rpe_at(0.815, 5) == 8.5
    assert rpe.rpe_at(0.863, 3) == 8.0
    assert rpe.load_for(200, 3, 8) == pytest.approx(172.6)
    assert rpe.rir(8.5) == 1.5


def test_inverse_round_trip_every_cell() -> None:
    for r in rpe.RPES:
        for n in range(1, 13):
            p = rpe.pct_1rm(n, r)
            assert rpe.pct_1rm(rpe.reps_at(p, r), r) >= p
            assert rpe.rpe_at(p, n) <= r


@pytest.mark.parametrize(("reps", "value"), [(0, 8), (13, 8), (5, 6), (5, 8.25), (5, 11)])
def test_off_chart_is_an_error(reps: int, value: float) -> None:
    with pytest.raises(InvalidInput):
        rpe.pct_1rm(reps, value)


def test_inverse_off_chart() -> None:
    with pytest.raises(InvalidInput, match="too heavy"):
        rpe.reps_at(0.95, 7)
    with pytest.raises(InvalidInput, match="more than 12"):
        rpe.reps_at(0.5, 10)
    with pytest.raises(InvalidInput, match="beyond failure"):
        rpe.rpe_at(0.9, 5)
