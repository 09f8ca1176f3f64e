"""A coach and an athlete in two browsers against the real server: the coach invites, the athlete
accepts, the athlete is on the coach's roster one tap from their dashboard; the athlete revokes
and the same page answers 404, exactly like an athlete that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.pages.browser import (
    account_with_history,
    axe_violations,
    browser,
    screenshots,
    serve,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_invited_accepted_on_the_roster_revoked_gone(tmp_path: Path) -> None:
    from legday.web.app import create_app
    from tests.conftest import samples_dir

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    sample = samples_dir() / "hevy" / "hevy_kg_supersets_rpe_dropsets.csv"
    account_with_history(url, "ath@example.org", "Alex Athlete", sample)
    account_with_history(url, "coach@example.org", "Casey Coach", None)
    app = create_app(url)
    with serve(app) as base, browser() as b:
        coach = b.new_context().new_page()
        athlete = b.new_context().new_page()
        sign_in(coach, base, "coach@example.org")
        sign_in(athlete, base, "ath@example.org")

        coach.goto(f"{base}/people")
        coach.get_by_label("The athlete's e-mail").fill("ath@example.org")
        coach.get_by_role("button", name="Send the invitation").click()
        coach.wait_for_url(f"{base}/people")
        coach.goto(f"{base}/roster")
        expect(coach.get_by_test_id("roster-row")).to_have_count(0)  # invited is not accepted

        athlete.goto(f"{base}/people")
        expect(athlete.get_by_test_id("link-status")).to_have_text("invited")
        screenshots(athlete, "people-invited")
        assert axe_violations(athlete) == []
        athlete.get_by_role("button", name="Accept").click()
        expect(athlete.get_by_test_id("link-status")).to_have_text("accepted")

        coach.goto(f"{base}/roster")
        row = coach.get_by_test_id("roster-row")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Alex Athlete")
        screenshots(coach, "roster")
        assert axe_violations(coach) == []
        row.get_by_role("link", name="Alex Athlete").click()
        coach.wait_for_url(f"{base}/athletes/*")
        athlete_url = coach.url
        expect(coach.locator("h1")).to_have_text("Alex Athlete")

        athlete.get_by_role("button", name="Revoke").click()
        expect(athlete.get_by_test_id("link-status")).to_have_text("revoked")
        answer = coach.goto(athlete_url)
        assert answer is not None and answer.status == 404
        missing = coach.goto(f"{base}/athletes/999999")
        assert missing is not None and missing.status == 404
        coach.goto(f"{base}/roster")
        expect(coach.get_by_test_id("roster-row")).to_have_count(0)

        # the athlete sees who looked
        athlete.goto(f"{base}/access-log")
        expect(athlete.get_by_test_id("access-log")).to_contain_text("Casey Coach")
