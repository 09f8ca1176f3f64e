"""A coach pushes one plan request to several athletes in a real browser: each athlete who
accepted with ``write_plan`` gets a plan of their own, dosed from their own history; one whose
link does not allow plans is listed as skipped with why; an athlete who never accepted the coach
answers 404 and nothing is made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def _plans(url: str) -> list[tuple[int, bool, dict[str, Any]]]:
    from sqlalchemy import create_engine, text

    with create_engine(url).connect() as c:
        rows = c.execute(text("select athlete_id, is_current, inputs from plan order by id"))
        return [(int(a), bool(cur), inp if isinstance(inp, dict) else __import__("json").loads(inp))
                for a, cur, inp in rows]  # fmt: skip


def test_a_team_plan_gives_each_athlete_their_own(tmp_path: Path) -> None:
    from legday.app import care_links
    from legday.app.accounts import me
    from legday.app.db import open_database
    from legday.web.app import create_app
    from tests.conftest import samples_dir

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    db = open_database(url)
    hevy = samples_dir() / "hevy" / "hevy_kg_supersets_rpe_dropsets.csv"
    coach = account_with_history(url, "coach@example.org", "Casey Coach", None)
    ids: dict[str, int] = {}
    for email, name, sample, scopes in (
        ("ana@example.org", "Ana", hevy, ["view_training", "write_plan"]),
        ("bo@example.org", "Bo", None, ["view_training", "write_plan"]),
        ("cy@example.org", "Cy", None, ["view_training"]),
        ("dee@example.org", "Dee", None, None),
    ):
        who = account_with_history(url, email, name, sample)
        ids[name] = int(me(db, who).athlete_id or 0)
        if scopes is not None:
            link = care_links.invite(db, coach, role="coach", scopes=scopes, athlete_email=email)
            care_links.accept(db, who, link.id)
    with serve(create_app(url)) as base, browser() as b:
        page = b.new_context().new_page()
        sign_in(page, base, "coach@example.org")
        page.goto(f"{base}/roster")
        page.get_by_role("link", name="Push a plan to several athletes").click()
        page.wait_for_url(f"{base}/team-plan")
        form = page.get_by_test_id("team-form")
        expect(form.get_by_label("Dee")).to_have_count(0)  # never accepted: not offered
        for name in ("Ana", "Bo", "Cy"):
            form.get_by_label(name).check()
        form.get_by_role("button", name="Make each athlete's plan").click()
        made = page.get_by_test_id("team-made")
        expect(made).to_have_count(2)
        expect(made.nth(0)).to_contain_text("Ana")
        expect(made.nth(1)).to_contain_text("Bo")
        skipped = page.get_by_test_id("team-skipped")
        expect(skipped).to_have_count(1)
        expect(skipped).to_contain_text("Cy")
        expect(skipped).to_contain_text("does not allow")
        screenshots(page, "team-plan")
        assert axe_violations(page) == []

        plans = _plans(url)
        assert sorted(a for a, _, _ in plans) == sorted([ids["Ana"], ids["Bo"]])
        # dosed from each one's own history: Ana's imported sets give her estimates, Bo has none
        history = {a: inp["history_e1rm_kg"] for a, _, inp in plans}
        assert history[ids["Ana"]] and history[ids["Bo"]] == {}

        token = page.locator("meta[name=csrf-token]").get_attribute("content") or ""
        from urllib.parse import urlencode

        body = urlencode([("csrf_token", token), ("athlete", ids["Bo"]), ("athlete", ids["Dee"]),
                          ("goal", "strength")])  # fmt: skip
        form_type = {"Content-Type": "application/x-www-form-urlencoded", "Origin": base}
        answer = page.request.post(f"{base}/team-plan", data=body, headers=form_type)
        assert answer.status == 404
        assert _plans(url) == plans  # nothing made, not even Bo's
