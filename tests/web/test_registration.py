"""Registration and account enumeration (docs/server.md#registration-and-account-enumeration):
a taken address answers 409 and nothing is created; the attempt lands in the holder's access log
and counts as a failed guess of the address it came from; after MAX_GUESSES_REGISTER guesses in
the throttle window every registration from there answers 429 until the window has passed; with
a mail server the holder is told by mail, at most once in five minutes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from legday.app import accounts, registration
from legday.domain.errors import Conflict
from tests.web.conftest import PASSWORD, Inbox, new_client
from tests.web.world import World, cheap_hasher, cloned, snapshot

REGISTER = "/api/v1/auth/register"


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def _register(w: World, email: str) -> Any:
    return new_client(w.app).post(
        REGISTER, json={"email": email, "password": PASSWORD, "name": "Somebody"}
    )


def _users(db_url: str) -> list[Any]:
    return snapshot(db_url)["app_user"]


def test_a_taken_address_creates_nothing_and_tells_its_holder(w: World) -> None:
    a = w.people["A"]
    before = _users(w.db_url)
    r = _register(w, a.email.upper())
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    # the answer says the address is taken, nothing about who holds it
    assert str(a.user_id) not in r.text and "A" not in r.json()["detail"].split()
    assert _users(w.db_url) == before
    log = w.client("A").get("/api/v1/me/access-log").json()["items"]
    tries = [(e["outcome"], e["actor_id"]) for e in log if e["action"] == "register"]
    # newest first: the refused attempt by nobody signed in, then the holder's own registration
    assert tries == [("refused", None), ("ok", a.user_id)]


def test_guessing_taken_addresses_is_throttled_for_that_address_only(
    w: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = [w.people[r].email for r in ("A", "B", "coachA", "coachB", "physio")]
    for n in range(registration.MAX_GUESSES_REGISTER):
        assert _register(w, taken[n % len(taken)]).status_code == 409
    before = _users(w.db_url)
    r = _register(w, "fresh@example.org")
    assert r.status_code == 429, r.text
    assert int(r.headers["retry-after"]) > 0
    assert _users(w.db_url) == before
    # ... even for a taken address: the answer no longer says whether it is taken
    assert _register(w, taken[0]).status_code == 429
    # another client address registers as usual
    made = registration.register(w.db, "other@example.org", PASSWORD, "Other", ip="10.9.8.7")
    assert made.email == "other@example.org"
    # once the window has passed, this address may register again
    later = accounts.now() + accounts.THROTTLE_WINDOW + timedelta(seconds=1)
    monkeypatch.setattr(accounts, "now", lambda: later)
    assert _register(w, "fresh@example.org").status_code == 201


def test_failed_sign_ins_count_as_guesses_and_a_registration_only_throttles_its_address(
    w: World,
) -> None:
    people = [w.people[r].email for r in ("A", "B", "coachA")]
    for n in range(registration.MAX_GUESSES_REGISTER):
        with pytest.raises(accounts.SignInFailed):
            accounts.verify(w.db, people[n % 3], "not the password", "10.1.1.1")
    with pytest.raises(accounts.Throttled):
        registration.register(w.db, "new1@example.org", PASSWORD, "New", ip="10.1.1.1")
    # the CLI and the admin register without a client address: never throttled
    registration.register(w.db, "new2@example.org", PASSWORD, "New")
    with pytest.raises(Conflict):
        registration.register(w.db, "new2@example.org", PASSWORD, "New")


def test_with_mail_the_holder_is_told_once_in_five_minutes(
    w: World, inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = w.people["A"]
    for _ in range(3):
        assert _register(w, a.email).status_code == 409
    assert len(inbox.messages) == 1
    msg = inbox.messages[0]
    assert msg["To"] == a.email
    body = msg.get_payload(decode=True).decode()
    assert "already has one" in body and "https://club.example.org/login" in body
    # a new address gets its account and no mail
    assert _register(w, "someone-new@example.org").status_code == 201
    assert len(inbox.messages) == 1
    # five minutes on, the holder is told again
    later = accounts.now() + accounts.RESET_MAIL_EVERY + timedelta(seconds=1)
    monkeypatch.setattr(accounts, "now", lambda: later)
    assert _register(w, a.email).status_code == 409
    assert len(inbox.messages) == 2


def test_the_register_page_follows_the_same_rules(w: World, inbox: Inbox) -> None:
    from tests.web.conftest import BASE

    a = w.people["A"]
    c = new_client(w.app)
    form = {"name": "X", "email": a.email, "password": PASSWORD}
    r = c.post("/register", data=form, headers={"Origin": BASE})
    assert r.status_code == 400 and "already exists" in r.text
    assert len(inbox.messages) == 1 and inbox.messages[0]["To"] == a.email
    for _ in range(registration.MAX_GUESSES_REGISTER - 1):
        assert c.post("/register", data=form, headers={"Origin": BASE}).status_code == 400
    fresh = {"name": "Y", "email": "fresh@example.org", "password": PASSWORD}
    r = c.post("/register", data=fresh, headers={"Origin": BASE}, follow_redirects=False)
    assert r.status_code == 429 and "too many" in r.text
    assert len(inbox.messages) == 1
