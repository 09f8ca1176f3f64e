"""Sign-in, sessions, tokens, CSRF and the throttle (ASVS 5.0 V6, V7, V3.5)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, text

from legday.web.app import create_app
from tests.web.conftest import PASSWORD, new_client, sign_up

LOGIN = "/api/v1/auth/login"


def _cookie(response: Any) -> str:
    header = response.headers["set-cookie"]
    assert header.startswith("__Host-legday=")
    return header.split(";")[0].split("=", 1)[1]


def test_cookie_flags(app: Any) -> None:
    sign_up(app, "ann@example.org")
    r = new_client(app).post(LOGIN, json={"email": "ann@example.org", "password": PASSWORD})
    flags = [p.strip().lower() for p in r.headers["set-cookie"].split(";")]
    assert flags[0].startswith("__host-legday=")
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= set(flags)
    assert not any(f.startswith("domain") for f in flags)  # a __Host- cookie has no Domain


def test_new_session_id_at_each_login_and_the_old_one_dies(app: Any) -> None:
    ann = sign_up(app, "ann@example.org")
    first = ann.client.cookies.get("__Host-legday")
    r = ann.client.post(LOGIN, json={"email": ann.email, "password": PASSWORD})
    second = _cookie(r)
    assert first and second != first
    stale = new_client(app)
    stale.cookies.set("__Host-legday", first)
    assert stale.get("/api/v1/me").status_code == 401
    assert ann.get("/api/v1/me").status_code == 200


def test_logout_kills_the_cookie(app: Any) -> None:
    ann = sign_up(app, "ann@example.org")
    cookie = ann.client.cookies.get("__Host-legday")
    assert ann.post("/api/v1/auth/logout").status_code == 204
    replay = new_client(app)
    replay.cookies.set("__Host-legday", cookie)
    assert replay.get("/api/v1/me").status_code == 401


def test_sign_out_everywhere_ends_other_sessions(app: Any) -> None:
    ann = sign_up(app, "ann@example.org")
    phone = new_client(app)
    assert phone.post(LOGIN, json={"email": ann.email, "password": PASSWORD}).status_code == 200
    r = ann.post("/api/v1/auth/logout-everywhere")
    assert r.status_code == 200 and r.json()["revoked_sessions"] == 2
    assert phone.get("/api/v1/me").status_code == 401
    assert ann.get("/api/v1/me").status_code == 401


def test_throttle_after_five_failures_even_with_the_right_password(db_url: str) -> None:
    app = create_app(db_url)
    sign_up(app, "ann@example.org")
    sign_up(app, "bob@example.org")
    c = new_client(app)
    codes = [
        c.post(LOGIN, json={"email": "ann@example.org", "password": "not it at all"}).status_code
        for _ in range(5)
    ]
    assert codes == [401] * 5
    r = c.post(LOGIN, json={"email": "ann@example.org", "password": PASSWORD})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    # Counted in the database: another worker (another app on the same database) agrees.
    other = new_client(create_app(db_url))
    assert (
        other.post(LOGIN, json={"email": "ann@example.org", "password": PASSWORD}).status_code
        == 429
    )
    # Another account from the same address is not locked out by Ann's failures.
    r = c.post(LOGIN, json={"email": "bob@example.org", "password": PASSWORD})
    assert r.status_code == 200


def test_csrf_foreign_origin_and_missing_token_are_refused(app: Any) -> None:
    ann = sign_up(app, "ann@example.org")
    r = ann.post("/api/v1/auth/logout-everywhere", headers={"Origin": "https://evil.example"})
    assert r.status_code == 403 and r.json()["type"] == "urn:legday:problem:csrf"
    r = ann.client.post("/api/v1/auth/logout-everywhere")  # no token
    assert r.status_code == 403
    r = ann.client.post("/api/v1/auth/logout-everywhere", headers={"X-CSRF-Token": "x" * 43})
    assert r.status_code == 403
    assert ann.get("/api/v1/me").status_code == 200  # nothing was signed out
    r = ann.post("/api/v1/auth/logout-everywhere", headers={"Origin": "https://testserver"})
    assert r.status_code == 200


def test_a_cookie_request_that_says_nothing_of_where_it_came_from_is_refused(app: Any) -> None:
    """With the right token but neither Origin, Sec-Fetch-Site nor Referer, a cookie-
    authenticated write is refused (OWASP: block when neither header is present); Referer
    alone, or Sec-Fetch-Site alone, from this site is enough; a bearer token needs none."""
    ann = sign_up(app, "ann@example.org")
    token = {"X-CSRF-Token": ann.csrf}
    r = ann.client.post("/api/v1/care-links/codes", json={"role": "coach"}, headers=token)
    assert r.status_code == 403 and r.json()["type"] == "urn:legday:problem:csrf"
    r = ann.client.post(
        "/api/v1/care-links/codes",
        json={"role": "coach"},
        headers=token | {"Referer": "https://evil.example/https://testserver/"},
    )
    assert r.status_code == 403
    for where in ({"Referer": "https://testserver/people"}, {"Sec-Fetch-Site": "same-origin"}):
        r = ann.client.post(
            "/api/v1/care-links/codes", json={"role": "coach"}, headers=token | where
        )
        assert r.status_code == 201, (where, r.text)
    bearer = (
        new_client(app)
        .post("/api/v1/auth/tokens", json={"email": ann.email, "password": PASSWORD})
        .json()["token"]
    )
    r = new_client(app).post(
        "/api/v1/care-links/codes",
        json={"role": "coach"},
        headers={"Authorization": f"Bearer {bearer}"},
    )
    assert r.status_code == 201


def test_login_from_another_site_is_refused(app: Any) -> None:
    sign_up(app, "ann@example.org")
    r = new_client(app).post(
        LOGIN,
        json={"email": "ann@example.org", "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert r.status_code == 403 and "set-cookie" not in r.headers


def test_form_login_redirects_only_within_the_site(app: Any) -> None:
    sign_up(app, "ann@example.org")
    c = new_client(app)
    form = {"email": "ann@example.org", "password": PASSWORD, "next": "//evil.example/x"}
    r = c.post(LOGIN, data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    form["next"] = "/today"
    r = c.post(LOGIN, data=form, follow_redirects=False)
    assert r.headers["location"] == "/today"


def test_api_token_shown_once_scoped_and_revocable(app: Any) -> None:
    ann = sign_up(app, "ann@example.org")
    r = new_client(app).post(
        "/api/v1/auth/tokens",
        json={"email": ann.email, "password": PASSWORD, "scopes": ["view_training"]},
    )
    assert r.status_code == 201
    token = r.json()["token"]
    bearer = new_client(app)
    bearer.headers["Authorization"] = f"Bearer {token}"
    assert bearer.get("/api/v1/me").json()["id"] == ann.user_id
    listed = ann.get("/api/v1/auth/tokens").json()["items"]
    assert [t["scopes"] for t in listed] == [["view_training"]]
    assert all("token" not in t or t["token"] is None for t in listed)
    assert ann.delete(f"/api/v1/auth/tokens/{listed[0]['id']}").status_code == 204
    assert bearer.get("/api/v1/me").status_code == 401
    r = new_client(app).get("/api/v1/me", headers={"Authorization": "Bearer nonsense"})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")


def test_password_hash_is_argon2id_and_rehashed_when_weaker(app: Any, db_url: str) -> None:
    from argon2 import PasswordHasher

    from legday.app import accounts

    ann = sign_up(app, "ann@example.org")
    engine = create_engine(db_url)
    with engine.begin() as c:
        stored = c.scalar(
            text("SELECT password_hash FROM app_user WHERE id = :i"), {"i": ann.user_id}
        )
        assert stored.startswith("$argon2id$")
        weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
        c.execute(
            text("UPDATE app_user SET password_hash = :h WHERE id = :i"),
            {"h": weak, "i": ann.user_id},
        )
    assert (
        new_client(app).post(LOGIN, json={"email": ann.email, "password": PASSWORD}).status_code
        == 200
    )
    with engine.begin() as c:
        now = c.scalar(text("SELECT password_hash FROM app_user WHERE id = :i"), {"i": ann.user_id})
    engine.dispose()
    assert now != weak and not accounts.hasher().check_needs_rehash(now)


def test_password_reset_is_single_use_and_ends_sessions(app: Any, db_url: str) -> None:
    from legday.app import password_reset
    from legday.app.db import open_database

    ann = sign_up(app, "ann@example.org")
    secret = password_reset.reset_link_token(open_database(db_url), ann.email)
    c = new_client(app)
    body = {"token": secret, "password": "a brand new passphrase"}
    assert c.post("/api/v1/auth/password-reset", json=body).status_code == 204
    assert ann.get("/api/v1/me").status_code == 401
    assert c.post("/api/v1/auth/password-reset", json=body).status_code == 404
    r = c.post(LOGIN, json={"email": ann.email, "password": "a brand new passphrase"})
    assert r.status_code == 200


def test_register_twice_is_a_conflict_and_short_passwords_are_refused(app: Any) -> None:
    sign_up(app, "ann@example.org")
    c = new_client(app)
    r = c.post(
        "/api/v1/auth/register",
        json={"email": "ANN@example.org", "password": PASSWORD, "name": "A"},
    )
    assert r.status_code == 409
    r = c.post(
        "/api/v1/auth/register", json={"email": "cy@example.org", "password": "short", "name": "C"}
    )
    assert r.status_code == 400 and "8 characters" in r.json()["detail"]
