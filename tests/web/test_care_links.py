"""Care links through the API: only the athlete's side accepts, either side revokes (effective on
the next request), codes are single-use, and the athlete sees who looked."""

from __future__ import annotations

from typing import Any

import pytest

from legday.app import accounts
from tests.web.world import cheap_hasher, cloned


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def test_invite_accept_read_revoke(w: Any) -> None:
    coach, ann = w.client("coachA_invited"), w.client("A")
    links = coach.get("/api/v1/care-links").json()["items"]
    link = next(x for x in links if x["status"] == "invited")
    assert coach.get(f"/api/v1/sessions/{w.session_a}").status_code == 404  # not before accepting
    assert (
        coach.post(f"/api/v1/care-links/{link['id']}/accept").status_code == 409
    )  # not by the coach
    r = ann.post(f"/api/v1/care-links/{link['id']}/accept")
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    assert coach.get(f"/api/v1/sessions/{w.session_a}").status_code == 200
    athletes = coach.get("/api/v1/athletes").json()["items"]
    assert [a["id"] for a in athletes if not a["own"]] == [w.people["A"].athlete_id]
    assert coach.post(f"/api/v1/care-links/{link['id']}/revoke").status_code == 200
    assert coach.get(f"/api/v1/sessions/{w.session_a}").status_code == 404  # the next request
    assert ann.post(f"/api/v1/care-links/{link['id']}/accept").status_code == 409


def test_athlete_revokes_and_declines(w: Any) -> None:
    coach, ann = w.client("coachA"), w.client("A")
    assert coach.get(f"/api/v1/sessions/{w.session_a}").status_code == 200
    assert ann.post(f"/api/v1/care-links/{w.link_a}/revoke").status_code == 200
    assert coach.get(f"/api/v1/sessions/{w.session_a}").status_code == 404
    invited = next(
        x for x in ann.get("/api/v1/care-links").json()["items"] if x["status"] == "invited"
    )
    r = ann.post(f"/api/v1/care-links/{invited['id']}/decline")
    assert r.status_code == 200 and r.json()["status"] == "declined"


def test_code_flow_is_single_use(w: Any) -> None:
    coach, ann = w.client("coachB"), w.client("A")
    code = coach.post("/api/v1/care-links/codes", json={"role": "physio"}).json()["code"]
    r = ann.post("/api/v1/care-links", json={"code": code.lower(), "scopes": ["view_training"]})
    assert r.status_code == 201, r.text
    link = r.json()
    assert (link["status"], link["role"], link["side"]) == ("invited", "physio", "athlete")
    assert link["member_id"] == w.people["coachB"].user_id
    assert ann.post(f"/api/v1/care-links/{link['id']}/accept").status_code == 200
    assert coach.get(f"/api/v1/sessions/{w.session_a}").status_code == 200
    again = w.client("B").post("/api/v1/care-links", json={"code": code})
    assert again.status_code == 404


def test_the_athlete_sees_who_looked_and_who_was_refused(w: Any) -> None:
    w.client("coachA").get(f"/api/v1/sessions/{w.session_a}")
    w.client("B").get(f"/api/v1/sessions/{w.session_a}")
    log = w.client("A").get("/api/v1/me/access-log").json()["items"]
    reads = [(e["actor_id"], e["outcome"]) for e in log if e["action"].startswith("read session")]
    assert (w.people["coachA"].user_id, "ok") in reads
    assert (w.people["B"].user_id, "refused") in reads
    # B's own log does not show A's data being read.
    b_log = w.client("B").get("/api/v1/me/access-log").json()["items"]
    assert all(e["athlete_id"] != w.people["A"].athlete_id for e in b_log)


def test_scoped_tokens_cannot_consent(w: Any) -> None:
    from tests.web.conftest import PASSWORD, new_client

    token = (
        new_client(w.app)
        .post(
            "/api/v1/auth/tokens",
            json={"email": w.people["A"].email, "password": PASSWORD, "scopes": ["view_training"]},
        )
        .json()["token"]
    )
    invited = next(
        x
        for x in w.client("A").get("/api/v1/care-links").json()["items"]
        if x["status"] == "invited"
    )
    c = new_client(w.app)
    c.headers["Authorization"] = f"Bearer {token}"
    assert c.post(f"/api/v1/care-links/{invited['id']}/accept").status_code == 403


def test_roster_holds_exactly_the_athletes_who_accepted(w: Any) -> None:
    roster = w.client("coachA").get("/api/v1/roster").json()["items"]
    assert [r["athlete_id"] for r in roster] == [w.people["A"].athlete_id]
    assert roster[0]["days_since_last_session"] is not None  # the world's session of today
    for role in ("coachA_invited", "coachA_revoked", "B", "admin"):
        assert w.client(role).get("/api/v1/roster").json()["items"] == [], role
    assert [r["athlete_id"] for r in w.client("coachB").get("/api/v1/roster").json()["items"]] == [
        w.people["B"].athlete_id
    ]
    w.client("A").post(f"/api/v1/care-links/{w.link_a}/revoke")
    assert w.client("coachA").get("/api/v1/roster").json()["items"] == []


