"""Properties every random history must satisfy (hypothesis), straight from
docs/evidence/doses.md#progression-rules: the load only rises after a session that met the gate at
(at least) the prescribed load; a rise in double progression restarts reps at the bottom (R14);
nothing but a deload drops the load; a session done lighter than prescribed never raises it
(liftosaur#357)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.domain.train.progression.histories import DAY0, hist

from legday.domain.train.progression import (
    RuleParams,
    Scheme,
    SessionPerformance,
    SetPerformance,
    StepLoading,
)
from legday.domain.train.progression.double import next_double
from legday.domain.train.progression.linear import next_linear

GRID = StepLoading(20.0, 2.5)
P = RuleParams()
LOADS = [40.0 + 2.5 * k for k in range(13)]  # 40–70 kg


@st.composite
def histories(draw: st.DrawFn) -> list[SessionPerformance]:
    n = draw(st.integers(2, 8))
    day = DAY0
    out: list[SessionPerformance] = []
    for _ in range(n):
        day += timedelta(days=draw(st.integers(1, 4)))  # never a break (break.days = 14)
        k = draw(st.integers(1, 4))
        sets = tuple(
            SetPerformance(load_kg=draw(st.sampled_from(LOADS)), reps=draw(st.integers(0, 14)))
            for _ in range(k)
        )
        out.append(SessionPerformance(day, sets))
    return out


@settings(max_examples=150, deadline=None)
@given(histories())
def test_double_progression_gate(sessions: list[SessionPerformance]) -> None:
    scheme = Scheme(sets=3, rep_min=8, rep_max=12)
    before = next_double(hist(sessions[:-1], scheme), P, GRID)
    after = next_double(hist(sessions, scheme), P, GRID)
    was, now = before.sets[0].load_kg, after.sets[0].load_kg
    assert was is not None and now is not None
    last = sessions[-1]
    at_load = [x for x in last.sets if (x.load_kg or 0) >= was - 1e-9]
    if now > was + 1e-9:
        assert len(at_load) >= 3 and all((x.reps or 0) >= 12 for x in at_load[:3])
        assert [t.reps for t in after.sets] == [8, 8, 8]
        assert now <= max(was, last.working_load or was) + 2.5 + 1e-9
    if (last.working_load or 0) < was - 1e-9:
        assert now <= was + 1e-9
    assert now >= GRID.down(was * 0.9) - 1e-9  # at most one deload step down
    if now == was:
        assert all(8 <= (t.reps or 0) <= 12 for t in after.sets)


@settings(max_examples=150, deadline=None)
@given(histories())
def test_linear_progression_gate(sessions: list[SessionPerformance]) -> None:
    scheme = Scheme(sets=3, reps=5)
    before = next_linear(hist(sessions[:-1], scheme), P, GRID)
    after = next_linear(hist(sessions, scheme), P, GRID)
    was, now = before.sets[0].load_kg, after.sets[0].load_kg
    assert was is not None and now is not None
    last = sessions[-1]
    good = [x for x in last.sets if (x.load_kg or 0) >= was - 1e-9 and (x.reps or 0) >= 5]
    lighter = (last.working_load or 0) < was - 1e-9
    if now > was + 1e-9:
        assert len(good) >= 3 and not lighter
        assert now <= max(was, last.working_load or was) + 2.5 + 1e-9
    else:
        assert len(good) < 3 or lighter
    assert now >= GRID.down(was * 0.9) - 1e-9
