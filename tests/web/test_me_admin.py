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
