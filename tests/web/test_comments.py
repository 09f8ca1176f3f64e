"""Session comments through the API: a coach with the ``comment`` scope writes, the athlete and
the coach read; a link without the scope reads but may not write; others get 404 like a missing
session; every look at someone else's session is in the athlete's access log."""

from __future__ import annotations

from typing import Any

import pytest

from legday.app import accounts, care_links
from tests.web.world import cheap_hasher, cloned


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def _commenting_coach(w: Any) -> Any:
    m = w.user("commenter")
    link = care_links.invite(
        w.db,
        m.actor,
        role="coach",
        scopes=["view_training", "comment"],
        athlete_email=w.people["A"].email,
    )
    care_links.accept(w.db, w.people["A"].actor, link.id)
    return w.client("commenter")


def test_a_coach_comments_and_the_athlete_reads(w: Any) -> None:
    coach, ann = _commenting_coach(w), w.client("A")
    url = f"/api/v1/sessions/{w.session_a}/comments"
    assert coach.get(url).json() == {"items": []}
    made = coach.post(url, json={"body": "  Knees out on the way up.  "})
    assert made.status_code == 201, made.text
    assert made.json()["body"] == "Knees out on the way up."
    assert made.json()["author_name"] == "commenter"
    items = ann.get(url).json()["items"]
    assert [(c["body"], c["author_id"]) for c in items] == [
        ("Knees out on the way up.", w.people["commenter"].user_id)
    ]
    log = ann.get("/api/v1/me/access-log").json()["items"]
    actions = [e["action"] for e in log if e["actor_id"] == w.people["commenter"].user_id]
    assert f"comment on session {w.session_a}" in actions
    assert f"read comments of session {w.session_a}" in actions


def test_without_the_scope_or_a_link_it_is_404_and_nothing_is_stored(w: Any) -> None:
    url = f"/api/v1/sessions/{w.session_a}/comments"
    assert w.client("coachA").get(url).status_code == 200  # view_training: may read
    assert w.client("coachA").post(url, json={"body": "x"}).status_code == 404  # no comment scope
    for role in ("B", "coachB", "coachA_revoked", "physio"):
        assert w.client(role).get(url).status_code == 404
        assert w.client(role).post(url, json={"body": "x"}).status_code == 404
    missing = "/api/v1/sessions/999999/comments"
    assert w.client("A").get(missing).status_code == 404
    assert w.client("A").get(url).json() == {"items": []}


def test_an_empty_or_long_comment_is_refused(w: Any) -> None:
    coach = _commenting_coach(w)
    url = f"/api/v1/sessions/{w.session_a}/comments"
    assert coach.post(url, json={"body": "   "}).status_code == 400
    assert coach.post(url, json={"body": "x" * 2001}).status_code == 422
    assert w.client("A").get(url).json() == {"items": []}
