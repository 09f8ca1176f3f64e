"""Comments on a session: a coach whose link holds the ``comment`` scope writes one on the
athlete's session page; the athlete reads it on the session and on the dashboard; a coach without
the scope sees no form and a post answers 404; someone without a link gets 404 for the session."""

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


def _world(url: str) -> dict[str, Any]:
    from legday.app import care_links, logbook, set_fields
    from legday.app.accounts import me
    from legday.app.db import open_database

    db = open_database(url)
    ath = account_with_history(url, "ath@example.org", "Alex Athlete", None)
    coach = account_with_history(url, "coach@example.org", "Casey Coach", None)
    quiet = account_with_history(url, "quiet@example.org", "Quinn Quiet", None)
    account_with_history(url, "other@example.org", "Otto Other", None)
    athlete_id = int(me(db, ath).athlete_id or 0)
    for who, scopes in ((coach, ["view_training", "comment"]), (quiet, ["view_training"])):
        link = care_links.invite(
            db, who, role="coach", scopes=scopes, athlete_email="ath@example.org"
        )
        care_links.accept(db, ath, link.id)
    made = logbook.create_session(
        db,
        ath,
        athlete_id,
        set_fields.SessionFields(name="Leg day"),
        [
            set_fields.SetFields("back-squat", 100.0, 5),
            set_fields.SetFields("nordic-hamstring-curl", None, 6),
        ],
    )
    return {"session": int(made.body["id"]), "athlete_id": athlete_id}


def test_a_coach_comments_and_the_athlete_reads_it(tmp_path: Path) -> None:
    from legday.web.app import create_app

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    w = _world(url)
    sid = w["session"]
    with serve(create_app(url)) as base, browser() as b:
        coach = b.new_context().new_page()
        sign_in(coach, base, "coach@example.org")
        coach.goto(f"{base}/athletes/{w['athlete_id']}")
        coach.get_by_test_id("recent-sessions").get_by_role("link").first.click()
        coach.wait_for_url(f"{base}/sessions/{sid}")
        expect(coach.get_by_test_id("session-set")).to_have_count(2)
        expect(coach.get_by_test_id("session-set").nth(1)).to_contain_text("body weight")
        coach.get_by_label("Your comment for Alex Athlete").fill("Great depth today.\nAdd 2.5 kg.")
        coach.get_by_role("button", name="Post the comment").click()
        coach.wait_for_url(f"{base}/sessions/{sid}#comments")
        expect(coach.get_by_test_id("comment")).to_have_count(1)
        screenshots(coach, "session-comments-coach")
        assert axe_violations(coach) == []

        athlete = b.new_context().new_page()
        sign_in(athlete, base, "ath@example.org")
        athlete.goto(f"{base}/dashboard")
        board = athlete.get_by_test_id("dashboard-comments")
        expect(board).to_contain_text("Great depth today.")
        expect(board).to_contain_text("Casey Coach")
        screenshots(athlete, "dashboard-comments")
        assert axe_violations(athlete) == []
        board.get_by_role("link").first.click()
        athlete.wait_for_url(f"{base}/sessions/{sid}")
        expect(athlete.get_by_test_id("comment")).to_contain_text("Add 2.5 kg.")
        screenshots(athlete, "session-comments-athlete")

        quiet = b.new_context().new_page()
        sign_in(quiet, base, "quiet@example.org")
        quiet.goto(f"{base}/sessions/{sid}")
        expect(quiet.get_by_test_id("comment")).to_have_count(1)  # may read, not write
        expect(quiet.get_by_test_id("comment-form")).to_have_count(0)
        token = quiet.locator("meta[name=csrf-token]").get_attribute("content")
        refused = quiet.request.post(
            f"{base}/sessions/{sid}/comments",
            form={"csrf_token": token or "", "body": "sneaky"},
            headers={"Origin": base},
            max_redirects=0,
        )
        assert refused.status == 404

        other = b.new_context().new_page()
        sign_in(other, base, "other@example.org")
        answer = other.goto(f"{base}/sessions/{sid}")
        assert answer is not None and answer.status == 404
        missing = other.goto(f"{base}/sessions/999999")
        assert missing is not None and missing.status == 404
    # the refused post stored nothing: exactly the coach's comment, with the coach's name
    from sqlalchemy import create_engine, text

    with create_engine(url).connect() as c:
        stored = c.execute(text("select author_name, body from session_comment")).all()
    assert [tuple(r) for r in stored] == [("Casey Coach", "Great depth today.\nAdd 2.5 kg.")]
