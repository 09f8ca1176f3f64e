"""Figures of the leg-neglect audit: lower-body share per week, the audited movement patterns, and
the lower-body muscles' weekly sets against their evidence-based targets."""

from __future__ import annotations

from typing import Any

from legday.app.reporting import ReportData
from legday.domain.track.neglect import AUDIT_PATTERNS, RARE_SHARE
from legday.domain.track.targets import TARGETS
from legday.report.captions import caption
from legday.report.chartkit import (
    SCHEMA,
    WIDTH,
    Chart,
    empty,
    hline,
    span_of,
    spec,
    week_axis,
    weeks_of,
)

# How each audited pattern fared. The status is the audit's verdict (never / rarely trained), read
# from the analysis, not re-computed here.
PATTERN_STATUS = {"trained": "#2e86c1", "rarely": "#e67e22", "never": "#c0392b"}


def neglect_share(data: ReportData) -> Chart:
    weeks = weeks_of(data)
    neglect = data.analysis.neglect
    title = "Leg-neglect audit: lower-body share of working sets"
    values = [
        {"week": w["week"], "share": round(float(w["lower_set_share"]), 4)}
        for w in weeks
        if w.get("lower_set_share") is not None
    ]
    text = caption("neglect-share", data.analysis)
    if not values:
        return Chart("neglect-share", title, text, empty(title, "No working sets."))
    axis = week_axis(span_of(weeks))
    layers: list[dict[str, Any]] = [
        {
            # Weeks without legs have a zero-height bar: shade their whole column instead.
            "transform": [{"filter": "datum.share == 0"}],
            "mark": {"type": "bar", "color": "#c0392b", "opacity": 0.18},
            "encoding": {"x": axis, "y": {"datum": 1}},
        },
        {
            "mark": {"type": "bar"},
            "encoding": {
                "x": axis,
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
            layers.append(hline(float(level), f"{label} {level:.0%}", colour, dash))
    return Chart("neglect-share", title, text, spec(title, values, layer=layers))


def _pattern_status(name: str, sets: float, neglect: dict[str, Any]) -> str:
    never = neglect.get("never_trained_patterns")
    rare = neglect.get("rarely_trained_patterns")
    if never is None and rare is None:  # only the combined list: split it by the sets done
        missing = set(neglect.get("missing_patterns") or [])
        if name in missing:
            return "rarely" if sets > 0 else "never"
        return "trained" if sets > 0 else "never"  # no audit at all (nothing logged)
    if name in (never or []):
        return "never"
    if name in (rare or []):
        return "rarely"
    return "trained"


def missing_patterns(data: ReportData) -> Chart:
    neglect = data.analysis.neglect
    totals: dict[str, float] = dict.fromkeys(AUDIT_PATTERNS, 0.0)
    for w in weeks_of(data):
        for pattern, n in (w.get("sets_by_pattern") or {}).items():
            for name, members in AUDIT_PATTERNS.items():
                if pattern in members:
                    totals[name] += float(n)
    values = [
        {"pattern": p, "sets": round(n, 2), "status": _pattern_status(p, n, neglect)}
        for p, n in totals.items()
    ]
    order = list(totals)
    title = "Lower-body movement patterns trained"
    body = spec(
        title,
        values,
        height=20 * len(values),
        layer=[
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "y": {"field": "pattern", "type": "nominal", "sort": order, "title": None},
                    "x": {"field": "sets", "type": "quantitative", "title": "working sets"},
                    "color": {
                        "field": "status",
                        "type": "nominal",
                        "scale": {
                            "domain": list(PATTERN_STATUS),
                            "range": list(PATTERN_STATUS.values()),
                        },
                    },
                    "tooltip": [{"field": "pattern"}, {"field": "sets"}, {"field": "status"}],
                },
            },
            {
                "transform": [{"filter": "datum.status != 'trained'"}],
                "mark": {"type": "text", "align": "left", "dx": 4, "color": "#c0392b"},
                "encoding": {
                    "y": {"field": "pattern", "type": "nominal", "sort": order},
                    "x": {"field": "sets", "type": "quantitative"},
                    "text": {"field": "status"},
                },
            },
        ],
    )
    text = caption("missing-patterns", data.analysis, rare=RARE_SHARE)
    return Chart("missing-patterns", title, text, body)


def muscle_targets(data: ReportData) -> Chart:
    """Weekly hard sets of each lower-body muscle group against its maintenance volume and the
    ≥ 10-set growth line (targets and sources: legday.domain.track.targets)."""
    weeks = weeks_of(data)
    values = []
    for w in weeks:
        by_muscle = w.get("sets_by_muscle") or {}
        for t in TARGETS:
            # A group's weekly sets = the largest of its muscles (as the audit counts them).
            sets = max(float(by_muscle.get(m, 0.0)) for m in t.muscles)
            row = {"week": w["week"], "muscle": t.group, "sets": round(sets, 2)}
            values.append({**row, "mv": t.mv, "growth": t.growth})
    title = "Lower-body muscles: weekly hard sets against their targets"
    text = caption("muscle-targets", data.analysis)
    if not values:
        return Chart("muscle-targets", title, text, empty(title, "No working sets."))
    axis = week_axis(span_of(weeks))
    top = max(max(v["sets"] for v in values), max(t.growth for t in TARGETS)) * 1.1
    layer = [
        {
            "mark": {"type": "bar", "color": "#2e86c1"},
            "encoding": {
                "x": axis,
                "y": {
                    "field": "sets",
                    "type": "quantitative",
                    "title": "hard sets",
                    # Bars and both target lines in view (a facet's layers share this scale).
                    "scale": {"domain": [0, top]},
                },
                "tooltip": [{"field": "week"}, {"field": "muscle"}, {"field": "sets"}],
            },
        },
        {
            "mark": {"type": "rule", "color": "#e67e22", "strokeDash": [4, 3], "strokeWidth": 2},
            "encoding": {"y": {"field": "mv", "type": "quantitative", "aggregate": "max"}},
        },
        {
            "mark": {"type": "rule", "color": "#1e8449", "strokeDash": [6, 4], "strokeWidth": 2},
            "encoding": {"y": {"field": "growth", "type": "quantitative", "aggregate": "max"}},
        },
    ]
    body = {
        "$schema": SCHEMA,
        "title": title,
        "background": "white",
        "data": {"values": values},
        "facet": {
            "row": {
                "field": "muscle",
                "type": "nominal",
                "title": None,
                "sort": [t.group for t in TARGETS],
            }
        },
        "spec": {"width": WIDTH - 60, "height": 90, "layer": layer},
    }
    return Chart("muscle-targets", title, text, body)
