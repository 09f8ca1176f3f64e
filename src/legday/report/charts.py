"""The report's figures as Vega-Lite specs (plain dicts), built from :class:`ReportData`.

Specs embed their data (``data.values``), so each is self-contained: the renderer turns it into
SVG/PNG without a network, and tests read the plotted numbers straight from the spec. Masses are
converted from kilograms to the athlete's unit here, the last step before display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from legday.app.reporting import ReportData
from legday.domain.catalog.model import LOWER_PATTERNS, PATTERNS
from legday.domain.units import Unit, from_kg
from legday.report.captions import caption
from legday.report.weeks import week_label, week_monday, week_span

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WIDTH = 600  # plus axis titles and legend, fits the 780 px page and A4
E1RM_SHOWN = 6  # lines beyond ~6 colours stop being readable
# Gabbett 2016 (programming.md §8): "sweet spot" 0.8–1.3, "danger zone" above 1.5.
ACWR_LOW, ACWR_HIGH, ACWR_DANGER = 0.8, 1.3, 1.5
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
REGION_ORDER = ("lower", "upper", "core", "full", "unknown")


@dataclass(frozen=True)
class Chart:
    name: str  # file stem under charts/ and the figure's id in the HTML
    title: str
    caption: str
    spec: dict[str, Any]

    @property
    def values(self) -> list[dict[str, Any]]:
        """The plotted rows (the first data set in the spec)."""
        return list(self.spec.get("data", {}).get("values", []))


def _spec(title: str, values: list[dict[str, Any]], **body: Any) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": WIDTH,
        "height": body.pop("height", 220),
        "background": "white",
        "data": {"values": values},
        **body,
    }


def _empty(title: str, message: str) -> dict[str, Any]:
    """A figure that says why it has nothing to plot (a blank box would look like a bug)."""
    return _spec(
        title,
        [{"message": message}],
        height=60,
        mark={"type": "text", "fontSize": 14, "color": "#555"},
        encoding={"text": {"field": "message"}},
    )


def _unit(data: ReportData) -> Unit:
    return "lb" if data.unit == "lb" else "kg"


def _weeks(data: ReportData) -> list[dict[str, Any]]:
    return [w for w in data.analysis.get("weeks", []) if w.get("week")]


def _week_axis(labels: list[str]) -> dict[str, Any]:
    return {
        "field": "week",
        "type": "ordinal",
        "title": "ISO week",
        "scale": {"domain": labels},
        "axis": {"labelOverlap": "greedy", "labelAngle": -45},
    }


def _span(weeks: list[dict[str, Any]]) -> list[str]:
    labels = sorted(w["week"] for w in weeks)
    return week_span(labels[0], labels[-1]) if labels else []


def volume_by_region(data: ReportData) -> Chart:
    unit = _unit(data)
    weeks = _weeks(data)
    title = f"Weekly volume by region ({unit})"
    values = [
        {"week": w["week"], "region": region, "tonnage": round(from_kg(kg, unit), 1)}
        for w in weeks
        for region, kg in sorted((w.get("tonnage_by_region") or {}).items())
        if kg
    ]
    text = caption("volume-by-region", data.analysis, unit=unit)
    if not values:
        return Chart("volume-by-region", title, text, _empty(title, "No loaded working sets."))
    regions = sorted({v["region"] for v in values}, key=_region_rank)
    spec = _spec(
        title,
        values,
        mark={"type": "bar"},
        encoding={
            "x": _week_axis(_span(weeks)),
            "y": {"field": "tonnage", "type": "quantitative", "title": f"tonnage ({unit})"},
            "color": {"field": "region", "type": "nominal", "scale": {"domain": regions}},
            "order": {"field": "region"},
            "tooltip": [{"field": "week"}, {"field": "region"}, {"field": "tonnage"}],
        },
    )
    return Chart("volume-by-region", title, text, spec)


def _region_rank(region: str) -> int:
    return REGION_ORDER.index(region) if region in REGION_ORDER else len(REGION_ORDER)


def _pattern_rank(pattern: str) -> int:
    return PATTERNS.index(pattern) if pattern in PATTERNS else len(PATTERNS)


def volume_by_pattern(data: ReportData) -> Chart:
    weeks = _weeks(data)
    title = "Weekly hard sets by movement pattern"
    values = [
        {"week": w["week"], "pattern": p, "sets": round(float(n), 2)}
        for w in weeks
        for p, n in sorted((w.get("sets_by_pattern") or {}).items())
        if n
    ]
    text = caption("volume-by-pattern", data.analysis)
    if not values:
        return Chart("volume-by-pattern", title, text, _empty(title, "No working sets."))
    patterns = sorted({v["pattern"] for v in values}, key=_pattern_rank)
    spec = _spec(
        title,
        values,
        height=max(120, 16 * len(patterns)),
        mark={"type": "rect"},
        encoding={
            "x": _week_axis(_span(weeks)),
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
    return Chart("volume-by-pattern", title, text, spec)


def neglect_share(data: ReportData) -> Chart:
    weeks = _weeks(data)
    neglect = data.analysis.get("neglect") or {}
    title = "Leg-neglect audit: lower-body share of working sets"
    values = [
        {"week": w["week"], "share": round(float(w["lower_set_share"]), 4)}
        for w in weeks
        if w.get("lower_set_share") is not None
    ]
    text = caption("neglect-share", data.analysis)
    if not values:
        return Chart("neglect-share", title, text, _empty(title, "No working sets."))
    layers: list[dict[str, Any]] = [
        {
            # Weeks without legs have a zero-height bar: shade their whole column instead.
            "transform": [{"filter": "datum.share == 0"}],
            "mark": {"type": "bar", "color": "#c0392b", "opacity": 0.18},
            "encoding": {"x": _week_axis(_span(weeks)), "y": {"datum": 1}},
        },
        {
            "mark": {"type": "bar"},
            "encoding": {
                "x": _week_axis(_span(weeks)),
                "y": {
                    "field": "share",
                    "type": "quantitative",
                    "title": "lower-body share",
                    "axis": {"format": "%"},
                    "scale": {"domain": [0, 1]},
                },
                "color": {
                    "condition": {"test": "datum.share == 0", "value": "#c0392b"},
                    "value": "#2e86c1",
                },
                "tooltip": [{"field": "week"}, {"field": "share", "format": ".0%"}],
            },
        },
    ]
    for key, label, colour, dash in (
        ("target_share", "target", "#1e8449", [6, 4]),
        ("lower_set_share", "overall", "#7d3c98", [2, 2]),
    ):
        level = neglect.get(key)
        if isinstance(level, int | float):
            layers.append(_hline(float(level), f"{label} {level:.0%}", colour, dash))
    spec = _spec(title, values, layer=layers)
    return Chart("neglect-share", title, text, spec)


def _hline(y: float, label: str, colour: str, dash: list[int]) -> dict[str, Any]:
    """A labelled horizontal reference line (its own one-row data set)."""
    return {
        "data": {"values": [{"y": y, "label": label}]},
        "layer": [
            {
                "mark": {"type": "rule", "color": colour, "strokeDash": dash, "strokeWidth": 2},
                "encoding": {"y": {"field": "y", "type": "quantitative"}},
            },
            {
                "mark": {"type": "text", "align": "right", "dy": -6, "color": colour, "x": WIDTH},
                "encoding": {
                    "y": {"field": "y", "type": "quantitative"},
                    "text": {"field": "label"},
                },
            },
        ],
    }


def missing_patterns(data: ReportData) -> Chart:
    neglect = data.analysis.get("neglect") or {}
    missing = set(neglect.get("missing_patterns") or [])
    totals: dict[str, float] = dict.fromkeys(LOWER_PATTERNS, 0.0)
    for w in _weeks(data):
        for p, n in (w.get("sets_by_pattern") or {}).items():
            if p in totals:
                totals[p] += float(n)
    values = [
        {"pattern": p, "sets": round(n, 2), "status": _status(p, n, missing)}
        for p, n in totals.items()
    ]
    title = "Lower-body movement patterns trained"
    spec = _spec(
        title,
        values,
        height=18 * len(values),
        layer=[
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "y": {
                        "field": "pattern",
                        "type": "nominal",
                        "sort": list(totals),
                        "title": None,
                    },
                    "x": {"field": "sets", "type": "quantitative", "title": "working sets"},
                    "color": {
                        "field": "status",
                        "type": "nominal",
                        "scale": {
                            "domain": list(PATTERN_STATUS),
                            "range": list(PATTERN_STATUS.values()),
                        },
                    },
                },
            },
            {
                "transform": [{"filter": "datum.status == 'never' || datum.status == 'rarely'"}],
                "mark": {"type": "text", "align": "left", "dx": 4, "color": "#c0392b"},
                "encoding": {
                    "y": {"field": "pattern", "type": "nominal", "sort": list(totals)},
                    "x": {"field": "sets", "type": "quantitative"},
                    "text": {"field": "status"},
                },
            },
        ],
    )
    return Chart("missing-patterns", title, caption("missing-patterns", data.analysis), spec)


# How each lower-body pattern fared; "missing" is the audit's verdict, not a re-computation.
PATTERN_STATUS = {
    "trained": "#2e86c1",
    "rarely": "#e67e22",  # trained, but the audit lists it as missing (too rarely)
    "never": "#c0392b",  # the audit lists it and no set was done
    "not audited": "#aab7b8",
}


def _status(pattern: str, sets: float, missing: set[str]) -> str:
    if pattern in missing:
        return "rarely" if sets > 0 else "never"
    return "trained" if sets > 0 else "not audited"


def e1rm_trends(data: ReportData) -> Chart:
    unit = _unit(data)
    series: dict[str, list[dict[str, Any]]] = data.analysis.get("e1rm") or {}
    ranked = sorted(series, key=lambda ex: (-len(series[ex]), ex))[:E1RM_SHOWN]
    values = [
        {
            "exercise": ex,
            "week": p["week"],
            "monday": week_monday(p["week"]).isoformat(),
            "e1rm": round(from_kg(float(p["e1rm"]), unit), 1),
        }
        for ex in ranked
        for p in series[ex]
        if p.get("e1rm") is not None
    ]
    title = f"Estimated 1RM trends ({unit})"
    text = caption("e1rm-trends", data.analysis, unit=unit, shown=len(ranked))
    if not values:
        return Chart("e1rm-trends", title, text, _empty(title, "No sets of 1–12 reps with a load."))
    spec = _spec(
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
            "color": {"field": "exercise", "type": "nominal", "sort": ranked},
            "tooltip": [{"field": "exercise"}, {"field": "week"}, {"field": "e1rm"}],
        },
    )
    return Chart("e1rm-trends", title, text, spec)


ACWR_SERIES = (
    ("acwr_ewma", "EWMA"),
    ("acwr_rolling", "rolling, coupled"),
    ("acwr_rolling_uncoupled", "rolling, uncoupled"),
)


def acwr(data: ReportData) -> Chart:
    values = [
        {"date": day["date"], "series": label, "acwr": round(float(day[key]), 4)}
        for day in data.analysis.get("load") or []
        for key, label in ACWR_SERIES
        if day.get(key) is not None
    ]
    title = "Acute:chronic workload ratio"
    text = caption("acwr", data.analysis)
    if not values:
        message = "ACWR undefined: no session RPE × duration logged for 28 days in a row."
        return Chart("acwr", title, text, _empty(title, message))
    band = {
        "data": {"values": [{"low": ACWR_LOW, "high": ACWR_HIGH}]},
        "mark": {"type": "rect", "color": "#27ae60", "opacity": 0.15},
        "encoding": {
            "y": {"field": "low", "type": "quantitative"},
            "y2": {"field": "high"},
        },
    }
    lines = {
        "mark": {"type": "line", "strokeWidth": 1.2},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": "day"},
            "y": {"field": "acwr", "type": "quantitative", "title": "ACWR"},
            "color": {
                "field": "series",
                "type": "nominal",
                "scale": {"domain": [label for _, label in ACWR_SERIES]},
            },
            "tooltip": [{"field": "date"}, {"field": "series"}, {"field": "acwr"}],
        },
    }
    danger = _hline(ACWR_DANGER, f"{ACWR_DANGER}", "#c0392b", [6, 4])
    spec = _spec(title, values, layer=[band, lines, danger])
    return Chart("acwr", title, text, spec)


def assessments(data: ReportData) -> Chart:
    values = []
    for a in data.assessments:
        if a.get("value") is None:
            continue
        band = a.get("band") or {}
        label = f"{a['name']} ({a['unit']})" if a.get("unit") else str(a["name"])
        values.append(
            {
                "test": label,
                "date": a["taken_on"],
                "value": float(a["value"]),
                "low": band.get("low"),
                "high": band.get("high"),
                "rating": a.get("rating") or "",
            }
        )
    title = "Assessment results against their norm bands"
    text = caption("assessments", data.analysis)
    sources = sorted({str(a["band"]["source"]) for a in data.assessments if _sourced(a)})
    if sources:
        text += " Norms: " + "; ".join(sources) + "."
    if not values:
        return Chart("assessments", title, text, _empty(title, "No test results in this period."))
    layer = [
        {
            "transform": [{"filter": "isValid(datum.low) && isValid(datum.high)"}],
            "mark": {"type": "rect", "color": "#27ae60", "opacity": 0.12},
            "encoding": {
                "y": {"field": "low", "type": "quantitative", "aggregate": "min"},
                "y2": {"field": "high", "aggregate": "max"},
            },
        },
        {
            "mark": {"type": "line", "point": {"size": 60}, "color": "#2e86c1"},
            "encoding": {
                "x": {"field": "date", "type": "temporal", "title": "date"},
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "title": None,
                    "scale": {"zero": False},
                },
                "tooltip": [
                    {"field": "test"},
                    {"field": "date"},
                    {"field": "value"},
                    {"field": "rating"},
                ],
            },
        },
    ]
    spec = {
        "$schema": SCHEMA,
        "title": title,
        "background": "white",
        "data": {"values": values},
        "facet": {"row": {"field": "test", "type": "nominal", "title": None}},
        "spec": {"width": WIDTH - 120, "height": 110, "layer": layer},
        "resolve": {"scale": {"y": "independent"}},
    }
    return Chart("assessments", title, text, spec)


def _sourced(a: dict[str, Any]) -> bool:
    band = a.get("band")
    return isinstance(band, dict) and bool(band.get("source"))


def adherence(data: ReportData) -> Chart:
    title = "Adherence calendar: days trained"
    text = caption("adherence", data.analysis)
    counts = {d["date"]: int(d["sessions"]) for d in data.training_days}
    if not counts:
        return Chart("adherence", title, text, _empty(title, "No sessions in this period."))
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
                "week": week_label(day),
                "weekday": WEEKDAYS[day.weekday()],
                "sessions": counts.get(iso, 0),
            }
        )
        day += timedelta(days=1)
    labels = week_span(week_label(first), week_label(last))
    spec = _spec(
        title,
        values,
        height=7 * 16,
        mark={"type": "rect", "stroke": "white", "strokeWidth": 0.5},
        encoding={
            "x": {**_week_axis(labels), "axis": {"labelOverlap": "greedy", "labelAngle": -45}},
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
    return Chart("adherence", title, text, spec)


BUILDERS = (
    volume_by_region,
    volume_by_pattern,
    neglect_share,
    missing_patterns,
    e1rm_trends,
    acwr,
    assessments,
    adherence,
)


def build_charts(data: ReportData) -> list[Chart]:
    """Every figure of the report, in reading order."""
    return [build(data) for build in BUILDERS]
