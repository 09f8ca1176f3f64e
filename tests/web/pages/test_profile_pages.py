"""The athlete's own pages: switching the unit to pounds changes how the gym page shows loads, the
readiness check-in is stored and judged, the export downloads what is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.pages.browser import (
    PASSWORD,
    account_with_history,
    axe_violations,
    browser,
    screenshots,
    serve,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_profile_unit_readiness_and_export(tmp_path: Path) -> None:
    from legday.web.app import create_app
    from tests.conftest import samples_dir

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    sample = samples_dir() / "hevy" / "hevy_kg_supersets_rpe_dropsets.csv"
    account_with_history(url, "ada@example.org", "Ada", sample)
    with serve(create_app(url)) as base, browser() as b:
        page = b.new_page(accept_downloads=True)
        sign_in(page, base, "ada@example.org")
        page.goto(f"{base}/profile")
        page.get_by_label("Unit for loads").select_option("lb")
        page.get_by_label("Birth date").fill("1990-04-01")
        page.get_by_label("Sex").select_option("female")
        page.get_by_label("Body mass (kg)").fill("60")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_test_id("saved")).to_be_visible()
        # 60 kg entered before the switch is kept as 60 kg: shown as 132.3 lb (60 / 0.45359237)
        expect(page.get_by_label("Body mass (lb)")).to_have_value("132.3")
        screenshots(page, "profile")
        assert axe_violations(page) == []

        page.goto(f"{base}/train")
        expect(page.get_by_text("loads in lb")).to_be_visible()
        expect(page.get_by_test_id("set-form")).to_have_attribute("data-unit", "lb")

        page.goto(f"{base}/readiness")
        for key in ("fatigue", "sleep", "soreness", "stress", "mood"):
            page.locator(f"input[name={key}][value='4']").check()
        page.get_by_role("button", name="Save today's check-in").click()
        expect(page.get_by_test_id("readiness-result")).to_contain_text("20 of 25")
        screenshots(page, "readiness")
        assert axe_violations(page) == []

        page.goto(f"{base}/profile")
        with page.expect_download() as got:
            page.get_by_role("link", name="Download everything (JSON)").click()
        doc = json.loads(Path(got.value.path()).read_text())
        assert doc  # the legday export of this athlete
        assert "Ada" in json.dumps(doc)
        with page.expect_download() as got:
            page.get_by_role("link", name="The whole account (zip)").click()
        assert Path(got.value.path()).read_bytes()[:2] == b"PK"

        # deleting needs the password again; then the account is gone
        page.get_by_label("Your password, to confirm").fill("not it")
        page.get_by_role("button", name="Delete my account").click()
        expect(page.get_by_role("alert")).to_be_visible()
        page.get_by_label("Your password, to confirm").fill(PASSWORD)
        page.get_by_role("button", name="Delete my account").click()
        page.wait_for_url(f"{base}/login")
        page.locator("input[name=email]").fill("ada@example.org")
        page.locator("input[name=password]").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_be_visible()  # no such account any more
