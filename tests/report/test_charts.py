"""The chart specs plot the analysis's numbers, in the athlete's unit, on full ISO-week axes.

Expected values are worked by hand from tests/report/fixtures.py (1 lb = 0.45359237 kg exactly).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from legday.app.analysis_results import Analysis
from legday.app.reporting import AssessmentResult, NormBand
from legday.domain.errors import InvalidInput
from legday.domain.weeks import label_of, monday_of_label, week_span
from legday.report import charts
from tests.report.fixtures import FIGURES, report_data

EXPECTED_WEEKS = ["2020-W53", "2021-W01", "2021-W02", "2021-W03"]


def _by_name() -> dict[str, charts.Chart]:
    return {c.name: c for c in charts.build_charts(report_data("lb"))}


def test_every_required_figure_is_built_in_reading_order() -> None:
    names = [c.name for c in charts.build_charts(report_data())]
    assert names == list(FIGURES)
    for c in charts.build_charts(report_data()):
        assert c.caption and c.title
        assert c.spec["$schema"].endswith("vega-lite/v5.json")


def test_iso_weeks_cross_the_year_end_without_gaps() -> None:
    # 2020 has 53 ISO weeks; 2021-01-03 (a Sunday) still belongs to 2020-W53.
    assert label_of(__import__("datetime").date(2021, 1, 3)) == "2020-W53"
    assert monday_of_label("2020-W53").isoformat() == "2020-12-28"
    assert week_span("2020-W52", "2021-W02") == ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]
    with pytest.raises(InvalidInput):
        monday_of_label("2021-05")


def test_volume_by_region_plots_the_analysis_masses_with_the_empty_week_on_the_axis() -> None:
    c = _by_name()["volume-by-region"]
    assert c.spec["encoding"]["x"]["scale"]["domain"] == EXPECTED_WEEKS
    got = {(v["week"], v["region"]): v["tonnage"] for v in c.values}
    # tonnage_by_region is already in the athlete's unit: plotted as it is, never converted twice.
    assert got == {
        ("2020-W53", "lower"): 3000.0,
        ("2020-W53", "upper"): 1200.0,
        ("2021-W01", "upper"): 2000.0,
        ("2021-W03", "lower"): 1000.0,
        ("2021-W03", "upper"): 100.0,
    }
    assert "(lb)" in c.title and c.spec["encoding"]["y"]["title"] == "tonnage (lb)"


def test_pattern_heatmap_keeps_catalog_order() -> None:
    c = _by_name()["volume-by-pattern"]
    assert c.spec["encoding"]["y"]["sort"] == ["squat", "hinge", "upper-push"]
    assert sum(v["sets"] for v in c.values) == pytest.approx(22.0)


def test_neglect_share_marks_weeks_without_legs_and_the_overall_line() -> None:
    c = _by_name()["neglect-share"]
    assert [(v["week"], v["share"]) for v in c.values] == [
        ("2020-W53", 0.6),
        ("2021-W01", 0.0),
        ("2021-W03", 0.75),
    ]
    shading = c.spec["layer"][0]
    assert shading["transform"] == [{"filter": "datum.share == 0"}]
    lines = [layer["data"]["values"][0] for layer in c.spec["layer"] if "data" in layer]
    assert lines == [{"y": pytest.approx(9 / 22), "label": "overall 41%"}]


def test_missing_patterns_follow_the_audit() -> None:
    c = _by_name()["missing-patterns"]
    status = {v["pattern"]: (v["sets"], v["status"]) for v in c.values}
    assert status == {
        "squat": (6.0, "trained"),
        "hinge": (3.0, "trained"),
        "lunge-or-single-leg": (0.0, "never"),
        "knee-flexion": (0.0, "never"),
        "calf": (0.0, "never"),
        "hip-adduction": (0.0, "never"),
        "hip-abduction": (0.0, "never"),
        "balance": (0.0, "never"),
        "plyometric": (0.0, "never"),
    }


def test_audited_pattern_counts_every_catalog_pattern_it_covers() -> None:
    data = report_data()
    weeks = [
        {"week": "2021-W01", "sets_by_pattern": {"lunge": 2.0, "step-up": 1.0, "calf": 4.0}},
        {"week": "2021-W02", "sets_by_pattern": {"single-leg-squat": 0.5}},
    ]
    neglect = {"missing_patterns": ["lunge-or-single-leg", "squat"]}  # combined list only
    c = charts.missing_patterns(replace(data, analysis=Analysis(weeks=weeks, neglect=neglect)))
    status = {v["pattern"]: (v["sets"], v["status"]) for v in c.values}
    assert status["lunge-or-single-leg"] == (3.5, "rarely")  # listed, but 2 + 1 + 0.5 sets done
    assert status["squat"] == (0.0, "never")
    assert status["calf"] == (4.0, "trained")


def test_muscle_targets_against_maintenance_and_growth_lines() -> None:
    c = _by_name()["muscle-targets"]
    got = {(v["week"], v["muscle"]): v["sets"] for v in c.values}
    assert len(got) == 3 * 4  # three training weeks × quads, hamstrings, glutes, calves
    assert got[("2020-W53", "quads")] == 6.0
    assert got[("2021-W03", "hamstrings")] == 3.0
    assert got[("2021-W01", "quads")] == 0.0
    # Maintenance volumes of docs/evidence/doses.md#volume-landmarks (RP): quads 6, hamstrings 3,
    # glutes 0, calves 6.
    mv = {v["muscle"]: v["mv"] for v in c.values}
    assert mv == {"quads": 6, "hamstrings": 3, "glutes": 0, "calves": 6}
    assert {v["growth"] for v in c.values} == {10.0}  # Schoenfeld et al. 2017
    assert "Schoenfeld" in c.caption or "SCHOENFELD" in c.caption


def test_e1rm_in_pounds_most_tracked_first() -> None:
    c = _by_name()["e1rm-trends"]
    from legday.domain.catalog.registry import load

    names = [load().get(ex).name for ex in ("back-squat", "bench-press")]
    assert c.spec["encoding"]["color"]["sort"] == names  # shown by name, most weeks first
    # 120 kg = 264.55 lb, 125 kg = 275.58 lb, 100 kg = 220.46 lb.
    assert [(v["exercise"], v["monday"], v["e1rm"]) for v in c.values] == [
        ("back-squat", "2020-12-28", 264.6),
        ("back-squat", "2021-01-18", 275.6),
        ("bench-press", "2021-01-04", 220.5),
    ]


def test_acwr_plots_only_defined_days_with_band_and_danger_line() -> None:
    c = _by_name()["acwr"]
    # Days 10–20 have a rolling and an EWMA ratio; the uncoupled ratio is undefined throughout.
    assert len(c.values) == 22
    assert {v["series"] for v in c.values} == {"EWMA", "rolling, coupled"}
    assert [v["acwr"] for v in c.values if v["date"] == "2021-01-15"] == [0.9, 1.15]
    band, _lines, danger = c.spec["layer"]
    assert band["data"]["values"] == [{"low": 0.8, "high": 1.3}]
    assert danger["data"]["values"][0]["y"] == 1.5


def test_adherence_has_one_cell_per_day_of_the_span() -> None:
    c = _by_name()["adherence"]
    # 2020-12-28 … 2021-01-19 inclusive is 23 days.
    assert len(c.values) == 23
    cell = next(v for v in c.values if v["date"] == "2020-12-30")
    assert cell == {"date": "2020-12-30", "week": "2020-W53", "weekday": "Wed", "sessions": 2}
    assert sum(v["sessions"] for v in c.values) == 5
    assert c.spec["encoding"]["x"]["scale"]["domain"] == EXPECTED_WEEKS


def test_assessments_carry_the_band_and_its_source() -> None:
    band = NormBand(12.0, 17.0, "normal range", "Rikli 1999")
    tests = [
        AssessmentResult(
            "chair-stand-30s", "30-s chair stand", "2021-01-05", 11.0, "stands", "below", [], band
        )
    ]
    c = charts.assessments(report_data(assessments=tests))
    assert c.values == [
        {
            "test": "30-s chair stand (stands)",
            "date": "2021-01-05",
            "value": 11.0,
            "low": 12.0,
            "high": 17.0,
            "rating": "below",
        }
    ]
    assert "Rikli 1999" in c.caption


def test_empty_history_gives_explaining_figures_not_blank_ones() -> None:
    empty = replace(
        report_data(),
        analysis=Analysis(),
        training_days=[],
    )
    built = charts.build_charts(empty)
    for c in built:
        if c.name == "missing-patterns":
            assert all(v["status"] == "never" and v["sets"] == 0 for v in c.values)
        else:
            assert c.spec["mark"]["type"] == "text", c.name
            assert c.values[0]["message"]


def test_captions_quote_the_analysis_own_definitions() -> None:
    data = report_data()
    analysis = replace(
        data.analysis,
        definitions={"acwr_rolling": "7-day over 28-day (here)"},
        acwr_criticism="Criticism as the analysis states it.",
    )
    text = charts.acwr(replace(data, analysis=analysis)).caption
    assert "Acwr rolling: 7-day over 28-day (here)." in text
    assert text.endswith("Criticism as the analysis states it.")
    assert "shaded: 0.8–1.3, dashed: 1.5" in text  # Gabbett 2016 bands from track.load


def test_every_caption_names_a_source_when_the_analysis_carries_none() -> None:
    from legday.domain.track.definitions import DEFINITIONS

    built = {c.name: c for c in charts.build_charts(report_data())}
    assert DEFINITIONS["e1rm"] in built["e1rm-trends"].caption
    assert "Epley" in built["e1rm-trends"].caption
    assert "Foster" in built["acwr"].caption and "Impellizzeri" in built["acwr"].caption
    assert "WHO" in built["adherence"].caption
    assert "Schoenfeld" in built["muscle-targets"].caption
