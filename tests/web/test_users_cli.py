"""`legday users add|reset-link|sign-out`: the first admin comes from the server's machine."""

from __future__ import annotations

import json

from legday.web.app import create_app
from tests.helpers import run_cli
from tests.web.conftest import new_client


def test_users_add_admin_then_sign_in(db_url: str) -> None:
    r = run_cli(
        "users",
        "add",
        "Boss@Club.org",
        "--role",
        "admin",
        "--password-stdin",
        "--json",
        db=db_url,
        input="a long admin passphrase\n",
    )
    assert r.exit_code == 0, r.stderr
    user = json.loads(r.stdout)["user"]
    assert user["email"] == "boss@club.org" and user["is_admin"] is True
    assert user["athlete_id"] is not None  # an account owns its athlete profile
    c = new_client(create_app(db_url))
    login = {"email": "boss@club.org", "password": "a long admin passphrase"}
    assert c.post("/api/v1/auth/login", json=login).status_code == 200
    assert c.get("/api/v1/me").json()["is_admin"] is True


def test_users_add_refuses_a_short_password_and_an_unknown_role(db_url: str) -> None:
    r = run_cli("users", "add", "a@b.org", "--password-stdin", db=db_url, input="short\n")
    assert r.exit_code == 1 and "8 characters" in r.stderr
    r = run_cli(
        "users", "add", "a@b.org", "--role", "god", "--password-stdin", db=db_url, input="x" * 9
    )
    assert r.exit_code == 1 and "unknown role" in r.stderr


def test_reset_link_is_printed_for_the_admin(db_url: str) -> None:
    run_cli("users", "add", "ann@b.org", "--password-stdin", db=db_url, input="first passphrase\n")
    r = run_cli("users", "reset-link", "ann@b.org", "--json", db=db_url)
    reset = json.loads(r.stdout)["reset"]
    assert reset["link"].endswith("#" + reset["token"])
    c = new_client(create_app(db_url))
    body = {"token": reset["token"], "password": "second passphrase"}
    assert c.post("/api/v1/auth/password-reset", json=body).status_code == 204
    r = run_cli("users", "reset-link", "nobody@b.org", db=db_url)
    assert r.exit_code == 1 and "no account" in r.stderr
