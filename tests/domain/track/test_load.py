"""Load monitoring: the fast matrix code agrees with the plain-Python reference to 1e-9, and with
hand-worked cases."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.domain.track import reference as ref
from tests.domain.track.gen import history, session_columns

from legday.domain.track.columns import SessionColumns
from legday.domain.track.load import flags_for, load_metrics
from legday.domain.weeks import day_number, from_day_number


def _same(a: float | None, b: float) -> bool:
    if a is None:
        return math.isnan(b)
    return not math.isnan(b) and abs(a - b) <= 1e-9 * max(1.0, abs(a))


def _check(rows: list[ref.Row]) -> None:
    n_ath = max(r.athlete for r in rows) + 1
    lm = load_metrics(session_columns(rows), n_ath)
    for a, series in ref.daily_loads(rows).items():
        loads = [x for _, x in series]
        coupled, uncoupled = ref.rolling_acwr(loads)
        ewma = ref.ewma_acwr(loads)
        mono = ref.monotony(series)
        c0 = day_number(series[0][0]) - lm.start_day
        assert lm.first[a] == c0 and lm.last[a] == c0 + len(series) - 1
        missing = ref.unrated_days(rows).get(a, set())
        for i, (d, x) in enumerate(series):
            c = c0 + i
            # an unrated session in the 28 days (or the ISO week) hides every ratio (or monotony)
            gap = any(d - timedelta(days=k) in missing for k in range(28))
            week_gap = any(ref.iso(m) == ref.iso(d) for m in missing)
            assert _same(x, lm.load[a, c])
            assert _same(None if gap else coupled[i], lm.acwr_rolling[a, c]), (a, d)
            assert _same(None if gap else uncoupled[i], lm.acwr_uncoupled[a, c])
            assert _same(None if gap else ewma[i], lm.acwr_ewma[a, c]), (a, d)
            assert lm.unrated_28d is not None
            assert lm.unrated_28d[a, c] == sum(
                1 for k in range(28) if d - timedelta(days=k) in missing
            )
            m, s = mono.get(ref.iso(d), (None, None)) if not week_gap else (None, None)
            assert _same(m, lm.monotony[a, c]), (a, d)
            assert _same(s, lm.strain[a, c])
        # Outside the span nothing is reported (no borrowing from the calendar or other athletes).
        assert np.isnan(lm.load[a, :c0]).all() and np.isnan(lm.load[a, c0 + len(series) :]).all()


@pytest.mark.parametrize("seed", range(6))
def test_agrees_with_reference_on_generated_histories(seed: int) -> None:
    _check(history(seed, athletes=4, days=150))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), athletes=st.integers(1, 3), days=st.integers(3, 90))
def test_agrees_with_reference_property(seed: int, athletes: int, days: int) -> None:
    _check(history(seed, athletes=athletes, days=days))


def _one(loads: list[float], start: date = date(2024, 1, 1)) -> SessionColumns:
    days = [day_number(start + timedelta(days=i)) for i in range(len(loads))]
    keep = [i for i, x in enumerate(loads) if x > 0 or i in (0, len(loads) - 1)]
    return SessionColumns(
        athlete=np.zeros(len(keep), dtype=np.int64),
        day=np.array([days[i] for i in keep], dtype=np.int64),
        session=np.arange(len(keep), dtype=np.int64),
        minutes=np.array([loads[i] for i in keep], dtype=np.float64),
        rpe=np.ones(len(keep)),
    )


def test_hand_worked_rolling_ratio() -> None:
    # 28 days: 100 AU every day for 21 days, then 200 AU for the last 7.
    # acute = 200, chronic = (21·100 + 7·200)/28 = 125 → 1.6; uncoupled = 200/100 = 2.0.
    lm = load_metrics(_one([100.0] * 21 + [200.0] * 7), 1)
    last = int(lm.last[0])
    assert lm.acwr_rolling[0, last] == pytest.approx(1.6)
    assert lm.acwr_uncoupled[0, last] == pytest.approx(2.0)
    assert np.isnan(lm.acwr_rolling[0, last - 1])  # day 27: the window is not full yet
    assert flags_for(1.6) == ["acwr_spike"]


def test_ewma_starts_from_the_first_load_not_zero() -> None:
    # Constant load: with y0 = x0 both EWMAs stay at x, so the ratio is exactly 1 from day 28.
    # (Starting from 0 would give (1 - 0.75^28)/(1 - (27/29)^28) ≈ 1.16 —
    # docs/evidence/load-monitoring.md#calculation-traps trap 2.)
    lm = load_metrics(_one([50.0] * 40), 1)
    f = int(lm.first[0])
    assert np.isnan(lm.acwr_ewma[0, f + 26])
    assert lm.acwr_ewma[0, f + 27] == pytest.approx(1.0, abs=1e-12)


def test_monotony_of_a_hand_worked_week() -> None:
    # Monday 2024-01-01 .. Sunday: loads 300, 0, 300, 0, 300, 0, 0 → mean 900/7,
    # sample SD = sqrt(Σ(x−m)²/6); strain = 900 × monotony.
    xs = [300.0, 0, 300.0, 0, 300.0, 0, 1e-9]
    lm = load_metrics(_one(xs), 1)
    m = sum(xs) / 7
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / 6)
    assert lm.monotony[0, 0] == pytest.approx(m / sd)
    assert lm.strain[0, 3] == pytest.approx(sum(xs) * m / sd)


def test_all_rest_week_gives_undefined_monotony_not_infinity() -> None:
    xs = [100.0] + [0.0] * 13 + [100.0]  # Mon 1 Jan … Mon 15 Jan 2024; week 2 is all rest
    lm = load_metrics(_one(xs), 1)
    assert np.isnan(lm.monotony[0, 7:14]).all()
    assert not np.isinf(lm.monotony).any()
    assert from_day_number(lm.start_day) == date(2024, 1, 1)


def test_flags() -> None:
    assert flags_for(None) == []
    assert flags_for(0.79) == ["acwr_low"]
    assert flags_for(0.8) == []
    assert flags_for(1.3) == []
    assert flags_for(1.31) == ["acwr_high"]
    assert flags_for(1.5) == ["acwr_high"]
    assert flags_for(1.51, "ewma") == ["ewma_spike"]
