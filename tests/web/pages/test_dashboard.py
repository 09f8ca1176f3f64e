"""The dashboard of a signed-in athlete with four years of history: the neglect verdict as the
analysis states it, and the report's charts drawn into the page after it shows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.web.pages.browser import (
    account_with_history,
    axe_violations,
    browser,
    non_blank,
    screenshots,
    serve,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_the_dashboard_shows_the_verdict_and_draws_the_charts(tmp_path: Path) -> None:
    from legday.app.dashboard import load
    from legday.app.db import open_database
    from legday.web.app import create_app
    from tests.conftest import samples_dir

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    sample = (
        samples_dir() / "strong" / "strong_2025_workoutnum_semicolon_resttimer_note_letters.csv"
    )
    actor = account_with_history(url, "ada@example.org", "Ada", sample)
    db = open_database(url)
    with db.read(actor) as s:
        from sqlalchemy import text

        athlete_id = s.execute(text("select id from athlete")).scalar_one()
    # this sample ends in March 2025: look at its own last half-year
    expected = load(db, actor, athlete_id, date.today())
    app = create_app(url)
    with serve(app) as base, browser() as b:
        page = b.new_page(bypass_csp=False)
        sign_in(page, base, "ada@example.org")
        page.goto(f"{base}/dashboard")
        if expected.verdict:
            assert page.get_by_test_id("verdict").inner_text() == expected.verdict
        page.wait_for_selector("figure.chart", timeout=60_000)
        figures = page.locator("figure.chart")
        assert figures.count() >= 3
        for i in range(figures.count()):
            variance, inked = non_blank(figures.nth(i).locator(".plot").screenshot())
            assert variance > 50 and inked > 0.01, figures.nth(i).get_attribute("data-chart")
        screenshots(page, "dashboard")
        ctx = b.new_context(bypass_csp=True)
        p2 = ctx.new_page()
        sign_in(p2, base, "ada@example.org")
        p2.goto(f"{base}/dashboard")
        p2.wait_for_selector("figure.chart", timeout=60_000)
        assert axe_violations(p2) == []