def test_practice_held_client_is_claimed_and_can_then_revoke_the_physio(
    w: Any, db_url: str
) -> None:
    from sqlalchemy import create_engine, text

    physio = w.client("physio")
    log = {"name": "clinic", "sets": [{"exercise_id": "back-squat", "reps": 10}]}
    r = physio.post(f"/api/v1/athletes/{w.client_athlete}/sessions", json=log)
    assert r.status_code == 201, r.text  # the physio logs in the clinic (log_for_athlete)
    session = r.json()["id"]
    assert [x["athlete_id"] for x in physio.get("/api/v1/roster").json()["items"]] == [
        w.client_athlete
    ]
    engine = create_engine(db_url)
    with engine.connect() as c:
        consent = c.execute(
            text("SELECT purpose, witness FROM consent_record WHERE athlete_id = :a"),
            {"a": w.client_athlete},
        ).one()
    engine.dispose()
    assert tuple(consent) == ("home exercise programme after a fall", "her daughter")
    # Nobody else may mint a claim code for the record.
    assert w.client("A").post(f"/api/v1/clients/{w.client_athlete}/claim-code").status_code == 404
    code = physio.post(f"/api/v1/clients/{w.client_athlete}/claim-code").json()["code"]
    ann = w.client("A")
    r = ann.post("/api/v1/clients/claim", json={"code": code})
    assert r.status_code == 200 and r.json()["athlete_id"] == w.client_athlete
    assert ann.get(f"/api/v1/sessions/{session}").status_code == 200  # now Ann's own record
    assert w.client("B").post("/api/v1/clients/claim", json={"code": code}).status_code == 404
    link = next(
        x
        for x in ann.get("/api/v1/care-links").json()["items"]
        if x["athlete_id"] == w.client_athlete
    )
    assert (link["status"], link["side"]) == ("accepted", "athlete")
    assert ann.post(f"/api/v1/care-links/{link['id']}/revoke").status_code == 200
    assert physio.get(f"/api/v1/sessions/{session}").status_code == 404


def _shape(body: dict[str, Any]) -> dict[str, Any]:
    """An answer without what differs between any two invitations (their ids and times)."""
    return {k: v for k, v in body.items() if k not in ("id", "created_at", "athlete_name")}


def test_an_invitation_answers_alike_for_known_and_unknown_addresses(w: Any) -> None:
    """Inviting by e-mail tells the member nothing about which addresses have accounts: same
    status, same body (the address they typed, no athlete id or name), same list entry, and a
    second invitation to either address is the same conflict."""
    coach = w.client("coachB")
    known, unknown = w.people["A"].email, "not-registered-yet@example.org"
    answers = {}
    for address in (known, unknown):
        r = coach.post("/api/v1/care-links", json={"athlete_email": address, "role": "physio"})
        assert r.status_code == 201, r.text
        answers[address] = r.json()
        assert answers[address]["athlete_id"] is None
        assert answers[address]["athlete_name"] == address
    assert _shape(answers[known]) == _shape(answers[unknown])
    listed = {x["id"]: x for x in coach.get("/api/v1/care-links").json()["items"]}
    assert _shape(listed[answers[known]["id"]]) == _shape(listed[answers[unknown]["id"]])
    again = [
        coach.post("/api/v1/care-links", json={"athlete_email": a, "role": "physio"})
        for a in (known, unknown)
    ]
    assert [r.status_code for r in again] == [409, 409]
    assert again[0].json()["detail"].split("(")[0] == again[1].json()["detail"].split("(")[0]
    # The known athlete sees the invitation and, accepting it, shows herself to the member.
    ann = w.client("A")
    assert ann.post(f"/api/v1/care-links/{answers[known]['id']}/accept").status_code == 200
    seen = {x["id"]: x for x in coach.get("/api/v1/care-links").json()["items"]}
    assert seen[answers[known]["id"]]["athlete_id"] == w.people["A"].athlete_id


def test_an_invitation_to_an_address_waits_for_its_registration(w: Any) -> None:
    from tests.web.conftest import sign_up

    coach = w.client("coachB")
    address = "future.athlete@example.org"
    link = coach.post("/api/v1/care-links", json={"athlete_email": address, "role": "coach"}).json()
    newcomer = sign_up(w.app, address, "Future")
    mine = newcomer.get("/api/v1/care-links").json()["items"]
    assert [(x["id"], x["side"], x["status"]) for x in mine] == [(link["id"], "athlete", "invited")]
    assert mine[0]["athlete_id"] == newcomer.athlete_id
    assert newcomer.post(f"/api/v1/care-links/{link['id']}/accept").status_code == 200
    athletes = coach.get("/api/v1/athletes").json()["items"]
    assert newcomer.athlete_id in [a["id"] for a in athletes]


def test_inviting_yourself_is_refused(w: Any) -> None:
    a = w.client("A")
    r = a.post("/api/v1/care-links", json={"athlete_email": w.people["A"].email, "role": "coach"})
    assert r.status_code == 400
