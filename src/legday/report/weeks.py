"""ISO-week labels for charts: ``YYYY-Www`` (ISO year + ISO week, docs/evidence/load-monitoring.md),
never ``%W``."""

from __future__ import annotations

from datetime import date, timedelta

from legday.domain.errors import InvalidInput


def week_label(day: date) -> str:
    """The ISO week a day belongs to, as ``2024-W05`` (ISO year, which may differ from the
    calendar year in the first and last days of a year)."""
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def week_monday(label: str) -> date:
    """The Monday that starts ISO week ``label``."""
    try:
        year_text, week_text = label.split("-W")
        return date.fromisocalendar(int(year_text), int(week_text), 1)
    except ValueError:
        raise InvalidInput(f"week {label!r} is not an ISO week", "expected YYYY-Www") from None


def week_span(first: str, last: str) -> list[str]:
    """Every ISO week from ``first`` to ``last`` inclusive: weeks without training stay visible."""
    start, end = week_monday(first), week_monday(last)
    out: list[str] = []
    day = start
    while day <= end:
        out.append(week_label(day))
        day += timedelta(days=7)
    return out
