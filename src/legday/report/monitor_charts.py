"""Monitoring figures: the acute:chronic workload ratio with its bands, and assessment results
against the norm bands they were scored with."""

from __future__ import annotations

from typing import Any

from legday.app.reporting import ReportData
from legday.domain.track.load import DANGER, SWEET_HIGH, SWEET_LOW
from legday.domain.units import from_kg
from legday.report.captions import caption
from legday.report.chartkit import Chart, empty, facet_rows, hline, spec, unit_of

ACWR_SERIES = (
    ("acwr_ewma", "EWMA"),
    ("acwr_rolling", "rolling, coupled"),
    ("acwr_rolling_uncoupled", "rolling, uncoupled"),
)


def acwr(data: ReportData) -> Chart:
    values = [
        {"date": day["date"], "series": label, "acwr": round(float(day[key]), 4)}
        for day in data.analysis.load
        for key, label in ACWR_SERIES
        if day.get(key) is not None
    ]
    title = "Acute:chronic workload ratio"
    text = caption("acwr", data.analysis, low=SWEET_LOW, high=SWEET_HIGH, danger=DANGER)
    if not values:
        message = "ACWR undefined: it needs 28 days of session-RPE load (RPE × minutes)."
        return Chart("acwr", title, text, empty(title, message))
    band = {
        "data": {"values": [{"low": SWEET_LOW, "high": SWEET_HIGH}]},
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
    danger = hline(DANGER, f"{DANGER}", "#c0392b", [6, 4])  # Gabbett 2016, via track.load
    return Chart("acwr", title, text, spec(title, values, layer=[band, lines, danger]))


def assessments(data: ReportData) -> Chart:
    values = []
    for a in data.assessments:
        if a.value is None:
            continue
        shown_unit, scale = a.unit, 1.0
        if shown_unit == "kg":  # loads are stored in kg and shown in the athlete's unit
            shown_unit, scale = unit_of(data), from_kg(1.0, unit_of(data))
        label = f"{a.name} ({shown_unit})" if shown_unit else a.name
        values.append(
            {
                "test": label,
                "date": a.taken_on,
                "value": _scaled(a.value, scale),
                "low": _scaled(a.band.low if a.band else None, scale),
                "high": _scaled(a.band.high if a.band else None, scale),
                "rating": a.rating or "",
            }
        )
    title = "Assessment results against their norm bands"
    text = caption("assessments", data.analysis)
    sources = sorted({a.band.source for a in data.assessments if a.band and a.band.source})
    if sources:
        text += " Norms: " + "; ".join(sources) + "."
    if not values:
        return Chart("assessments", title, text, empty(title, "No test results in this period."))
    layer: list[dict[str, Any]] = [
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
    body = facet_rows(title, values, "test", layer)
    return Chart("assessments", title, text, body)


def _scaled(value: Any, scale: float) -> float | None:
    return None if value is None else round(float(value) * scale, 2)
