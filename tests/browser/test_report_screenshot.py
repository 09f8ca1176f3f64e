"""The HTML report in a real headless browser (Debian's chromium): every chart is drawn.

The full-page screenshot is kept under test-artifacts/ (gitignored) for a human to look at. Each
figure is screenshotted on its own and must not be blank: a chart that failed to render leaves a
white (zero-variance) box. Skipped where chromium is absent, but a failure under CI=true.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from tests.helpers import aid, me
from tests.report.fixtures import report_data

from legday.report.build import write_report

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def chromium_path() -> str:
    path = os.environ.get("LEGDAY_CHROMIUM") or shutil.which("chromium")
    if not path or not Path(path).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but chromium is missing (apt-get install -y chromium)")
        pytest.skip(
            "chromium is not installed (apt-get install -y chromium, or set LEGDAY_CHROMIUM)"
        )
    return path


def non_blank(png: bytes) -> tuple[float, float]:
    """(grey-level variance, share of pixels that are not near-white) of a screenshot."""
    from io import BytesIO

    from PIL import Image, ImageStat

    img = Image.open(BytesIO(png)).convert("L")
    variance = ImageStat.Stat(img).var[0]
    histogram = img.histogram()
    inked = sum(histogram[:240]) / max(1, img.width * img.height)
    return variance, inked


def screenshot_report(html: Path, name: str) -> dict[str, tuple[float, float]]:
    """Open ``html`` offline, keep a full-page screenshot, return each chart's blankness figures."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    fetched: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            page.on(
                "request",
                lambda r: (
                    fetched.append(r.url) if not r.url.startswith(("file:", "data:")) else None
                ),
            )
            page.goto(html.as_uri(), wait_until="load")
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            figures: dict[str, tuple[float, float]] = {}
            for figure in page.query_selector_all("figure.chart"):
                chart = figure.get_attribute("data-chart") or "?"
                plot = figure.query_selector(".plot")
                assert plot is not None, chart
                box = plot.bounding_box()
                assert box and box["width"] > 200 and box["height"] > 40, (chart, box)
                figures[chart] = non_blank(plot.screenshot())
        finally:
            browser.close()
    assert fetched == [], f"the report fetched from the network: {fetched}"
    return figures


def test_every_chart_is_visible_in_chromium(tmp_path: Path) -> None:
    chromium_path()
    files = write_report(report_data("lb"), tmp_path)
    figures = screenshot_report(files.html, "report-fixture")
    assert set(figures) == {c["name"] for c in files.charts}
    for chart, (variance, inked) in figures.items():
        assert variance > 50, f"{chart} looks blank (variance {variance:.1f})"
        assert inked > 0.01, f"{chart} has almost no ink ({inked:.3%})"
    assert (ARTIFACTS / "report-fixture.png").stat().st_size > 10_000


def test_a_blank_region_is_detected() -> None:
    """The check itself can fail: an all-white image has no variance and no ink."""
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (300, 200), "white").save(buf, format="PNG")
    assert non_blank(buf.getvalue()) == (0.0, 0.0)


def test_a_real_history_report_draws_every_chart(tmp_path: Path) -> None:
    """Four years of FitNotes history plus two chair-stand results: dense axes, every figure."""
    from datetime import date

    from tests.conftest import samples_dir
    from tests.helpers import import_file

    from legday.app import athletes
    from legday.app.assess import record
    from legday.app.db import forget_open_databases, open_database
    from legday.app.reporting import gather

    chromium_path()
    sample = samples_dir() / "fitnotes" / "fitnotes_2017_2020_weight_lbs_header.csv"
    db = open_database(f"sqlite:///{tmp_path / 'db.sqlite'}")
    fields = athletes.AthleteFields(birth_date=date(1948, 5, 1), sex="female", unit="lb")
    athletes.add(db, me(db), "Sample", fields)
    import_file(db, sample, athlete="Sample")
    record(db, "chair-stand-30s", {"value": 9}, athlete="Sample", taken_on=date(2019, 3, 1))
    record(db, "chair-stand-30s", {"value": 13}, athlete="Sample", taken_on=date(2020, 3, 1))
    data = gather(db, me(db), aid(db, "Sample"))
    forget_open_databases()
    files = write_report(data, tmp_path / "report")
    figures = screenshot_report(files.html, "report-sample")
    assert set(figures) == {c["name"] for c in files.charts}
    for chart, (variance, inked) in figures.items():
        assert variance > 50, f"{chart} looks blank (variance {variance:.1f})"
        assert inked > 0.01, f"{chart} has almost no ink ({inked:.3%})"
    # The assessment figure plots both results against the 70–74 female range, 10–15 stands
    # (Rikli & Jones 1999, docs/evidence/norms.md#30-second-chair-stand), not the "no results"
    # message.
    found = re.search(
        r'id="chart-assessments".*?<script type="application/json" class="chart-data">(.*?)'
        r"</script>",
        files.html.read_text(),
        re.S,
    )
    assert found
    points = json.loads(found.group(1))["values"]
    assert [(p["date"], p["value"], p["low"], p["high"]) for p in points] == [
        ("2019-03-01", 9.0, 10.0, 15.0),
        ("2020-03-01", 13.0, 10.0, 15.0),
    ]
