"""The app factory: problem documents, security headers, the OpenAPI document."""

from __future__ import annotations

from fastapi.testclient import TestClient

from legday.web.app import create_app


def test_health_answers_with_headers(db_url: str) -> None:
    c = TestClient(create_app(db_url))
    r = c.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json()["database"] in ("sqlite", "postgresql")
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"


def test_unknown_path_is_a_problem_document(sqlite_url: str) -> None:
    r = TestClient(create_app(sqlite_url)).get("/api/v1/no-such-thing")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == 404 and body["title"] == "Not found"
    assert r.headers["x-frame-options"] == "DENY"  # headers on errors too


def test_openapi_is_3_1_under_api_v1(sqlite_url: str) -> None:
    doc = TestClient(create_app(sqlite_url)).get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    assert "Problem" in doc["components"]["schemas"]
    assert all(p.startswith("/api/v1/") for p in doc["paths"])
