"""The screening figure: Nordic per limb, hop LSI and Y-Balance against their thresholds."""

from __future__ import annotations

from dataclasses import replace

from legday.app.analysis_results import Screening, ScreeningEntry, ScreeningTest, SeriesPoint
from legday.domain.assess.triage import Finding
from legday.report.screening_charts import screening
from tests.report.fixtures import report_data


def _entry(
    day: str, flags: list[str], *series: tuple[str, float, str, float, bool]
) -> ScreeningEntry:
    return ScreeningEntry(0, day, None, None, flags, [SeriesPoint(*s) for s in series])


SCREENING = Screening(
    tests=[
        ScreeningTest("nordic", "Nordic", [
            _entry("2021-01-04", ["injury-risk"], ("left limb", 300, "N", 337, True),
                   ("right limb", 350, "N", 337, True)),
            _entry("2021-01-18", [], ("left limb", 340, "N", 337, True),
                   ("right limb", 352, "N", 337, True))]),
        ScreeningTest("y-balance", "Y-Balance", [
            _entry("2021-01-05", ["asymmetry"], ("anterior difference", 5, "cm", 4, False),
                   ("composite left", 96, "%", 94, True))]),
    ],
    findings=[Finding("sport-screen-risk", "y-balance", "left", "d", "PLISKY06")],
)  # fmt: skip


def test_rows_thresholds_and_flagged_side() -> None:
    data = report_data()
    data = replace(data, analysis=replace(data.analysis, screening=SCREENING))
    chart = screening(data)
    rows = {(r["panel"], r["date"], r["series"]): (r["value"], r["threshold"], r["flagged"])
            for r in chart.values}  # fmt: skip
    assert rows == {
        ("Nordic (N)", "2021-01-04", "left limb"): (300, 337, True),  # 300 < 337
        ("Nordic (N)", "2021-01-04", "right limb"): (350, 337, False),
        ("Nordic (N)", "2021-01-18", "left limb"): (340, 337, False),
        ("Nordic (N)", "2021-01-18", "right limb"): (352, 337, False),
        ("Y-Balance (cm)", "2021-01-05", "anterior difference"): (5, 4, True),  # 5 > 4
        ("Y-Balance (%)", "2021-01-05", "composite left"): (96, 94, False),
    }
    rule = chart.spec["spec"]["layer"][0]
    assert rule["mark"]["type"] == "rule" and rule["encoding"]["y"]["field"] == "threshold"
    assert "sport-screen-risk (y-balance, left)" in chart.caption
    assert "Opar" in chart.caption and "Plisky" in chart.caption


def test_renders_to_svg_with_the_threshold_line() -> None:
    from legday.report.render import to_svg

    data = report_data()
    data = replace(data, analysis=replace(data.analysis, screening=SCREENING))
    svg = to_svg(screening(data).spec)
    assert svg.startswith("<svg") and "#c0392b" in svg


def test_nothing_recorded_says_so() -> None:
    chart = screening(report_data())
    assert chart.values == [{"message": "No Nordic, hop or Y-Balance results in this period."}]
