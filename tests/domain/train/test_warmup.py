"""Warm-up ramps worked out by hand from the scheme (bar 2×5, 40 % ×5, 60 % ×3, 80 % ×2)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legday.domain.errors import InvalidInput
from legday.domain.train.plates import default_setup, solve_plates
from legday.domain.train.warmup import RAMP, warmup_ramp


def _steps(load: float, unit: str = "kg") -> list[tuple[float, int, int]]:
    return [(w.load, w.reps, w.sets) for w in warmup_ramp(load, 5, default_setup(unit))]  # type: ignore[arg-type]


def test_100kg() -> None:
    ramp = warmup_ramp(100, 5, default_setup("kg"))
    assert [(w.load, w.reps, w.sets) for w in ramp] == [
        (20, 5, 2), (40, 5, 1), (60, 3, 1), (80, 2, 1),
    ]  # fmt: skip
    assert [w.per_side for w in ramp] == [(), (10,), (20,), (25, 5)]


def test_steps_round_down_to_plates() -> None:
    # 60 kg: 24 → 22.5 (1.25 a side), 36 → 35 (7.5 = 5 + 2.5), 48 → 47.5 (13.75 = 10+2.5+1.25).
    assert _steps(60) == [(20, 5, 2), (22.5, 5, 1), (35, 3, 1), (47.5, 2, 1)]


def test_light_loads_get_shorter_ramps() -> None:
    # 30 kg: 12 and 18 are under the bar; 24 → 22.5.
    assert _steps(30) == [(20, 5, 2), (22.5, 2, 1)]
    assert _steps(20) == []  # the work set is the empty bar


def test_pounds() -> None:
    # 225 lb: 90 (22.5 a side = 10+10+2.5), 135 (45), 180 (67.5 a side).
    assert _steps(225, "lb") == [(45, 5, 2), (90, 5, 1), (135, 3, 1), (180, 2, 1)]


def test_bad_input() -> None:
    with pytest.raises(InvalidInput):
        warmup_ramp(100, 0, default_setup("kg"))
    with pytest.raises(InvalidInput):
        warmup_ramp(10, 5, default_setup("kg"))


@settings(max_examples=100, deadline=None)
@given(data=st.data(), unit=st.sampled_from(["kg", "lb"]))
def test_ramp_rises_below_the_work_set(data: st.DataObject, unit: str) -> None:
    setup = default_setup(unit)  # type: ignore[arg-type]
    # Work loads from the bar up to 300 kg / 600 lb, in quarter-kg / half-lb steps.
    work = (
        data.draw(st.integers(80, 1200)) / 4
        if unit == "kg"
        else data.draw(st.integers(90, 1200)) / 2
    )
    ramp = warmup_ramp(work, 5, setup)
    built = solve_plates(work, setup.bar, setup.plates, None).achievable
    if built <= setup.bar:
        assert ramp == []
        return
    assert (ramp[0].load, ramp[0].sets, ramp[0].per_side) == (setup.bar, 2, ())
    loads = [w.load for w in ramp]
    assert loads == sorted(set(loads)) and loads[-1] < built  # strictly rising, under the work
    step_of_reps = {reps: fraction for fraction, reps in RAMP}
    for w in ramp[1:]:
        assert w.load == pytest.approx(setup.bar + 2 * sum(w.per_side))
        assert w.load <= step_of_reps[w.reps] * built + 1e-9  # rounded down, never up
