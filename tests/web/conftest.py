"""Clients of the server, one per user (each keeps its own cookies), on SQLite and PostgreSQL;
an SMTP server on loopback (aiosmtpd) for the tests of mail."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note about httpx vs httpx2
    from fastapi.testclient import TestClient

from legday.web.app import create_app

BASE = "https://testserver"  # https: the __Host- cookie is Secure and only sent back over TLS
PASSWORD = "correct horse battery"


@dataclass
class Person:
    client: TestClient
    email: str
    user_id: int
    athlete_id: int
    csrf: str

    def headers(self) -> dict[str, str]:
        return {"X-CSRF-Token": self.csrf, "Origin": BASE}

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def post(self, url: str, **kw: Any) -> Any:
        return self.client.post(url, headers={**self.headers(), **kw.pop("headers", {})}, **kw)

    def patch(self, url: str, **kw: Any) -> Any:
        return self.client.patch(url, headers={**self.headers(), **kw.pop("headers", {})}, **kw)

    def delete(self, url: str, **kw: Any) -> Any:
        return self.client.delete(url, headers={**self.headers(), **kw.pop("headers", {})}, **kw)


def new_client(app: Any) -> TestClient:
    return TestClient(app, base_url=BASE)


def sign_up(app: Any, email: str, name: str | None = None) -> Person:
    c = new_client(app)
    r = c.post(
        "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "name": name or email}
    )
    assert r.status_code == 201, r.text
    user = r.json()
    r = c.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return Person(c, email, user["id"], user["athlete_id"], r.json()["csrf_token"])


@pytest.fixture
def app(db_url: str) -> Any:
    return create_app(db_url)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    from aiosmtpd.controller import Controller

    box = Inbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("LEGDAY_SMTP_URL", f"smtp://127.0.0.1:{port}")
        monkeypatch.setenv("LEGDAY_MAIL_FROM", "club@example.org")
        monkeypatch.setenv("LEGDAY_BASE_URL", "https://club.example.org")
        yield box
    finally:
        controller.stop()
