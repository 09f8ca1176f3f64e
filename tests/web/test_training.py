"""Sessions, sets and the offline outbox's sync through the API."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from legday.app import accounts
from tests.web.world import cheap_hasher, cloned


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def _count(db_url: str, sql: str, **params: Any) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as c:
            return int(c.scalar(text(sql), params) or 0)
    finally:
        engine.dispose()


def _op(w: Any, **over: Any) -> dict[str, Any]:
    return w.set_op("A") | over


def test_sync_is_idempotent_on_client_id(w: Any, db_url: str) -> None:
    session = str(uuid.uuid4())
    ops = [_op(w, client_session_id=session, reps=r) for r in (5, 6, 7)]
    c = w.client("A")
    first = c.post("/api/v1/sync", json={"ops": ops}).json()["results"]
    assert [r["status"] for r in first] == ["created"] * 3
    assert len({r["session_id"] for r in first}) == 1  # one client session: one stored session
    again = c.post("/api/v1/sync", json={"ops": ops}).json()["results"]
    assert [r["status"] for r in again] == ["duplicate"] * 3
    assert [r["set_id"] for r in again] == [r["set_id"] for r in first]
    stored = _count(db_url, "SELECT count(*) FROM set_entry WHERE dedupe_key LIKE 'web:%'")
    assert stored == 3
    sid = first[0]["session_id"]
    body = c.get(f"/api/v1/sessions/{sid}").json()
    assert body["source"] == "web" and [s["reps"] for s in body["sets"]] == [5, 6, 7]
    assert body["sets"][0]["client_id"] == ops[0]["client_id"]
    assert body["started_at"] == "2026-12-01T18:00:00"


def test_sync_update_delete_and_per_op_rejection(w: Any) -> None:
    c = w.client("A")
    op = _op(w)
    created = c.post("/api/v1/sync", json={"ops": [op]}).json()["results"][0]
    batch = [
        {"op": "update", "client_id": op["client_id"], "reps": 12, "load_kg": 70},
        _op(w, reps=500),  # a typo: rejected alone
        _op(w, exercise_id="no-such-lift"),
        {"op": "update", "client_id": str(uuid.uuid4()), "reps": 3},
    ]
    res = c.post("/api/v1/sync", json={"ops": batch}).json()["results"]
    assert [r["status"] for r in res] == ["updated", "rejected", "rejected", "rejected"]
    assert "reps" in res[1]["reason"] and "no-such-lift" in res[2]["reason"]
    sets = c.get(f"/api/v1/sessions/{created['session_id']}").json()["sets"]
    assert [(s["reps"], s["load_kg"]) for s in sets] == [(12, 70.0)]
    gone = c.post("/api/v1/sync", json={"ops": [{"op": "delete", "client_id": op["client_id"]}]})
    assert gone.json()["results"][0]["status"] == "deleted"
    assert c.get(f"/api/v1/sessions/{created['session_id']}").json()["sets"] == []


def test_stale_edit_gets_412_and_nothing_is_lost(w: Any) -> None:
    c = w.client("A")
    r = c.get(f"/api/v1/sessions/{w.session_a}")
    tag = r.headers["etag"]
    first = c.patch(
        f"/api/v1/sessions/{w.session_a}", json={"notes": "first"}, headers={"If-Match": tag}
    )
    assert first.status_code == 200 and first.headers["etag"] != tag
    stale = c.patch(
        f"/api/v1/sessions/{w.session_a}", json={"notes": "second"}, headers={"If-Match": tag}
    )
    assert stale.status_code == 412 and stale.headers["content-type"] == "application/problem+json"
    assert c.get(f"/api/v1/sessions/{w.session_a}").json()["notes"] == "first"
    assert c.delete(f"/api/v1/sessions/{w.session_a}", headers={"If-Match": tag}).status_code == 412
    ok = c.delete(f"/api/v1/sessions/{w.session_a}", headers={"If-Match": first.headers["etag"]})
    assert ok.status_code == 204
    assert c.get(f"/api/v1/sessions/{w.session_a}").status_code == 404


def test_cursor_pagination_walks_every_session_once(w: Any) -> None:
    c = w.client("A")
    athlete = w.people["A"].athlete_id
    for i in range(4):
        body = {"name": f"s{i}", "sets": [{"exercise_id": "back-squat", "reps": 5}]}
        assert c.post(f"/api/v1/athletes/{athlete}/sessions", json=body).status_code == 201
    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = c.get(f"/api/v1/athletes/{athlete}/sessions", params=params).json()
        seen += [x["id"] for x in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 5 == len(set(seen))  # the world's session and four new ones
    assert seen == sorted(seen, reverse=True)


def test_logged_sets_reach_the_daily_tables(w: Any, db_url: str) -> None:
    c = w.client("A")
    athlete = w.people["A"].athlete_id
    body = {
        "started_at": "2026-11-30T07:00:00",
        "sets": [{"exercise_id": "back-squat", "load_kg": 100, "reps": 5, "rpe": 8}] * 3,
    }
    assert c.post(f"/api/v1/athletes/{athlete}/sessions", json=body).status_code == 201
    sets = _count(
        db_url,
        "SELECT sum(working_sets) FROM daily_aggregate WHERE athlete_id = :a AND day = :d",
        a=athlete,
        d="2026-11-30",
    )
    assert sets == 3


def test_validation_errors_are_problem_documents_naming_the_field(w: Any) -> None:
    c = w.client("A")
    r = c.post(
        f"/api/v1/sessions/{w.session_a}/sets", json={"exercise_id": "back-squat", "reps": 101}
    )
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in r.json()["errors"]] == ["reps"]
    r = c.post(
        f"/api/v1/sessions/{w.session_a}/sets", json={"exercise_id": "back_squat", "reps": 5}
    )
    assert r.status_code == 400 and "back-squat" in r.json()["hint"]


def test_foreign_and_missing_ids_answer_alike(w: Any) -> None:
    c = w.client("A")
    foreign = c.get(f"/api/v1/sessions/{w.session_b}")
    missing = c.get("/api/v1/sessions/999999")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["detail"].replace(str(w.session_b), "N") == missing.json()[
        "detail"
    ].replace("999999", "N")


def _log_entries(db_url: str, actor_id: int, action: str, outcome: str) -> int:
    return _count(
        db_url,
        "SELECT count(*) FROM access_log WHERE actor_id = :u AND action = :a AND outcome = :o",
        u=actor_id,
        a=action,
        o=outcome,
    )


def test_logging_a_set_decides_access_logs_it_and_writes_once(w: Any, db_url: str) -> None:
    """The owner's set is written without a log entry; the coach's is written and logged; a
    revoked coach and another athlete are refused like a missing session, logged, nothing
    stored."""
    path = f"/api/v1/sessions/{w.session_a}/sets"
    body = {"exercise_id": "back-squat", "load_kg": 90, "reps": 5}
    action = f"log a set in session {w.session_a}"
    sets = "SELECT count(*) FROM set_entry WHERE session_id = :s"
    before = _count(db_url, sets, s=w.session_a)

    own = w.client("A").post(path, json=body)
    assert own.status_code == 201 and own.json()["seq"] == before + 1
    assert _log_entries(db_url, w.people["A"].user_id, action, "ok") == 0

    coached = w.client("coachA").post(path, json=body | {"reps": 6})
    assert coached.status_code == 201 and coached.json()["seq"] == before + 2
    assert coached.json()["athlete_id"] == w.people["A"].athlete_id
    assert _log_entries(db_url, w.people["coachA"].user_id, action, "ok") == 1

    missing = w.client("B").post("/api/v1/sessions/999999/sets", json=body)
    for role in ("coachA_revoked", "B"):
        refused = w.client(role).post(path, json=body)
        assert refused.status_code == 404
        assert refused.json()["detail"].replace(str(w.session_a), "N") == missing.json()[
            "detail"
        ].replace("999999", "N")
        assert _log_entries(db_url, w.people[role].user_id, action, "refused") == 1
    assert _count(db_url, sets, s=w.session_a) == before + 2
    assert (
        _count(
            db_url,
            "SELECT sum(working_sets) FROM daily_aggregate WHERE athlete_id = :a",
            a=w.people["A"].athlete_id,
        )
        == before + 2
    )
