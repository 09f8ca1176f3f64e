"""A newcomer's first visit, in chromium against the real server: register, import a sample
export (upload, preview, name an unknown exercise, commit), make a plan, log a set on the gym
page, and see the dashboard move to today. Every page on the way is screenshotted at phone and
desktop width and checked by axe-core."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.pages.browser import PASSWORD, axe_violations, browser, screenshots, serve

pytestmark = pytest.mark.browser


def test_register_import_plan_train_dashboard(tmp_path: Path) -> None:
    from legday.app.importing import parse_file
    from legday.web.app import create_app
    from tests.conftest import samples_dir

    sample = samples_dir() / "hevy" / "hevy_kg_supersets_rpe_dropsets.csv"
    parsed = parse_file(sample)
    sets_in_file = sum(len(s.sets) for s in parsed.sessions)
    app = create_app(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with serve(app) as base, browser() as b:
        context = b.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()

        def look(name: str) -> None:
            screenshots(page, name)
            assert axe_violations(page) == [], name

        page.goto(f"{base}/register")
        page.get_by_label("Your name").fill("Grace")
        page.get_by_label("E-mail").fill("grace@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(f"{base}/train")

        # import: upload → preview (nothing stored yet) → name an unknown exercise → commit
        page.goto(f"{base}/import")
        look("import")
        page.get_by_label("Export file").set_input_files(str(sample))
        page.get_by_role("button", name="Show what it holds").click()
        expect(page.get_by_test_id("import-preview")).to_be_visible()
        assert page.get_by_test_id("sets-new").inner_text() == str(sets_in_file)
        look("import-preview")
        mapped = None
        selects = page.locator("select[name^=map-]")
        if selects.count():
            options = selects.first.locator("option")
            if options.count() > 1:
                mapped = options.nth(1).get_attribute("value")
                selects.first.select_option(mapped)
        page.get_by_role("button", name=f"Import {sets_in_file} sets").click()
        expect(page.get_by_test_id("import-done")).to_contain_text(f"{sets_in_file} sets stored")

        # a plan, then today's session from it
        page.goto(f"{base}/plan")
        page.get_by_role("button", name="Make the plan").click()
        page.wait_for_url(f"{base}/plan")
        expect(page.get_by_test_id("plan-blocks").first).to_be_visible()
        look("plan")

        page.goto(f"{base}/dashboard")
        before = page.get_by_test_id("period").inner_text()
        assert date.today().isoformat() not in before.split(" to ")[-1]

        page.goto(f"{base}/train")
        page.locator("button[data-fill]").first.click()
        form = page.get_by_test_id("set-form")
        if not form.locator("[name=reps]").input_value():
            form.locator("[name=reps]").fill("5")
        page.get_by_test_id("log-set").click()
        expect(page.get_by_test_id("set-row")).to_have_count(1)
        expect(page.locator("li.pending-row")).to_have_count(0, timeout=15_000)  # acknowledged
        look("train-journey")

        page.goto(f"{base}/dashboard")
        after = page.get_by_test_id("period").inner_text()
        assert after.endswith(f"to {date.today().isoformat()}"), after
        page.wait_for_selector("figure.chart", timeout=60_000)
        look("dashboard-journey")
        context.close()
