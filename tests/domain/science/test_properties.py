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
    total=st.floats(min_value=50, max_value=600),
    factor=st.floats(min_value=0.25, max_value=2.5),  # keeps the scaled total ≤ 1500 kg
    mass=st.floats(min_value=40, max_value=150),
    sex=st.sampled_from(["female", "male"]),
    formula=st.sampled_from(list(scores.FORMULAS)),
)
def test_scores_are_proportional_to_the_total(
    total: float, factor: float, mass: float, sex: str, formula: str
) -> None:
    # Two separate calls: a score is a bodyweight coefficient times the total, so scaling the
    # total scales the score by the same factor and leaves the coefficient alone.
    one = scores.score(total, mass, sex, formula)
    scaled = scores.score(total * factor, mass, sex, formula)
    assert one.score > 0
    assert scaled.coefficient == pytest.approx(one.coefficient)
    assert scaled.score == pytest.approx(one.score * factor)
