"""Clients of the server, one per user (each keeps its own cookies), on SQLite and PostgreSQL."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
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
