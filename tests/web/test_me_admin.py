"""`/api/v1/me` and the server admin's account routes."""

from __future__ import annotations

from typing import Any

import pytest

from legday.app import accounts
from tests.web.world import cheap_hasher, cloned


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def test_me_is_the_account_and_the_profile_it_owns(w: Any) -> None:
    me = w.client("A").get("/api/v1/me").json()
    assert me["id"] == w.people["A"].user_id and me["email"] == w.people["A"].email
    assert me["athlete"]["id"] == me["athlete_id"] == w.people["A"].athlete_id
    assert me["athlete"]["unit"] == "kg"


def test_admin_lists_accounts_without_athlete_data_and_signs_one_out(w: Any) -> None:
    admin = w.client("admin")
    users = admin.get("/api/v1/admin/users").json()["items"]
    assert {u["email"] for u in users} >= {w.people[r].email for r in ("A", "B", "coachA")}
    assert all(set(u) == {"id", "email", "name", "is_admin", "created_at"} for u in users)
    # Being an admin grants no athlete rows.
    assert admin.get(f"/api/v1/sessions/{w.session_a}").status_code == 404
    r = admin.post(f"/api/v1/admin/users/{w.people['B'].user_id}/sign-out")
    assert r.status_code == 200 and r.json()["revoked_sessions"] == 1
    assert w.client("B").get("/api/v1/me").status_code == 401
    assert w.client("A").get("/api/v1/admin/users").status_code == 403


def test_deleting_an_account_needs_its_password_and_removes_its_data(w: Any, db_url: str) -> None:
    from sqlalchemy import create_engine, text

    from tests.web.conftest import PASSWORD

    ann = w.client("A")
    assert ann.post("/api/v1/me/delete", json={"password": "wrong password"}).status_code == 401
    assert ann.get(f"/api/v1/sessions/{w.session_a}").status_code == 200
    assert ann.post("/api/v1/me/delete", json={"password": PASSWORD}).status_code == 204
    assert ann.get("/api/v1/me").status_code == 401
    engine = create_engine(db_url)
    with engine.connect() as c:
        a = w.people["A"]
        left = c.scalar(
            text("SELECT count(*) FROM set_entry WHERE athlete_id = :a"), {"a": a.athlete_id}
        )
        links = c.scalar(
            text("SELECT count(*) FROM care_link WHERE athlete_id = :a"), {"a": a.athlete_id}
        )
        log = c.scalar(
            text("SELECT count(*) FROM access_log WHERE subject_user_id = :u"), {"u": a.user_id}
        )
    engine.dispose()
    assert (left, links) == (0, 0) and log > 0  # data gone; the access log kept
    assert w.client("coachA").get(f"/api/v1/sessions/{w.session_a}").status_code == 404
