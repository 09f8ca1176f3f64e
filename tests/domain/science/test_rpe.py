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


# r reps at a whole RPE p leave 10 − p reps in reserve, so they sit where the RPE-10 row has
# r + (10 − p) reps to failure: checkable against that row while r + (10 − p) ≤ 12.
WITHIN_ROW = [(w, r) for w in (9, 8, 7) for r in range(1, 13) if r + (10 - w) <= 12]


@pytest.mark.parametrize(("whole", "reps"), WITHIN_ROW)
def test_whole_rpe_uses_rpe10_at_reps_plus_rir(whole: int, reps: int) -> None:
    assert rpe.pct_1rm(reps, whole) == RPE10[reps + (10 - whole) - 1]


def test_cells_past_the_rpe10_row_keep_the_diagonal() -> None:
    # Beyond 12 reps to failure there is no RPE-10 cell to compare with; the chart's structure
    # still says every cell with the same reps + reps in reserve holds the same fraction (e.g.
    # 12 @ 9, 11 @ 8 and 10 @ 7 are all "13 to failure"). Half RPEs share diagonals too.
    by_diagonal: dict[float, set[float]] = {}
    for p in rpe.RPES:
        for r in range(rpe.MIN_REPS, rpe.MAX_REPS + 1):
            by_diagonal.setdefault(r + (10 - p), set()).add(rpe.pct_1rm(r, p))
    beyond = {d: v for d, v in by_diagonal.items() if d > 12}
    assert sorted(beyond) == [12.5, 13, 13.5, 14, 14.5, 15, 15.5]
    assert all(len(v) == 1 for v in by_diagonal.values()), by_diagonal
    # …and the fractions keep falling along the diagonals past the row.
    ordered = [next(iter(by_diagonal[d])) for d in sorted(by_diagonal)]
    assert ordered == sorted(ordered, reverse=True) and len(set(ordered)) == len(ordered)


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
