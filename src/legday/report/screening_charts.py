"""Screening tests over time — Nordic force per limb, hop-test symmetry, Y-Balance — one panel
per test and unit, each with the threshold where its flag starts drawn as a dashed red line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legday.app.analysis_results import Analysis

from legday.app.reporting import ReportData
from legday.report.captions import caption
from legday.report.chartkit import Chart, empty, facet_rows


def screening_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per plotted figure: panel (test and unit), date, series, value, threshold and
    whether the result is on the flagged side of it."""
    rows: list[dict[str, Any]] = []
    for test in analysis.screening.tests:
        for entry in test.entries:
            for p in entry.series:
                if p.value is None:
                    continue
                cut = p.threshold
                flagged = cut is not None and (p.value < cut if p.flag_below else p.value > cut)
                rows.append(
                    {
                        "panel": f"{test.name} ({p.unit})",
                        "date": entry.date,
                        "series": p.series,
                        "value": p.value,
                        "threshold": cut,
                        "flagged": flagged,
                    }
                )
    return rows


def screening(data: ReportData) -> Chart:
    title = "Screening tests against their thresholds"
    values = screening_rows(data.analysis)
    text = caption("screening", data.analysis)
    findings = [f.as_json() for f in data.analysis.screening.findings]
    if findings:
        text += (
            " Open findings: "
            + "; ".join(
                f"{f['kind']} ({f['test_id']}{', ' + f['side'] if f.get('side') else ''})"
                for f in findings
            )
            + "."
        )
    if not values:
        message = "No Nordic, hop or Y-Balance results in this period."
        return Chart("screening", title, text, empty(title, message))
    layer: list[dict[str, Any]] = [
        {
            "transform": [{"filter": "isValid(datum.threshold)"}],
            "mark": {"type": "rule", "color": "#c0392b", "strokeDash": [6, 4], "strokeWidth": 2},
            "encoding": {"y": {"field": "threshold", "type": "quantitative", "aggregate": "max"}},
        },
        {
            "mark": {"type": "line", "point": {"size": 60}},
            "encoding": {
                "x": {"field": "date", "type": "temporal", "title": "date"},
                "y": {"field": "value", "type": "quantitative", "title": None,
                      "scale": {"zero": False}},
                "color": {"field": "series", "type": "nominal", "title": None},
                "tooltip": [{"field": "panel"}, {"field": "date"}, {"field": "series"},
                            {"field": "value"}, {"field": "threshold"}, {"field": "flagged"}],
            },
        },
    ]  # fmt: skip
    body = facet_rows(title, values, "panel", layer)
    return Chart("screening", title, text, body)
