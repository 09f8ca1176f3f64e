"""Dose tables against the numbers in docs/evidence/doses.md (worked by hand from its tables)."""

from __future__ import annotations

import pytest

from legday.domain.plan import dosing


def test_epley_with_rir_matches_confirmed_chart_cell() -> None:
    # docs/evidence/doses.md#percent-1rm-and-reps: 10 reps ≈ 75 % 1RM is a confirmed NSCA cell;
    # Epley 1/(1 + 10/30) = 0.75
    assert dosing.pct_1rm_for(10, 0) == pytest.approx(75.0)
    # 5 reps with 3 in reserve = 8 to failure: 1/(1 + 8/30) = 78.947…
    assert dosing.pct_1rm_for(5, 3) == pytest.approx(78.947, abs=1e-3)


def test_nordic_protocol_weekly_reps_match_petersen_table() -> None:
    # docs/evidence/doses.md#nordic-hamstring-exercise "reps/week" column: 10, 24, 54–72, 72–90, 90
    # (weeks 5–10), 30 (maintenance)
    weekly = [s * sets * reps for s, sets, reps in (dosing.nordic_week(n) for n in range(1, 13))]
    assert weekly[0] == 10 and weekly[1] == 24
    assert 54 <= weekly[2] <= 72 and 72 <= weekly[3] <= 90
    assert weekly[4:10] == [90] * 6
    assert weekly[10:] == [30, 30]


def test_mrv_by_frequency() -> None:
    # docs/evidence/doses.md#volume-landmarks table: quads 18/22/26/30, hamstrings 12/16/18/18 for
    # 2/3/4/5+ sessions
    assert [dosing.mrv("quadriceps", n) for n in (2, 3, 4, 5, 6)] == [18, 22, 26, 30, 30]
    assert [dosing.mrv("hamstrings", n) for n in (1, 2, 3, 4, 5)] == [12, 12, 16, 18, 18]


def test_copenhagen_reps_start_low_and_cap_at_15() -> None:
    reps = [dosing.copenhagen_reps(n) for n in range(1, 12)]
    assert reps[0] <= 5 and max(reps) == 15 and reps == sorted(reps)


@pytest.mark.parametrize(("kg", "want"), [(103.7, 102.5), (100.0, 100.0), (2.4, 0.0)])
def test_loads_round_down_to_the_plate_step(kg: float, want: float) -> None:
    assert dosing.round_load(kg) == want
