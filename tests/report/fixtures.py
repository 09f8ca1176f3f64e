"""A small, hand-built report input with the shape of `legday analyze --json`
(docs/contracts/analyze.md).

Every number is chosen by hand so the tests can state what the charts must plot.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from legday.app.analysis_results import Analysis
from legday.app.reporting import AssessmentResult, ReportData, TrainingDay

# Every figure of the report by chart name, in reading order.
FIGURES = (
    "volume-by-region",
    "volume-by-pattern",
    "neglect-share",
    "missing-patterns",
    "muscle-targets",
    "e1rm-trends",
    "acwr",
    "assessments",
    "screening",
    "adherence",
)

# Three ISO weeks across a year end (2020-W53 exists: 2020 has 53 ISO weeks), with a gap week.
WEEKS: list[dict[str, Any]] = [
    {
        "week": "2020-W53",
        "sets_by_muscle": {"quadriceps": 6.0, "pectorals": 4.0},
        "sets_by_pattern": {"squat": 6.0, "upper-push": 4.0},
        "tonnage_by_region": {"lower": 3000.0, "upper": 1200.0},
        "lower_set_share": 0.6,
    },
    {
        "week": "2021-W01",
        "sets_by_muscle": {"pectorals": 8.0},
        "sets_by_pattern": {"upper-push": 8.0},
        "tonnage_by_region": {"upper": 2000.0},
        "lower_set_share": 0.0,
    },
    # 2021-W02 has no training at all: it must still appear on the week axis.
    {
        "week": "2021-W03",
        "sets_by_muscle": {"hamstrings": 3.0, "pectorals": 1.0},
        "sets_by_pattern": {"hinge": 3.0, "upper-push": 1.0},
        "tonnage_by_region": {"lower": 1000.0, "upper": 100.0},
        "lower_set_share": 0.75,
    },
]


# The audited patterns (docs/contracts/analyze.md#audited-patterns) with no set in WEEKS.
NEVER = [
    "lunge-or-single-leg",
    "knee-flexion",
    "calf",
    "hip-adduction",
    "hip-abduction",
    "balance",
    "plyometric",
]


def _e1rm(week: str, kg: float, unit: str) -> dict[str, Any]:
    shown = kg / 0.45359237 if unit == "lb" else kg  # 1 lb = 0.45359237 kg exactly
    return {"week": week, "e1rm": shown, "e1rm_kg": kg}


def analysis(unit: str = "kg") -> Analysis:
    """Masses without a _kg suffix are in the athlete's unit, as in the analysis document."""
    load = [
        {
            "date": f"2021-01-{d:02d}",
            "load": 300.0,
            "acwr_rolling": None if d < 10 else 1.0 + d / 100,
            "acwr_rolling_uncoupled": None,
            "acwr_ewma": None if d < 10 else 0.9,
            "monotony": None,
            "strain": None,
            "flags": [],
        }
        for d in range(1, 21)
    ]
    return Analysis(
        weeks=WEEKS,
        neglect={
            "lower_set_share": 9 / 22,
            "lower_tonnage_share": 4000 / 7300,
            "missing_patterns": NEVER,
            "never_trained_patterns": NEVER,
            "rarely_trained_patterns": [],
            "weeks_without_legs": ["2021-W01"],
            "verdict": "You have neglected your legs: 41% of working sets.",
            "prescription": "legday plan generate --goal strength --days 3",
        },
        # The analysis gives e1rm in the athlete's unit and e1rm_kg beside it.
        e1rm={
            "back-squat": [_e1rm("2020-W53", 120.0, unit), _e1rm("2021-W03", 125.0, unit)],
            "bench-press": [_e1rm("2021-W01", 100.0, unit)],
        },
        load=load,
        symmetry=[],
        # The shape of legday.domain.track.guidelines.summarise / plan_adherence.
        guidelines={
            "who_strength_days": 2,
            "weeks_meeting_strength": 2,
            "weeks_meeting_lower_strength": 1,
            "share_meeting_strength": 2 / 3,
            "older_adult": False,
            "streak_longest_weeks": 2,
            "streak_current_weeks": 1,
            "training_streak_longest_weeks": 3,
            "training_streak_current_weeks": 3,
            "source": "WHO 2020",
        },
        adherence={
            "plan_id": None,
            "sessions_planned": 0,
            "sessions_done": 0,
            "adherence": None,
            "note": "no current plan",
        },
    )


def report_data(unit: str = "kg", assessments: list[AssessmentResult] | None = None) -> ReportData:
    return ReportData(
        athlete={"name": "Test Person", "unit": unit},
        unit=unit,
        date_from=None,
        date_to=None,
        analysis=analysis(unit),
        assessments=assessments or [],
        training_days=[
            TrainingDay("2020-12-28", 1),
            TrainingDay("2020-12-30", 2),
            TrainingDay("2021-01-05", 1),
            TrainingDay("2021-01-19", 1),
        ],
        generated_on=date(2021, 2, 1),
    )
