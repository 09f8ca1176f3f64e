"""A coach logs a set for an athlete on a shared tablet (their accepted link allows logging) and
prints the athlete's plan sheet; a coach whose link does not allow logging is refused and
nothing is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.pages.browser import PASSWORD, account_with_history, browser, serve, sign_in

pytestmark = pytest.mark.browser


def _linked(url: str, scopes: list[str]) -> tuple[Any, int]:
    from legday.app import athletes, care_links, planning
    from legday.app.accounts import verify
    from legday.app.db import open_database
    from legday.domain.access import Actor

    db = open_database(url)
    athlete = account_with_history(url, "ath@example.org", "Alex", None)
    coach = account_with_history(url, "coach@example.org", "Casey", None)
    own = athletes.lookup(db, athlete, None)
    planning.generate(db, athlete, own, {"goals": ["strength"], "days": 2, "weeks": 4})
    link = care_links.invite(
        db, coach, role="coach", scopes=scopes, athlete_email="ath@example.org"
    )
    care_links.accept(db, athlete, link.id)
    me = verify(db, "ath@example.org", PASSWORD, "127.0.0.1")
    return Actor(user_id=me.id), int(me.athlete_id or 0)


def _sets(url: str, actor: Any) -> list[tuple[Any, ...]]:
    from sqlalchemy import select

    from legday.app.db import open_database
    from legday.store.models import SetEntry

    with open_database(url).read(actor) as s:
        return [tuple(r) for r in s.execute(select(SetEntry.exercise_id, SetEntry.reps))]


def test_a_coach_logs_on_a_tablet_and_prints_the_sheet(tmp_path: Path) -> None:
    from legday.web.app import create_app

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    athlete, athlete_id = _linked(url, ["view_training", "log_for_athlete"])
    with serve(create_app(url)) as base, browser() as b:
        page = b.new_page(accept_downloads=True)
        sign_in(page, base, "coach@example.org")
        page.goto(f"{base}/athletes/{athlete_id}")
        page.get_by_role("link", name="Log for Alex").click()
        expect(page.locator("h1")).to_have_text("Logging for Alex")
        form = page.get_by_test_id("set-form")
        form.locator("[name=exercise]").fill("back-squat")
        form.locator("[name=load]").fill("60")
        form.locator("[name=reps]").fill("7")
        page.get_by_test_id("log-set").click()
        expect(page.get_by_test_id("set-row")).to_have_count(1)
        expect(page.locator("li.pending-row")).to_have_count(0, timeout=15_000)  # acknowledged
        assert _sets(url, athlete) == [("back-squat", 7)]

        page.goto(f"{base}/athletes/{athlete_id}")
        with page.expect_download() as got:
            page.get_by_role("link", name="Printable plan sheet").click()
        assert Path(got.value.path()).read_bytes().startswith(b"%PDF")


def test_a_coach_without_the_logging_scope_is_refused(tmp_path: Path) -> None:
    from legday.web.app import create_app

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    athlete, athlete_id = _linked(url, ["view_training"])
    with serve(create_app(url)) as base, browser() as b:
        page = b.new_page()
        sign_in(page, base, "coach@example.org")
        page.goto(f"{base}/train?athlete={athlete_id}")
        form = page.get_by_test_id("set-form")
        form.locator("[name=exercise]").fill("back-squat")
        form.locator("[name=load]").fill("60")
        form.locator("[name=reps]").fill("7")
        page.get_by_test_id("log-set").click()
        # the server refuses the op: it stays on the tablet, marked, and nothing is stored
        expect(page.locator("li.rejected-row")).to_have_count(1, timeout=15_000)
        assert _sets(url, athlete) == []
