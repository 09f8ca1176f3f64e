"""What each chart shows and where its definition comes from: the caption under every figure.

The definitions are those of ../shared/analytics.md (the analytics module implements them); the
sources are the papers named in ../shared/programming.md §1.4, §8 and §9. When the analysis
document carries its own definition for a figure (``analysis["definitions"][key]``), that text
wins, so a definition is written once, where it is computed.
"""

from __future__ import annotations

from typing import Any

CAPTIONS: dict[str, str] = {
    "volume-by-region": (
        "Weekly tonnage by body region: Σ muscle weight × load × reps over working sets "
        "(warm-ups excluded; primary muscle 1.0, secondary 0.5), loads in {unit}. Fractional "
        "counting of indirect work: Pelland et al. 2024; volume dose–response: Schoenfeld, "
        "Ogborn & Krieger 2017, J Sports Sci 35(11):1073–1082."
    ),
    "volume-by-pattern": (
        "Weekly hard sets by movement pattern: working sets (warm-ups excluded; RPE ≥ 7 when RPE "
        "is logged), grouped by the catalog pattern of each exercise. ≥ 10 weekly sets per muscle "
        "is the hypertrophy reading of Schoenfeld, Ogborn & Krieger 2017."
    ),
    "neglect-share": (
        "Leg-neglect audit: lower-body working sets ÷ all working sets per ISO week (ISO year + "
        "ISO week). Red bars are weeks with training but no lower-body working set. "
        "Lower body = catalog region 'lower' or a leg movement pattern."
    ),
    "missing-patterns": (
        "Working sets per audited lower-body pattern over the whole period (each audited pattern "
        "counts its catalog patterns, e.g. lunge, step-up and single-leg squat). Red = never "
        "trained; orange = rarely: in fewer than {rare:.0%} of the weeks with training (a legday "
        "heuristic, not a published threshold)."
    ),
    "muscle-targets": (
        "Weekly hard sets per lower-body muscle group (a group counts its busiest muscle; primary "
        "1.0, secondary 0.5) against its maintenance volume (orange) and ≥ 10 sets for growth "
        "(green). Targets: {source}."
    ),
    "e1rm-trends": (
        "Best estimated 1RM per ISO week, Epley: load × (1 + reps/30) over sets of 1–12 reps "
        "(Epley 1985), in {unit}; the {shown} exercises with the most weeks of data."
    ),
    "acwr": (
        "Acute:chronic workload ratio of daily session-RPE load (Foster et al. 2001, J Strength "
        "Cond Res 15(1):109–115: session RPE × minutes, rest days 0). Rolling: 7-day mean ÷ "
        "28-day mean (coupled) and ÷ the 21 days before (uncoupled); EWMA: λ = 2/(N+1), "
        "N = 7 and 28 (Williams et al. 2017). Shaded: 0.8–1.3, dashed: 1.5 (Gabbett 2016, Br J "
        "Sports Med 50:273–280; thresholds not verified in the retrieved text). A descriptive "
        "spike indicator only: the ratio is mathematically coupled (Lolli et al. 2019, Br J "
        "Sports Med 53:921–922) and does not predict injury beyond acute load (Impellizzeri "
        "et al. 2020, Sports Med 51:581–592)."
    ),
    "assessments": (
        "Test results over time against the norm band each result was scored with (shaded); "
        "band and source as stored with the scored result."
    ),
    "adherence": (
        "Training calendar: one cell per day (rows Monday–Sunday, columns ISO weeks), darker = "
        "more sessions. WHO 2020 (Bull et al., Br J Sports Med 54:1451–1462): muscle-"
        "strengthening activity on ≥ 2 days a week; balance on ≥ 3 days for adults ≥ 65."
    ),
}


def caption(key: str, analysis: dict[str, Any], **values: Any) -> str:
    """The caption of chart ``key``: the analysis's own definition when it carries one."""
    own = analysis.get("definitions")
    if isinstance(own, dict) and isinstance(own.get(key), str):
        return str(own[key])
    return CAPTIONS[key].format(**values)
