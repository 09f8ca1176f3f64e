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


def test_export_zip_holds_everything_owned_with_a_spreadsheet_safe_csv(w: Any) -> None:
    import csv
    import io
    import json
    import zipfile

    ann = w.client("A")
    a = w.people["A"].athlete_id
    evil = '=HYPERLINK("http://x.example","click")'
    body = {"notes": evil, "sets": [{"exercise_id": "back-squat", "load_kg": 90, "reps": 3}]}
    assert ann.post(f"/api/v1/athletes/{a}/sessions", json=body).status_code == 201
    r = ann.get("/api/v1/me/export")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(r.content))
    assert set(z.namelist()) == {
        "account.json",
        f"athlete-{a}.json",
        f"athlete-{a}.csv",
        f"plan-{a}.ics",
    }
    account = json.loads(z.read("account.json"))
    assert account["account"]["email"] == w.people["A"].email
    assert any(x["id"] == w.link_a for x in account["care_links"])
    kept = json.loads(z.read(f"athlete-{a}.json"))
    assert evil in [s.get("notes") for s in kept["sessions"]]  # the lossless copy keeps it
    cells = [c for row in csv.reader(io.StringIO(z.read(f"athlete-{a}.csv").decode())) for c in row]
    assert "'" + evil in cells and evil not in cells
    assert "BEGIN:VCALENDAR" in z.read(f"plan-{a}.ics").decode()
    # The coach's export holds the coach's own athlete only.
    names = zipfile.ZipFile(
        io.BytesIO(w.client("coachA").get("/api/v1/me/export").content)
    ).namelist()
    assert f"athlete-{a}.json" not in names
    assert f"athlete-{w.people['coachA'].athlete_id}.json" in names


def test_neutralise_keeps_numbers_and_quotes_formulas() -> None:
    from legday.app.account_export import neutralise

    assert neutralise("-12.5") == "-12.5"
    assert neutralise("+3") == "+3"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0"
    assert neutralise("squat") == "squat"
