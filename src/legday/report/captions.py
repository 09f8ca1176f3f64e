"""The caption under every figure: what the figure shows (written here), then the definitions and
sources of its numbers, taken from the analysis document (``analysis.definitions``, written
once where the numbers are computed: legday.domain.track.summary) — never re-typed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legday.app.analysis_results import Analysis

# chart → (what the figure shows and how to read it, the analysis definitions it plots)
CAPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "volume-by-region": ("Weekly tonnage, stacked by exercise region.", ("tonnage_by_region",)),
    "volume-by-pattern": ("Working sets per ISO week and movement pattern.", ("sets_by_pattern",)),
    "neglect-share": (
        "Leg-neglect audit: the lower-body share of working sets per ISO week; shaded red: "
        "weeks with training but no leg work; dotted: the share over the whole period.",
        ("lower_set_share", "weeks_without_legs"),
    ),
    "missing-patterns": (
        "Working sets per audited lower-body pattern over the whole period (each counts its "
        "catalog patterns, e.g. lunge, step-up and single-leg squat). Red = never trained; "
        "orange = rarely: in fewer than {rare:.0%} of the weeks with training (a legday "
        "heuristic, not a published threshold).",
        ("sets_by_pattern",),
    ),
    "muscle-targets": (
        "Weekly hard sets per lower-body muscle group (a group counts its busiest muscle) "
        "against its maintenance volume (orange) and the growth line (green).",
        ("sets_by_muscle", "targets"),
    ),
    "e1rm-trends": (
        "Best estimated 1RM per ISO week of the {shown} exercises with the most weeks of data "
        "(Epley over sets of 1–10 reps with a load; no RPE adjustment).",
        ("e1rm",),
    ),
    "acwr": (
        "Acute:chronic workload ratio; shaded: {low}–{high}, dashed: {danger}.",
        ("load", "acwr_rolling", "acwr_rolling_uncoupled", "acwr_ewma", "flags"),
    ),
    "assessments": (
        "Test results over time against the normal range each result was scored with (shaded).",
        (),
    ),
    "screening": (
        "Nordic force per limb, hop-test limb symmetry and Y-Balance over time; dashed red: the "
        "threshold where the test's flag starts (Nordic: the sport's injury-risk force, Opar "
        "2015 / Timmins 2016; hops: LSI 90 %, Grindem 2016; Y-Balance: anterior difference 4 cm "
        "and girls' composite 94 %, Plisky 2006).",
        (),
    ),
    "adherence": (
        "Training calendar: one cell per day (rows Monday–Sunday, columns ISO weeks), darker = "
        "more sessions.",
        ("guidelines",),
    ),
}


def definitions(analysis: Analysis) -> dict[str, str]:
    """The analysis's definitions; the analytics module's own table when an analysis lacks them."""
    own = analysis.definitions
    if own:
        return {str(k): str(v) for k, v in own.items()}
    from legday.domain.track.definitions import DEFINITIONS

    return dict(DEFINITIONS)


def caption(key: str, analysis: Analysis, **values: Any) -> str:
    """Chart ``key``'s caption: its reading guide, then each plotted figure's definition."""
    lead, keys = CAPTIONS[key]
    defs = definitions(analysis)
    parts = [lead.format(**values)]
    parts += [f"{k.replace('_', ' ').capitalize()}: {defs[k]}." for k in keys if k in defs]
    if key == "acwr":  # the published criticism is stated beside the ratio, always
        from legday.domain.track.load import ACWR_CRITICISM

        parts.append(analysis.acwr_criticism or ACWR_CRITICISM)
    return " ".join(parts)
