"""Password reset by mail when the club configured an SMTP server (a real one on loopback here:
aiosmtpd); the printed link of `legday users reset-link` stays the default without one."""

from __future__ import annotations

import re
from typing import Any

import pytest

from legday.app import accounts
from tests.web.conftest import PASSWORD, Inbox, free_port, new_client
from tests.web.world import World, cheap_hasher, cloned, snapshot


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def _ask(w: World, email: str, **headers: str) -> Any:
    return new_client(w.app).post(
        "/api/v1/auth/password-reset/request", json={"email": email}, headers=headers
    )


def test_a_reset_link_is_mailed_and_sets_a_new_password(w: World, inbox: Inbox) -> None:
    a = w.people["A"]
    # A forged Host header must not become the link's host.
    r = _ask(w, a.email, host="evil.example")
    assert (r.status_code, r.json()) == (202, {"delivery": "mail"})
    assert len(inbox.messages) == 1
    msg = inbox.messages[0]
    assert msg["To"] == a.email and msg["From"] == "club@example.org"
    body = msg.get_payload(decode=True).decode()
    found = re.search(r"https://club\.example\.org/reset-password#([A-Za-z0-9_-]{43})", body)
    assert found, body
    assert "evil.example" not in body
    c = new_client(w.app)
    new = "a brand new passphrase"
    done = c.post("/api/v1/auth/password-reset", json={"token": found.group(1), "password": new})
    assert done.status_code == 204, done.text
    assert c.post("/api/v1/auth/login", json={"email": a.email, "password": new}).status_code == 200
    assert (
        c.post("/api/v1/auth/login", json={"email": a.email, "password": PASSWORD}).status_code
        == 401
    )


def test_unknown_and_known_addresses_get_the_same_answer(
    w: World, inbox: Inbox, db_url: str
) -> None:
    before = snapshot(db_url)
    r = _ask(w, "nobody-here@example.org")
    assert (r.status_code, r.json()) == (202, {"delivery": "mail"})
    assert _ask(w, "not an address").json() == {"delivery": "mail"}
    assert inbox.messages == [] and snapshot(db_url) == before


def test_one_mail_per_account_in_five_minutes(w: World, inbox: Inbox) -> None:
    for _ in range(3):
        assert _ask(w, w.people["B"].email).status_code == 202
    assert len(inbox.messages) == 1


def test_without_a_mail_server_the_admin_hands_out_the_link(
    w: World, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEGDAY_SMTP_URL", raising=False)
    before = snapshot(db_url)
    r = _ask(w, w.people["A"].email)
    assert (r.status_code, r.json()) == (202, {"delivery": "admin"})
    assert snapshot(db_url) == before


def test_a_mail_server_that_is_down_is_logged_not_shown(
    w: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()  # closed again: nothing listens there
    monkeypatch.setenv("LEGDAY_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("LEGDAY_BASE_URL", "https://club.example.org")
    r = _ask(w, w.people["A"].email)
    assert (r.status_code, r.json()) == (202, {"delivery": "mail"})
    assert "could not be sent" in caplog.text


def test_users_reset_link_send_mails_the_link(
    w: World, inbox: Inbox, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from legday.cli.main import app

    a = w.people["A"]
    out = CliRunner().invoke(
        app,
        ["--db", db_url, "users", "reset-link", a.email, "--send", "--base-url", "https://x.org"],
    )
    assert out.exit_code == 0, out.output
    assert "mailed" in out.output and "reset-password#" not in out.output
    body = inbox.messages[0].get_payload(decode=True).decode()
    assert "https://x.org/reset-password#" in body
