"""The readiness check-in: McLean 2010 total and the z-score against the athlete's own baseline,
checked against z-scores worked by hand."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from legday.domain.assess import registry
from legday.domain.assess.scoring import score
from legday.domain.assess.wellness import (
    BASELINE_DAYS,
    FLAG_Z,
    MIN_BASELINE,
    CheckIn,
    status,
    statuses,
)
from legday.domain.errors import InvalidInput

DAY = date(2026, 3, 20)


def ci(day: date, fatigue: int, sleep: int, soreness: int, stress: int, mood: int) -> CheckIn:
    items = {"fatigue": fatigue, "sleep": sleep, "soreness": soreness, "stress": stress,
             "mood": mood}  # fmt: skip
    return CheckIn(day, items)


# Seven earlier days. Totals 18, 19, 17, 18, 20, 16, 18: mean 126/7 = 18, squared deviations
# 0+1+1+0+4+4+0 = 10, sample variance 10/6, SD √(5/3) = 1.2910.
# Fatigue 3, 4, 2, 3, 4, 2, 3: mean 3, squares 4, variance 4/6, SD 0.8165.
# Sleep 3, 3, 3, 3, 4, 2, 3: mean 3, squares 2, variance 2/6, SD 0.5774.
# Soreness, stress and mood 4 every day: no spread.
ROWS = [(3, 3), (4, 3), (2, 3), (3, 3), (4, 4), (2, 2), (3, 3)]
BASE = [ci(DAY - timedelta(days=7 - i), f, s, 4, 4, 4) for i, (f, s) in enumerate(ROWS)]


def test_the_score_is_the_sum_of_the_five_items_higher_better() -> None:
    s = score("readiness", {"fatigue": 4, "sleep": 3, "soreness": 4, "stress": 5, "mood": 2})
    assert s.value == 18
    assert s.unit == "points"
    assert s.derived["items"] == {"fatigue": 4, "sleep": 3, "soreness": 4, "stress": 5, "mood": 2}
    assert s.derived["range"] == [5, 25]
    assert s.rating is None and s.flags == []  # the flag needs the athlete's own history
    assert registry.get("readiness").better == "higher"
    assert registry.get("readiness").daily
    assert any("McLean" in c and "2010" in c for c in s.sources)


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"fatigue": 0, "sleep": 3, "soreness": 3, "stress": 3, "mood": 3}, "impossible"),
        ({"fatigue": 6, "sleep": 3, "soreness": 3, "stress": 3, "mood": 3}, "impossible"),
        ({"fatigue": 3.5, "sleep": 3, "soreness": 3, "stress": 3, "mood": 3}, "whole number"),
        ({"fatigue": 3, "sleep": 3, "soreness": 3, "stress": 3}, "needs mood"),
    ],
)
def test_answers_outside_one_to_five_or_missing_are_refused(
    values: dict[str, float], problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        score("readiness", values)


def test_a_small_drop_is_within_the_usual() -> None:
    st = status(ci(DAY, 2, 3, 4, 4, 4), BASE)  # total 17
    assert st.baseline_n == 7 and not st.building
    assert st.total_z is not None
    assert st.total_z.mean == pytest.approx(18)
    assert st.total_z.sd == pytest.approx(math.sqrt(5 / 3))
    assert st.total_z.z == pytest.approx(-1 / 1.2909944, abs=1e-6)  # −0.7746
    assert not st.flagged
    # fatigue alone is one SD worse: listed, but it does not raise the flag
    assert st.item_z["fatigue"].z == pytest.approx(-1 / 0.8164966, abs=1e-6)  # −1.2247
    assert st.worse_items == ["fatigue"]
    assert st.item_z["sleep"].z == pytest.approx(0)
    assert st.item_z["soreness"].z is None and not st.item_z["soreness"].below_usual


def test_a_clear_drop_is_flagged_with_the_items_that_explain_it() -> None:
    st = status(ci(DAY, 2, 2, 3, 4, 4), BASE)  # total 15
    assert st.total_z is not None
    assert st.total_z.z == pytest.approx(-3 / 1.2909944, abs=1e-6)  # −2.3238
    assert st.flagged
    assert st.item_z["sleep"].z == pytest.approx(-1 / 0.5773503, abs=1e-6)  # −1.7321
    # soreness was 4 every day: no SD, but 3 is still below the usual
    assert st.item_z["soreness"].z is None and st.item_z["soreness"].below_usual
    assert st.worse_items == ["fatigue", "sleep", "soreness"]
    doc = st.as_json()
    assert doc["flagged"] and doc["total_z"]["z"] == -2.32 and doc["total_z"]["sd"] == 1.29


def test_exactly_one_sd_below_is_flagged() -> None:
    # Totals 19 and 21 four times each and one 20: mean 20, squared deviations 8, n − 1 = 8,
    # so the SD is exactly 1 and a total of 19 is z = −1.
    answers = {19: (3, 4, 4, 4, 4), 21: (4, 4, 4, 4, 5), 20: (4, 4, 4, 4, 4)}
    totals = [19, 21] * 4 + [20]
    base = [ci(DAY - timedelta(days=9 - i), *answers[t]) for i, t in enumerate(totals)]
    assert FLAG_Z == -1.0
    on_line = status(ci(DAY, 3, 4, 4, 4, 4), base)
    assert on_line.total_z is not None
    assert on_line.total_z.sd == pytest.approx(1.0) and on_line.total_z.z == pytest.approx(-1.0)
    assert on_line.flagged
    assert not status(ci(DAY, 4, 4, 4, 4, 4), base).flagged  # total 20: z = 0


def test_no_flag_while_the_baseline_is_built() -> None:
    st = status(ci(DAY, 1, 1, 1, 1, 1), BASE[1:])  # six earlier check-ins, the worst answers
    assert st.building and st.baseline_n == MIN_BASELINE - 1 == 6
    assert st.total_z is None and not st.flagged and st.worse_items == []
    assert st.as_json()["building_baseline"] is True


def test_the_window_is_the_previous_28_days_without_today() -> None:
    assert BASELINE_DAYS == 28
    edge = [ci(DAY - timedelta(days=BASELINE_DAYS), 1, 1, 1, 1, 1)]  # exactly 28 days back: in
    old = [ci(DAY - timedelta(days=BASELINE_DAYS + 1), 1, 1, 1, 1, 1)]  # 29 days back: out
    same_day = [ci(DAY, 5, 5, 5, 5, 5)]
    assert status(ci(DAY, 3, 3, 3, 3, 3), BASE + edge).baseline_n == 8
    assert status(ci(DAY, 3, 3, 3, 3, 3), BASE + old).baseline_n == 7
    assert status(ci(DAY, 3, 3, 3, 3, 3), BASE + same_day).baseline_n == 7
    later = [ci(DAY + timedelta(days=1), 1, 1, 1, 1, 1)]
    assert status(ci(DAY, 3, 3, 3, 3, 3), BASE + later).baseline_n == 7


def test_statuses_judge_each_day_against_the_ones_before_it_in_any_input_order() -> None:
    today = ci(DAY, 2, 2, 3, 4, 4)
    got = statuses([today, *reversed(BASE)])
    assert [s.day for s in got] == [c.day for c in BASE] + [DAY]
    assert [s.baseline_n for s in got] == [0, 1, 2, 3, 4, 5, 6, 7]
    assert [s.flagged for s in got] == [False] * 7 + [True]
