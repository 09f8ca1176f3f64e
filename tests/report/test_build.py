"""Writing a report: files on disk, a self-contained page, the PDF, the data beside each chart."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from legday.domain.errors import InvalidInput
from legday.report.build import write_report
from legday.report.html import key_facts
from tests.report.fixtures import FIGURES as CHARTS
from tests.report.fixtures import report_data


def chart_data(html: str) -> dict[str, dict[str, object]]:
    """name → the JSON document embedded beside each figure."""
    found = re.findall(r'<script type="application/json" class="chart-data">(.*?)</script>', html)
    docs = [json.loads(text) for text in found]
    return {d["name"]: d for d in docs}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("report")
    seen: list[tuple[int, int, str]] = []
    files = write_report(report_data("lb"), out, ("html", "pdf"), lambda *a: seen.append(a))
    return out, (files, seen)


def test_files_are_where_the_report_says(written: tuple[Path, object]) -> None:
    out, (files, _) = written  # type: ignore[misc]
    assert files.html == out / "report.html" and files.html.is_file()
    assert files.pdf == out / "report.pdf" and files.pdf.is_file()
    for name in CHARTS:
        svg = (out / "charts" / f"{name}.svg").read_text()
        assert svg.lstrip().startswith("<svg") and svg.rstrip().endswith("</svg>")
        png = (out / "charts" / f"{name}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert [c["name"] for c in files.charts] == list(CHARTS)


def test_progress_counts_up_to_its_total(written: tuple[Path, object]) -> None:
    _, (_, seen) = written  # type: ignore[misc]
    totals = {total for _, total, _ in seen}
    assert totals == {len(CHARTS) + 2}  # every chart, the HTML, the PDF
    assert [done for done, _, _ in seen] == list(range(len(CHARTS) + 3))
    assert seen[-1][2] == "done"


def test_html_is_self_contained(written: tuple[Path, object]) -> None:
    out, _ = written
    html = (out / "report.html").read_text()
    # Nothing is fetched: no external script, stylesheet, image or font.
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', html)
    assert "<link" not in html and "@import" not in html and "url(http" not in html
    assert "<script src" not in html
    for name in CHARTS:
        figure = re.search(rf'<figure class="chart" id="chart-{name}".*?</figure>', html, re.S)
        assert figure, name
        assert "<svg" in figure.group(0) and "<figcaption>" in figure.group(0)


def test_embedded_chart_data_is_the_plotted_data(written: tuple[Path, object]) -> None:
    out, _ = written
    data = chart_data((out / "report.html").read_text())
    assert list(data) == list(CHARTS)
    shares = {v["week"]: v["share"] for v in data["neglect-share"]["values"]}  # type: ignore[union-attr]
    assert shares == {"2020-W53": 0.6, "2021-W01": 0.0, "2021-W03": 0.75}


def test_verdict_and_prescription_come_first(written: tuple[Path, object]) -> None:
    out, _ = written
    html = (out / "report.html").read_text()
    verdict = html.index("You have neglected your legs")
    assert verdict < html.index('<figure class="chart"')
    assert "legday plan generate --goal strength --days 3" in html
    assert 'class="verdict neglect"' in html


def _poppler(tool: str) -> str:
    """poppler-utils reads the PDF independently of the engine that wrote it (.ci/run installs
    it); skipped where absent, never in CI."""
    exe = shutil.which(tool)
    if exe is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{tool} (poppler-utils) is missing in CI")
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return exe


def test_pdf_has_the_same_content(written: tuple[Path, object]) -> None:
    out, _ = written
    pdf = out / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    info = subprocess.run(
        [_poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= 2  # eight figures do not fit one A4 page
    text = subprocess.run(
        [_poppler("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    assert "You have neglected your legs" in flat
    for title in (
        "Weekly volume by region (lb)",
        "Leg-neglect audit",
        "Acute:chronic workload ratio",
        "Adherence calendar",
    ):
        assert title in flat, title


def test_names_are_escaped(tmp_path: Path) -> None:
    data = replace(report_data(), athlete={"name": "<script>alert(1)</script>", "unit": "kg"})
    files = write_report(data, tmp_path)
    html = files.html.read_text()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_key_facts_state_the_audit() -> None:
    facts = dict(key_facts(report_data()))
    assert facts["Sessions"] == "5"
    assert facts["Days trained"] == "4"
    assert facts["Lower-body share of working sets"] == "41%"  # 9 / 22
    assert facts["Lower-body share of tonnage"] == "55%"  # 4000 / 7300
    assert facts["Lower-body patterns missing"] == (
        "lunge-or-single-leg, knee-flexion, calf, hip-adduction, hip-abduction, balance, plyometric"
    )
    assert facts["ISO weeks with training but no legs"] == "1"
    label = "Weeks with ≥ 2 muscle-strengthening days (WHO 2020)"
    assert facts[label] == "2 (67% of weeks)"  # 2 of 3 weeks
    assert facts["Weeks with ≥ 2 lower-body strength days"] == "1"
    assert facts["Longest run of weeks meeting the guideline"] == "2 weeks"
    assert facts["Plan adherence"] == "no current plan"
    assert not any("balance days" in k for k in facts)  # not an older adult


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="use html or pdf"):
        write_report(report_data(), tmp_path, ("docx",))


def test_out_that_is_a_file_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InvalidInput, match="choose another --out"):
        write_report(report_data(), blocker)


def test_key_facts_for_an_older_adult_show_balance_days_and_plan_adherence() -> None:
    from legday.report.html import _adherence_facts, _guideline_facts

    g = dict(report_data().analysis.guidelines)
    g.update(older_adult=True, who_balance_days=3, weeks_meeting_balance=1,
             share_meeting_balance=0.25)  # fmt: skip
    facts = dict(_guideline_facts(g))
    assert facts["Weeks with ≥ 3 balance days (older adults, WHO 2020)"] == "1 (25% of weeks)"
    a = {"plan_id": 4, "sessions_planned": 8, "sessions_done": 6, "adherence": 0.75}
    assert dict(_adherence_facts(a)) == {
        "Plan adherence (sessions done / planned so far)": "6 / 8 (75%)"
    }


def test_a_fix_nobody_worded_reads_as_words() -> None:
    # The CLI hands the report its command line (neglect.prescription); called without one, the
    # report words the audit's fix itself rather than leaving it out.
    from legday.report.html import render_html

    data = report_data()
    neglect = {k: v for k, v in data.analysis.neglect.items() if k != "prescription"}
    neglect["fix"] = {"goals": ["strength:2", "hypertrophy"], "days": 2, "minutes": 30}
    html = render_html(replace(data, analysis=replace(data.analysis, neglect=neglect)), [])
    assert "What fixes it: a plan for strength:2, hypertrophy on 2 days a week, 30 minutes" in html
    assert "legday plan generate" not in html
