"""The report's figures as Vega-Lite specs (plain dicts), built from :class:`ReportData`, in
reading order. Masses come from the analysis already in the athlete's unit (its keys without
``_kg``). The audit and monitoring figures live in their own modules.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from legday.app.reporting import ReportData
from legday.domain.catalog.model import PATTERNS
from legday.domain.weeks import label_of, monday_of_label, week_span
from legday.report.audit_charts import missing_patterns, muscle_targets, neglect_share
from legday.report.captions import caption
from legday.report.chartkit import Chart, empty, span_of, spec, unit_of, week_axis, weeks_of
from legday.report.monitor_charts import acwr, assessments
from legday.report.screening_charts import screening

__all__ = [
    "BUILDERS",
    "Chart",
    "acwr",
    "adherence",
    "assessments",
    "build_charts",
    "e1rm_trends",
    "missing_patterns",
    "muscle_targets",
    "neglect_share",
    "screening",
    "volume_by_pattern",
    "volume_by_region",
]

E1RM_SHOWN = 6  # lines beyond ~6 colours stop being readable
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
REGION_ORDER = ("lower", "upper", "core", "full", "unknown")


def volume_by_region(data: ReportData) -> Chart:
    unit = unit_of(data)
    weeks = weeks_of(data)
    title = f"Weekly volume by region ({unit})"
    values = [
        # The analysis gives masses without a _kg suffix in the athlete's unit already.
        {"week": w["week"], "region": region, "tonnage": round(float(mass), 1)}
        for w in weeks
        for region, mass in sorted((w.get("tonnage_by_region") or {}).items())
        if mass
    ]
    text = caption("volume-by-region", data.analysis)
    if not values:
        return Chart("volume-by-region", title, text, empty(title, "No loaded working sets."))
    regions = sorted({v["region"] for v in values}, key=_region_rank)
    body = spec(
        title,
        values,
        mark={"type": "bar"},
        encoding={
            "x": week_axis(span_of(weeks)),
            "y": {"field": "tonnage", "type": "quantitative", "title": f"tonnage ({unit})"},
            "color": {"field": "region", "type": "nominal", "scale": {"domain": regions}},
            "order": {"field": "region"},
            "tooltip": [{"field": "week"}, {"field": "region"}, {"field": "tonnage"}],
        },
    )
    return Chart("volume-by-region", title, text, body)


def _region_rank(region: str) -> int:
    return REGION_ORDER.index(region) if region in REGION_ORDER else len(REGION_ORDER)


def _pattern_rank(pattern: str) -> int:
    return PATTERNS.index(pattern) if pattern in PATTERNS else len(PATTERNS)


def volume_by_pattern(data: ReportData) -> Chart:
    weeks = weeks_of(data)
    title = "Weekly hard sets by movement pattern"
    values = [
        {"week": w["week"], "pattern": p, "sets": round(float(n), 2)}
        for w in weeks
        for p, n in sorted((w.get("sets_by_pattern") or {}).items())
        if n
    ]
    text = caption("volume-by-pattern", data.analysis)
    if not values:
        return Chart("volume-by-pattern", title, text, empty(title, "No working sets."))
    patterns = sorted({v["pattern"] for v in values}, key=_pattern_rank)
    body = spec(
        title,
        values,
        height=max(120, 16 * len(patterns)),
        mark={"type": "rect"},
        encoding={
            "x": week_axis(span_of(weeks)),
            "y": {"field": "pattern", "type": "nominal", "sort": patterns, "title": None},
            "color": {
                "field": "sets",
                "type": "quantitative",
                "title": "sets",
                "scale": {"scheme": "blues"},
            },
            "tooltip": [{"field": "week"}, {"field": "pattern"}, {"field": "sets"}],
        },
    )
    return Chart("volume-by-pattern", title, text, body)


def e1rm_trends(data: ReportData) -> Chart:
    unit = unit_of(data)
    series: dict[str, list[dict[str, Any]]] = data.analysis.e1rm
    ranked = sorted(series, key=lambda ex: (-len(series[ex]), ex))[:E1RM_SHOWN]
    names = exercise_names(ranked)
    values = [
        {
            "exercise": ex,
            "name": names[ex],
            "week": p["week"],
            "monday": monday_of_label(p["week"]).isoformat(),
            "e1rm": round(float(p["e1rm"]), 1),  # in the athlete's unit (e1rm_kg beside it)
        }
        for ex in ranked
        for p in series[ex]
        if p.get("e1rm") is not None
    ]
    title = f"Estimated 1RM trends ({unit})"
    text = caption("e1rm-trends", data.analysis, shown=len(ranked))
    if not values:
        return Chart("e1rm-trends", title, text, empty(title, "No sets of 1–10 reps with a load."))
    body = spec(
        title,
        values,
        mark={"type": "line", "point": True},
        encoding={
            "x": {"field": "monday", "type": "temporal", "title": "week"},
            "y": {
                "field": "e1rm",
                "type": "quantitative",
                "title": f"e1RM ({unit})",
                "scale": {"zero": False},
            },
            "color": {
                "field": "name",
                "type": "nominal",
                "title": "exercise",
                "sort": [names[ex] for ex in ranked],
            },
            "tooltip": [{"field": "name"}, {"field": "week"}, {"field": "e1rm"}],
        },
    )
    return Chart("e1rm-trends", title, text, body)


def exercise_names(ids: list[str]) -> dict[str, str]:
    """Catalog names for exercise ids (an id the catalog does not know is shown as it is)."""
    from legday.domain.catalog.registry import load

    catalog = load()
    return {ex: catalog.get(ex).name if ex in catalog else ex for ex in ids}


def adherence(data: ReportData) -> Chart:
    title = "Adherence calendar: days trained"
    text = caption("adherence", data.analysis)
    counts = {d.date: d.sessions for d in data.training_days}
    if not counts:
        return Chart("adherence", title, text, empty(title, "No sessions in this period."))
    first = date.fromisoformat(min(counts))
    last = date.fromisoformat(max(counts))
    if data.date_from is not None:
        first = min(first, data.date_from)
    if data.date_to is not None:
        last = max(last, data.date_to)
    values = []
    day = first
    while day <= last:
        iso = day.isoformat()
        values.append(
            {
                "date": iso,
                "week": label_of(day),
                "weekday": WEEKDAYS[day.weekday()],
                "sessions": counts.get(iso, 0),
            }
        )
        day += timedelta(days=1)
    labels = week_span(label_of(first), label_of(last))
    body = spec(
        title,
        values,
        height=7 * 16,
        mark={"type": "rect", "stroke": "white", "strokeWidth": 0.5},
        encoding={
            "x": {**week_axis(labels), "axis": {"labelOverlap": "greedy", "labelAngle": -45}},
            "y": {"field": "weekday", "type": "ordinal", "sort": list(WEEKDAYS), "title": None},
            "color": {
                "field": "sessions",
                "type": "quantitative",
                "scale": {
                    "domain": [0, max(2, max(counts.values()))],
                    "range": ["#eeeeee", "#1a5276"],
                },
                "title": "sessions",
            },
            "tooltip": [{"field": "date"}, {"field": "sessions"}],
        },
    )
    return Chart("adherence", title, text, body)


BUILDERS = (
    volume_by_region,
    volume_by_pattern,
    neglect_share,
    missing_patterns,
    muscle_targets,
    e1rm_trends,
    acwr,
    assessments,
    screening,
    adherence,
)


def build_charts(data: ReportData) -> list[Chart]:
    """Every figure of the report, in reading order."""
    return [build(data) for build in BUILDERS]
