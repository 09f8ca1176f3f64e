"""Calendar subscription in a real browser: the athlete makes a secret address (shown once), a
calendar app (no cookies) reads the plan from it as iCalendar, the address is stored only as its
digest, revoking it ends the feed on the next fetch; nobody can revoke another's address."""

from __future__ import annotations

import hashlib
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


def test_subscribe_read_revoke(tmp_path: Path) -> None:
    import httpx
    from sqlalchemy import create_engine, text

    from legday.app import planning
    from legday.app.accounts import me
    from legday.app.db import open_database
    from legday.web.app import create_app

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    db = open_database(url)
    ann = account_with_history(url, "ann@example.org", "Ann Athlete", None)
    account_with_history(url, "ben@example.org", "Ben", None)
    with serve(create_app(url)) as base, browser() as b:
        page = b.new_context().new_page()
        sign_in(page, base, "ann@example.org")
        page.goto(f"{base}/calendar")
        page.get_by_role("button", name="Make a subscription address").click()
        address = page.get_by_test_id("feed-address").input_value()
        assert address.startswith(f"{base}/calendar/") and address.endswith(".ics")
        screenshots(page, "calendar")
        assert axe_violations(page) == []

        # before a plan: an empty calendar, not an error
        empty = httpx.get(address)
        assert empty.status_code == 200 and "BEGIN:VEVENT" not in empty.text
        assert "legday — Ann Athlete" in empty.text
        aid = int(me(db, ann).athlete_id or 0)
        planning.generate(db, ann, aid, {"goals": ["strength"], "days": 2, "weeks": 4})
        feed = httpx.get(address)  # a calendar app: no cookie, no sign-in
        assert feed.status_code == 200
        assert feed.headers["content-type"].startswith("text/calendar")
        assert feed.text.count("BEGIN:VEVENT") == 2 * 4  # two sessions a week for four weeks

        secret = address.rsplit("/", 1)[1].removesuffix(".ics")
        with create_engine(url).connect() as c:
            stored = [r[0] for r in c.execute(text("select token_hash from calendar_feed"))]
        assert stored == [hashlib.sha256(secret.encode()).hexdigest()]  # digest only

        page.goto(f"{base}/calendar")
        expect(page.get_by_test_id("feed-address")).to_have_count(0)  # shown once
        other = b.new_context().new_page()
        sign_in(other, base, "ben@example.org")
        token = other.locator("meta[name=csrf-token]").get_attribute("content") or ""
        refused = other.request.post(f"{base}/calendar/1/revoke", form={"csrf_token": token},
                                     headers={"Origin": base}, max_redirects=0)  # fmt: skip
        assert refused.status == 404
        assert httpx.get(address).status_code == 200  # still live

        page.get_by_role("button", name="Revoke").click()
        expect(page.get_by_test_id("feed-status")).to_have_text("revoked")
        assert httpx.get(address).status_code == 404
        assert httpx.get(f"{base}/calendar/{'A' * 43}.ics").status_code == 404
