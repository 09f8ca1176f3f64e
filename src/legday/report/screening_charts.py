"""Screening tests over time — Nordic force per limb, hop-test symmetry, Y-Balance — one panel
per test and unit, each with the threshold where its flag starts drawn as a dashed red line."""

from __future__ import annotations

from typing import Any

from legday.app.reporting import ReportData
from legday.report.captions import caption
from legday.report.chartkit import Chart, empty, facet_rows


def screening_rows(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per plotted figure: panel (test and unit), date, series, value, threshold and
    whether the result is on the flagged side of it."""
    rows: list[dict[str, Any]] = []
    for test in (analysis.get("screening") or {}).get("tests") or []:
        for entry in test.get("entries") or []:
            for p in entry.get("series") or []:
                if p.get("value") is None:
                    continue
                cut = p.get("threshold")
                flagged = cut is not None and (
                    p["value"] < cut if p.get("flag_below") else p["value"] > cut
                )
                rows.append(
                    {
                        "panel": f"{test['name']} ({p['unit']})",
                        "date": entry["date"],
                        "series": p["series"],
                        "value": p["value"],
                        "threshold": cut,
                        "flagged": flagged,
                    }
                )
    return rows


def screening(data: ReportData) -> Chart:
    title = "Screening tests against their thresholds"
    values = screening_rows(data.analysis)
    text = caption("screening", data.analysis)
    findings = (data.analysis.get("screening") or {}).get("findings") or []
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
