"""Write-path IDOR: each write sent as athlete A with one id replaced by tenant B's — every one
refused and nothing written (wger #2219 stored a measurement into another user's category
through a foreign key in the payload)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from legday.app import accounts, api_tokens
from tests.web.world import World, cheap_hasher, cloned, snapshot

Request = Callable[[World], tuple[str, str, Any]]


def _b_set_client_id(w: World) -> str:
    """The client id of a set B logged through the outbox."""
    op = w.set_op("B")
    r = w.client("B").post("/api/v1/sync", json={"ops": [op]})
    assert r.json()["results"][0]["status"] == "created"
    return str(op["client_id"])


CASES: dict[str, Request] = {
    "new session for B's athlete": lambda w: (
        "POST",
        f"/api/v1/athletes/{w.people['B'].athlete_id}/sessions",
        {"name": "x", "sets": [{"exercise_id": "back-squat", "reps": 5}]},
    ),
    "set into B's session": lambda w: (
        "POST",
        f"/api/v1/sessions/{w.session_b}/sets",
        {"exercise_id": "back-squat", "load_kg": 50, "reps": 5},
    ),
    "edit B's session": lambda w: ("PATCH", f"/api/v1/sessions/{w.session_b}", {"notes": "mine"}),
    "delete B's session": lambda w: ("DELETE", f"/api/v1/sessions/{w.session_b}", None),
    "sync create for B's athlete": lambda w: ("POST", "/api/v1/sync", {"ops": [w.set_op("B")]}),
    "sync update of B's set": lambda w: (
        "POST",
        "/api/v1/sync",
        {"ops": [{"op": "update", "client_id": _b_set_client_id(w), "reps": 1}]},
    ),
    "sync update of B's set naming A": lambda w: (
        "POST",
        "/api/v1/sync",
        {
            "ops": [
                {
                    "op": "update",
                    "client_id": _b_set_client_id(w),
                    "athlete_id": w.people["A"].athlete_id,
                    "reps": 1,
                }
            ]
        },
    ),
    "sync delete of B's set": lambda w: (
        "POST",
        "/api/v1/sync",
        {"ops": [{"op": "delete", "client_id": _b_set_client_id(w)}]},
    ),
    "accept B's care link": lambda w: (
        "POST",
        f"/api/v1/care-links/{w.link('coachA_invited', 'B', None)}/accept",
        None,
    ),
    "revoke B's care link": lambda w: ("POST", f"/api/v1/care-links/{_link_of_b(w)}/revoke", None),
    "revoke B's API token": lambda w: ("DELETE", f"/api/v1/auth/tokens/{_token_of_b(w)}", None),
    "record a test for B's athlete": lambda w: (
        "POST",
        f"/api/v1/athletes/{w.people['B'].athlete_id}/assessments",
        {"test": "chair-stand-30s", "values": {"value": 12}, "age": 70, "sex": "female"},
    ),
    "correct B's test": lambda w: (
        "PATCH",
        f"/api/v1/assessments/{w.assessment_of('B')}",
        {"values": {"value": 3}},
    ),
    "remove B's test": lambda w: ("DELETE", f"/api/v1/assessments/{w.assessment_of('B')}", None),
    "map a name for B's athlete": lambda w: (
        "POST",
        f"/api/v1/athletes/{w.people['B'].athlete_id}/mappings",
        {"raw": "Wobble", "exercise_id": "goblet-squat"},
    ),
    "delete B's mapping through A's athlete": lambda w: (
        "DELETE",
        f"/api/v1/athletes/{w.people['A'].athlete_id}/mappings/{w.mapping_of('B')}",
        None,
    ),
    "delete B's mapping through B's athlete": lambda w: (
        "DELETE",
        f"/api/v1/athletes/{w.people['B'].athlete_id}/mappings/{w.mapping_of('B')}",
        None,
    ),
    "commit B's upload for A's athlete": lambda w: (
        "POST",
        f"/api/v1/imports/{w.upload_of('B')}/commit",
        {"athlete_id": w.people["A"].athlete_id},
    ),
    "preview B's upload for A's athlete": lambda w: (
        "POST",
        f"/api/v1/imports/{w.upload_of('B')}/previews",
        {"athlete_id": w.people["A"].athlete_id},
    ),
    "preview A's upload for B's athlete": lambda w: (
        "POST",
        f"/api/v1/imports/{w.upload_of('A')}/previews",
        {"athlete_id": w.people["B"].athlete_id},
    ),
    "commit A's upload for B's athlete": lambda w: (
        "POST",
        f"/api/v1/imports/{w.upload_of('A')}/commit",
        {"athlete_id": w.people["B"].athlete_id},
    ),
    "record a home session for B's athlete": lambda w: (
        "PUT",
        f"/api/v1/athletes/{w.people['B'].athlete_id}/home-sessions/{w.home_day_of('B')}",
        {"adherence": "not", "pain_during": 9},
    ),
    "remove B's home session": lambda w: (
        "DELETE",
        f"/api/v1/athletes/{w.people['B'].athlete_id}/home-sessions/{w.home_day_of('B')}",
        None,
    ),
    "report job on B's athlete": lambda w: (
        "POST",
        f"/api/v1/athletes/{w.people['B'].athlete_id}/reports",
        {"format": "pdf"},
    ),
}


def _link_of_b(w: World) -> int:
    links = w.client("B").get("/api/v1/care-links").json()["items"]
    return int(next(x["id"] for x in links if x["status"] == "accepted"))


def _token_of_b(w: World) -> int:
    return api_tokens.create_token(w.db, w.people["B"].email, "correct horse battery", "1.1.1.1").id


def _refused(r: Any) -> bool:
    if r.request.url.path == "/api/v1/sync" and r.status_code == 200:
        return all(x["status"] in ("rejected", "deleted") for x in r.json()["results"])
    return r.status_code == 404


@pytest.mark.parametrize("case", sorted(CASES))
def test_write_with_the_other_tenants_id_is_refused(
    case: str, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    w = cloned(db_url)
    method, url, body = CASES[case](w)
    before = snapshot(db_url)
    r = w.client("A").request(method, url, json=body)
    assert _refused(r), f"{case}: {r.status_code} {r.text[:300]}"
    assert snapshot(db_url) == before, f"{case}: rows changed"


def test_a_coach_who_may_only_view_cannot_write(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legday.app import care_links

    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    w = cloned(db_url)
    viewer = w.user("viewer")
    link = care_links.invite(
        w.db,
        viewer.actor,
        role="coach",
        scopes=["view_training"],
        athlete_email=w.people["A"].email,
    )
    care_links.accept(w.db, w.people["A"].actor, link.id)
    c = w.client("viewer")
    assert c.get(f"/api/v1/sessions/{w.session_a}").status_code == 200
    before = snapshot(db_url)
    body = {"exercise_id": "back-squat", "load_kg": 50, "reps": 5}
    assert c.post(f"/api/v1/sessions/{w.session_a}/sets", json=body).status_code == 404
    assert c.patch(f"/api/v1/sessions/{w.session_a}", json={"notes": "x"}).status_code == 404
    r = c.post("/api/v1/sync", json={"ops": [w.set_op("A")]})
    assert r.json()["results"][0]["status"] == "rejected"
    assert snapshot(db_url) == before


def test_a_client_session_id_of_another_athlete_never_joins_their_session(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same client session UUID under two athletes makes two sessions, one each."""
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    w = cloned(db_url)
    op_b = w.set_op("B")
    assert w.client("B").post("/api/v1/sync", json={"ops": [op_b]}).status_code == 200
    op_a = w.set_op("A") | {"client_session_id": op_b["client_session_id"]}
    res = w.client("A").post("/api/v1/sync", json={"ops": [op_a]}).json()["results"][0]
    assert res["status"] == "created"
    s = w.client("A").get(f"/api/v1/sessions/{res['session_id']}").json()
    assert s["athlete_id"] == w.people["A"].athlete_id
    b_sessions = w.client("B").get(f"/api/v1/athletes/{w.people['B'].athlete_id}/sessions").json()
    assert res["session_id"] not in [x["id"] for x in b_sessions["items"]]
