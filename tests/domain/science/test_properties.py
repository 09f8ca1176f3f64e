"""Properties every estimator must have, checked over many inputs (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legday.domain.science import e1rm, rpe, scores

loads = st.floats(min_value=1, max_value=400, allow_nan=False)


@pytest.mark.parametrize("name", list(e1rm.FORMULAS))
@given(load=loads, reps=st.integers(min_value=1, max_value=9))
def test_e1rm_grows_with_reps_and_scales_with_load(name: str, load: float, reps: int) -> None:
    more = e1rm.estimate(load, reps + 1, name)
    assert more > e1rm.estimate(load, reps, name) >= load
    assert e1rm.estimate(2 * load, reps, name) == pytest.approx(2 * e1rm.estimate(load, reps, name))


@given(
    reps=st.integers(min_value=1, max_value=11),
    i=st.integers(min_value=0, max_value=len(rpe.RPES) - 2),
)
def test_rpe_chart_is_monotone(reps: int, i: int) -> None:
    harder, easier = rpe.RPES[i], rpe.RPES[i + 1]  # RPES runs 10 → 6.5
    assert rpe.pct_1rm(reps, harder) > rpe.pct_1rm(reps, easier)
    assert rpe.pct_1rm(reps, harder) > rpe.pct_1rm(reps + 1, harder)


@given(
    mass=st.floats(min_value=35, max_value=349),
    more=st.floats(min_value=0.5, max_value=100),
    sex=st.sampled_from(["female", "male"]),
    formula=st.sampled_from(list(scores.FORMULAS)),
)
def test_a_heavier_lifter_scores_lower_for_the_same_total(
    mass: float, more: float, sex: str, formula: str
) -> None:
    # What the scores are for (docs/evidence/formulas.md#powerlifting-scores): they compare
    # lifters of different body mass, so the same total weighs less for a heavier lifter —
    # strictly inside each curve's mass range, equal once both masses are clamped to its end.
    heavier = min(mass + more, 350.0)
    light = scores.score(300.0, mass, sex, formula)
    heavy = scores.score(300.0, heavier, sex, formula)
    if light.warnings or heavy.warnings:
        assert heavy.score <= light.score
    else:
        assert heavy.score < light.score
