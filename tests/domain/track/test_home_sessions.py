"""Home sessions judged by hand-worked examples: the pain rule (above 5/10 during, or not settled
by the next morning [THOMEE97]) and the weekly adherence with a mean pain that rises."""

from __future__ import annotations

from datetime import date

import pytest

from legday.domain.track.home_sessions import HomeDay, check, weeks


def test_the_pain_rule_flags_above_five_and_not_settled() -> None:
    assert HomeDay(date(2026, 11, 30), "done", 5, True).flags == []  # 5 is still acceptable
    assert HomeDay(date(2026, 11, 30), "done", 6, True).flags == ["pain-above-limit"]
    assert HomeDay(date(2026, 11, 30), "partly", 2, False).flags == ["not-settled"]
    assert HomeDay(date(2026, 11, 30), "not", None, None).flags == []


def test_weeks_count_adherence_and_see_pain_rising() -> None:
    # ISO week 2026-W48 is Mon 23 Nov – Sun 29 Nov; W49 starts Mon 30 Nov
    days = [
        HomeDay(date(2026, 11, 30), "done", 4, True),  # W49
        HomeDay(date(2026, 11, 23), "done", 2, True),  # W48
        HomeDay(date(2026, 11, 25), "partly", 4, True),  # W48: mean (2 + 4) / 2 = 3
        HomeDay(date(2026, 11, 27), "not", None, None),  # W48: not rated, not in the mean
        HomeDay(date(2026, 12, 2), "not", None, None),  # W49: mean 4 > 3, rising
    ]
    got = [w.as_json() for w in weeks(days)]
    assert got == [
        {"week": "2026-W48", "done": 1, "partly": 1, "not": 1, "mean_pain": 3.0,
         "pain_rising": False},
        {"week": "2026-W49", "done": 1, "partly": 0, "not": 1, "mean_pain": 4.0,
         "pain_rising": True},
    ]  # fmt: skip


def test_values_outside_the_scales_are_refused() -> None:
    assert check("partly", 0) == ("partly", 0)
    with pytest.raises(ValueError, match="adherence"):
        check("mostly", 3)
    with pytest.raises(ValueError, match="outside 0–10"):
        check("done", 11)
