"""Tests entered on the pages: a chair stand rated against its norm band with the source, and the
STEADI battery entered by a physio for a client on one screen, answered with the STEADI findings
(worked example: 76-year-old woman, a fall in the past year, TUG 13.5 s ≥ 12 s, 9 stands < 10 —
Rikli & Jones 1999 / CDC STEADI)."""

from __future__ import annotations

from datetime import date
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


def _older_woman(url: str) -> int:
    from legday.app import athletes
    from legday.app.db import open_database

    actor = account_with_history(url, "margaret@example.org", "Margaret", None)
    db = open_database(url)
    older = athletes.AthleteFields(birth_date=date(1950, 1, 1), sex="female")
    view = athletes.edit(db, actor, athletes.lookup(db, actor, None), older)
    return int(view.id)


def test_a_chair_stand_is_rated_against_its_norm_band_with_its_source(tmp_path: Path) -> None:
    from legday.web.app import create_app

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    _older_woman(url)
    with serve(create_app(url)) as base, browser() as b:
        page = b.new_page()
        sign_in(page, base, "margaret@example.org")
        page.goto(f"{base}/assess?test=chair-stand-30s")
        page.get_by_label("stands", exact=False).first.fill("9")
        page.get_by_label("Date").fill("2026-12-01")
        page.get_by_role("button", name="Save and rate").click()
        expect(page.get_by_test_id("rating")).to_have_text("below")
        # age 76 on 2026-12-01, female: the 75–79 band of Rikli & Jones 1999 is 10–15 stands
        expect(page.get_by_test_id("norm-band")).to_have_text("10–15 stands")
        expect(page.get_by_test_id("sources")).to_contain_text("Rikli")
        screenshots(page, "assess-result")
        assert axe_violations(page) == []


def test_a_physio_enters_the_steadi_battery_on_one_screen(tmp_path: Path) -> None:
    from legday.app import care_links
    from legday.app.db import open_database
    from legday.web.app import create_app

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    athlete_id = _older_woman(url)
    physio = account_with_history(url, "physio@example.org", "Pat Physio", None)
    db = open_database(url)
    link = care_links.invite(
        db,
        physio,
        role="physio",
        scopes=["view_assessments", "view_health", "log_for_athlete"],
        athlete_email="margaret@example.org",
    )
    from legday.app.accounts import verify
    from legday.domain.access import Actor

    margaret = verify(db, "margaret@example.org", "correct horse battery", "127.0.0.1")
    care_links.accept(db, Actor(user_id=margaret.id), link.id)
    with serve(create_app(url)) as base, browser() as b:
        page = b.new_page()
        sign_in(page, base, "physio@example.org")
        page.goto(f"{base}/assess/steadi?athlete={athlete_id}")
        assert "For Margaret" in page.locator("main").inner_text()
        page.locator("select[name='steadi-screen.fell']").select_option("yes")
        page.locator("select[name='steadi-screen.unsteady']").select_option("no")
        page.locator("select[name='steadi-screen.worried']").select_option("no")
        page.locator("input[name='tug.value']").fill("13.5")
        page.locator("input[name='chair-stand-30s.value']").fill("9")
        page.locator("input[name='four-stage-balance.stage']").fill("4")
        page.locator("input[name='four-stage-balance.seconds']").fill("10")
        page.get_by_label("Date").fill("2026-12-01")
        page.get_by_role("button", name="Save and assess").click()
        expect(page.get_by_test_id("steadi-result")).to_contain_text("4 test(s) saved")
        findings = page.get_by_test_id("finding").all_inner_texts()
        assert any("fell in the past year" in f for f in findings)
        assert any("Timed Up and Go 13.5 s" in f for f in findings)
        assert any("9 chair stands" in f for f in findings)
        screenshots(page, "steadi")
        assert axe_violations(page) == []
        # someone without a link gets nothing: 404 like a missing athlete
        other = b.new_page()
        account_with_history(url, "nobody@example.org", "Nobody", None)
        sign_in(other, base, "nobody@example.org")
        answer = other.goto(f"{base}/assess/steadi?athlete={athlete_id}")
        assert answer is not None and answer.status == 404
