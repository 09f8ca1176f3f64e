"""Building blocks shared by every figure: the Chart record, spec skeletons, axes, reference lines.

Specs embed their data (``data.values``), so each is self-contained: the renderer turns it into
SVG/PNG without a network, and tests read the plotted numbers straight from the spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legday.app.reporting import ReportData
from legday.domain.units import Unit
from legday.domain.weeks import week_span

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WIDTH = 600  # plus axis titles and legend, fits the 780 px page and A4


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


def spec(title: str, values: list[dict[str, Any]], **body: Any) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": WIDTH,
        "height": body.pop("height", 220),
        "background": "white",
        "data": {"values": values},
        **body,
    }


def empty(title: str, message: str) -> dict[str, Any]:
    """A figure that says why it has nothing to plot (a blank box would look like a bug)."""
    return spec(
        title,
        [{"message": message}],
        height=60,
        mark={"type": "text", "fontSize": 14, "color": "#555"},
        encoding={"text": {"field": "message"}},
    )


def unit_of(data: ReportData) -> Unit:
    return "lb" if data.unit == "lb" else "kg"


def weeks_of(data: ReportData) -> list[dict[str, Any]]:
    return [w for w in data.analysis.weeks if w.get("week")]


def week_axis(labels: list[str]) -> dict[str, Any]:
    """An ordinal ISO-week axis over ``labels`` (every week, so gaps stay visible)."""
    return {
        "field": "week",
        "type": "ordinal",
        "title": "ISO week",
        "scale": {"domain": labels},
        "axis": {"labelOverlap": "greedy", "labelAngle": -45},
    }


def span_of(weeks: list[dict[str, Any]]) -> list[str]:
    labels = sorted(w["week"] for w in weeks)
    return week_span(labels[0], labels[-1]) if labels else []


def hline(y: float, label: str, colour: str, dash: list[int]) -> dict[str, Any]:
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


def facet_rows(
    title: str, values: list[dict[str, Any]], field: str, layer: list[dict[str, Any]]
) -> dict[str, Any]:
    """One small panel per value of ``field``, stacked, each with its own y scale."""
    return {
        "$schema": SCHEMA,
        "title": title,
        "background": "white",
        "data": {"values": values},
        "facet": {"row": {"field": field, "type": "nominal", "title": None}},
        "spec": {"width": WIDTH - 120, "height": 110, "layer": layer},
        "resolve": {"scale": {"y": "independent"}},
    }
