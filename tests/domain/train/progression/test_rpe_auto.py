"""RPE autoregulation, worked by hand with the RTS chart cells of
docs/evidence/formulas.md#rpe-chart (5 @ 8 = 0.811, 5 @ 7 = 0.786, 5 @ 9 = 0.837, 5 @ 9.5 = 0.850,
12 @ 10 = 0.680) and docs/evidence/doses.md#rpe-load-adjustment. Target 3 × 5 @ 8; loads on a 20 kg
bar with 1.25 kg plates (2.5 kg grid)."""

from __future__ import annotations

import pytest
from tests.domain.train.progression.histories import hist, sess

from legday.domain.train.progression import RuleParams, Scheme, SetTarget, StepLoading
from legday.domain.train.progression.rpe_auto import adjust_next_set, e1rm_of, next_rpe

BAR = StepLoading(base_kg=20.0, step_kg=2.5)
P = RuleParams()
S = Scheme(sets=3, reps=5, rpe=8.0)


def top(load: float, reps: int, rpe: float | None) -> list:
    return [sess(0, (load * 0.9, reps, None), (load, reps, rpe))]


def load_of(h) -> float | None:
    return next_rpe(h, P, BAR).sets[0].load_kg


def test_on_target_keeps_the_load() -> None:
    assert load_of(hist(top(100, 5, 8), S)) == 100.0


def test_easier_than_target_raises() -> None:
    # e1RM = 100 / 0.786 = 127.23; × 0.811 = 103.18 → 102.5
    assert e1rm_of(100, 5, 7) == pytest.approx(127.226, abs=0.01)
    p = next_rpe(hist(top(100, 5, 7), S), P, BAR)
    assert p.sets[0].load_kg == 102.5 and len(p.sets) == 3 and p.sets[0].rpe == 8
    assert "e1RM 127.23 kg" in p.why


def test_harder_than_target_lowers() -> None:
    # e1RM = 100 / 0.850 = 117.65; × 0.811 = 95.41 → 95
    assert load_of(hist(top(100, 5, 9.5), S)) == 95.0


def test_missed_reps_at_rpe_10_lowers() -> None:
    # a failure: only 3 reps at RPE 10 → e1RM = 100 / 0.922 = 108.46; × 0.811 = 87.96, below the
    # 10 % floor (90) → 90
    p = next_rpe(hist(top(100, 3, 10), S), P, BAR)
    assert p.sets[0].load_kg == 90.0 and "capped" in p.why
    # a smaller miss stays inside the band: 4 @ 10 → 100 / 0.892 × 0.811 = 90.92 → 90
    assert load_of(hist(top(100, 4, 10), S)) == 90.0
    # 5 @ 10 → 100 / 0.863 × 0.811 = 93.97 → 92.5
    assert load_of(hist(top(100, 5, 10), S)) == 92.5


def test_step_is_capped_at_ten_percent() -> None:
    # 12 @ 10 → e1RM = 100 / 0.680 = 147.06; × 0.811 = 119.3, capped at 110
    p = next_rpe(hist(top(100, 12, 10), S), P, BAR)
    assert p.sets[0].load_kg == 110.0 and "capped at 10 %" in p.why


def test_off_chart_rpe_uses_epley_with_rir() -> None:
    # RPE 6: reps to failure 5 + 4 = 9; Epley 100 × (1 + 9/30) = 130; × 0.811 = 105.43 → 105
    assert e1rm_of(100, 5, 6) == pytest.approx(130.0)
    assert load_of(hist(top(100, 5, 6), S)) == 105.0


def test_falling_e1rm_three_exposures_is_a_stall() -> None:
    # 5 @ 7 → 127.23, 5 @ 8 → 123.30, 5 @ 9 → 119.47: falling three times in a row
    h = hist([sess(0, (100, 5, 7)), sess(3, (100, 5, 8)), sess(5, (100, 5, 9))], S)
    p = next_rpe(h, P, BAR)
    assert p.deload and p.stalled
    assert p.sets[0].load_kg == 90.0 and p.sets[0].rpe == 7.0  # 100 × 0.9; RPE ≤ 7


def test_one_bad_day_is_not_a_stall() -> None:
    h = hist([sess(0, (100, 5, 8)), sess(3, (100, 5, 9))], S)
    p = next_rpe(h, P, BAR)
    assert not p.deload  # 100 / 0.837 × 0.811 = 96.9 → 95
    assert p.sets[0].load_kg == 95.0


def test_without_rpe_the_load_repeats() -> None:
    p = next_rpe(hist(top(100, 5, None), S), P, BAR)
    assert p.sets[0].load_kg == 100.0 and "no RPE was logged" in p.why


def test_return_after_a_break() -> None:
    p = next_rpe(hist(top(100, 5, 8), S, today=15), P, BAR)
    assert p.sets[0].load_kg == 90.0 and "15 days away" in p.why


def test_in_session_adjustment() -> None:
    nxt = SetTarget(load_kg=100.0, reps=5, rpe=8.0)
    # 1.5 over: cut 2.5 % × 1.5 = 3.75 % → 96.25 → 95
    harder, why = adjust_next_set(nxt, 9.5, 8.0, P, BAR, 2.5)
    assert harder.load_kg == 95.0 and why is not None
    easier, _ = adjust_next_set(nxt, 6.5, 8.0, P, BAR, 2.5)
    assert easier.load_kg == 102.5
    same, none = adjust_next_set(nxt, 8.5, 8.0, P, BAR, 2.5)
    assert same.load_kg == 100.0 and none is None
