"""ISO weeks: the one place legday turns days into weeks, week indexes and ``YYYY-Www`` labels.

docs/evidence/load-monitoring.md#speed: group by an integer week index
``(days_since_epoch + 3) // 7`` and compute ISO labels on the outputs only. 1970-01-01 was a
Thursday, so adding 3 makes every index start on a Monday, which is exactly the ISO week (ISO
8601: weeks run Monday–Sunday and are labelled by the ISO year that owns their Thursday —
``%G-W%V``, never calendar year + ``%V`` and never ``%W``;
docs/evidence/load-monitoring.md#calculation-traps trap 4)."""

from __future__ import annotations

from datetime import date, timedelta

from legday.domain.errors import InvalidInput

EPOCH = date(1970, 1, 1)
EPOCH_SHIFT = 3  # 1970-01-01 is a Thursday: +3 days puts the week boundary on Monday


def day_number(d: date) -> int:
    """Days since 1970-01-01."""
    return (d - EPOCH).days


def from_day_number(n: int) -> date:
    return EPOCH + timedelta(days=int(n))


def week_index(day_num: int) -> int:
    """The Monday-based week containing day ``day_num`` (days since the epoch)."""
    return (day_num + EPOCH_SHIFT) // 7


def week_monday(week: int) -> date:
    """The Monday that starts week index ``week``."""
    return from_day_number(week * 7 - EPOCH_SHIFT)


def week_label(week: int) -> str:
    """``YYYY-Www`` of a week index (ISO year and ISO week, ``%G-W%V``)."""
    iso = week_monday(week).isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def label_of(d: date) -> str:
    """``YYYY-Www`` of a date."""
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def monday_of(d: date) -> date:
    """The Monday that starts the ISO week of ``d``."""
    return d - timedelta(days=d.weekday())


def next_monday(d: date) -> date:
    """The first Monday after ``d`` (a week later when ``d`` is a Monday)."""
    return monday_of(d) + timedelta(days=7)


def monday_of_label(label: str) -> date:
    """The Monday that starts ISO week ``label`` (``YYYY-Www``)."""
    try:
        year_text, week_text = label.split("-W")
        return date.fromisocalendar(int(year_text), int(week_text), 1)
    except ValueError:
        raise InvalidInput(f"week {label!r} is not an ISO week", "expected YYYY-Www") from None


def week_span(first: str, last: str) -> list[str]:
    """Every ISO week label from ``first`` to ``last`` inclusive (weeks without training stay
    visible in a chart)."""
    day, end = monday_of_label(first), monday_of_label(last)
    out: list[str] = []
    while day <= end:
        out.append(label_of(day))
        day += timedelta(days=7)
    return out
