"""ISO weeks (legday.domain.weeks): worked against the ISO 8601 calendar by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from legday.domain.errors import InvalidInput
from legday.domain.weeks import (
    day_number,
    label_of,
    monday_of,
    monday_of_label,
    next_monday,
    week_index,
    week_label,
    week_monday,
    week_span,
)


def test_every_day_of_a_week_has_the_same_monday_and_label() -> None:
    # 2020-12-28 (Mon) … 2021-01-03 (Sun) is ISO week 2020-W53: its Thursday is in 2020.
    days = [date(2020, 12, 28) + timedelta(days=i) for i in range(7)]
    assert {monday_of(d) for d in days} == {date(2020, 12, 28)}
    assert {label_of(d) for d in days} == {"2020-W53"}
    assert {week_label(week_index(day_number(d))) for d in days} == {"2020-W53"}
    assert {week_monday(week_index(day_number(d))) for d in days} == {date(2020, 12, 28)}
    assert label_of(date(2021, 1, 4)) == "2021-W01"


def test_next_monday_is_always_after_the_day() -> None:
    assert next_monday(date(2026, 11, 30)) == date(2026, 12, 7)  # a Monday: a week later
    assert next_monday(date(2026, 12, 6)) == date(2026, 12, 7)  # a Sunday: the next day
    assert next_monday(date(2026, 12, 2)) == date(2026, 12, 7)


def test_labels_read_back_and_span_the_year_end() -> None:
    assert monday_of_label("2020-W53") == date(2020, 12, 28)
    assert monday_of_label("2026-W01") == date(2025, 12, 29)  # 2026-01-01 is a Thursday
    assert week_span("2020-W52", "2021-W02") == ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]
    assert week_span("2021-W02", "2021-W01") == []
    for bad in ("2021-05", "2021-W54", "week 3"):
        with pytest.raises(InvalidInput, match="not an ISO week"):
            monday_of_label(bad)
