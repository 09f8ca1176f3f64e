"""Every HTML page route, generated from the pages router (a new page without an entry here
fails): who may open it, and that a refused request changes no row. Pages never take another
person's id: each shows the signed-in account's own athlete, so the refusals to check are the
anonymous visitor (sent to sign in) and a cookie-signed form without its CSRF token (403)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from tests.web.conftest import new_client, sign_up

# (method, path) -> what an anonymous visitor gets: "public" (200), "sign-in" (303 to /login),
# "refused" (a form post without a session: 303 to /login or a 4xx), "unknown-secret" (404: a
# secret address that does not exist)
PAGES: dict[tuple[str, str], str] = {
    ("GET", "/"): "sign-in",
    ("GET", "/login"): "public",
    ("POST", "/login"): "public-form",
    ("GET", "/register"): "public",
    ("GET", "/reset-password"): "public",
    ("POST", "/reset-password"): "public-form",
    ("POST", "/register"): "public-form",
    ("POST", "/logout"): "public-form",
    ("GET", "/static/{path:path}"): "public",
    ("GET", "/sw.js"): "public",
    ("GET", "/manifest.webmanifest"): "public",
    ("GET", "/train"): "sign-in",
    ("POST", "/train/finish"): "sign-in",
    ("GET", "/dashboard"): "sign-in",
    ("GET", "/dashboard/charts"): "sign-in",
    ("GET", "/import"): "sign-in",
    ("POST", "/import/preview"): "sign-in",
    ("POST", "/import/commit"): "sign-in",
    ("GET", "/plan"): "sign-in",
    ("POST", "/plan"): "sign-in",
    ("GET", "/plan.ics"): "sign-in",
    ("GET", "/plan/sheet.pdf"): "sign-in",
    ("GET", "/people"): "sign-in",
    ("POST", "/people/invite"): "sign-in",
    ("POST", "/people/{link_id}/{decision}"): "sign-in",
    ("GET", "/access-log"): "sign-in",
    ("GET", "/roster"): "sign-in",
    ("GET", "/athletes/{athlete_id}"): "sign-in",
    ("GET", "/athletes/{athlete_id}/sheet.pdf"): "sign-in",
    ("GET", "/assess"): "sign-in",
    ("POST", "/assess"): "sign-in",
    ("GET", "/assess/steadi"): "sign-in",
    ("POST", "/assess/steadi"): "sign-in",
    ("GET", "/profile"): "sign-in",
    ("POST", "/profile"): "sign-in",
    ("GET", "/readiness"): "sign-in",
    ("POST", "/readiness"): "sign-in",
    ("GET", "/export.json"): "sign-in",
    ("GET", "/export.csv"): "sign-in",
    ("GET", "/account/export.zip"): "sign-in",
    ("POST", "/account/delete"): "sign-in",
    ("GET", "/sessions/{session_id}"): "sign-in",
    ("POST", "/sessions/{session_id}/comments"): "sign-in",
    ("GET", "/clients"): "sign-in",
    ("POST", "/clients"): "sign-in",
    ("GET", "/clients/{athlete_id}"): "sign-in",
    ("POST", "/clients/{athlete_id}/claim-code"): "sign-in",
    ("POST", "/clients/{athlete_id}/plan"): "sign-in",
    ("GET", "/home-programme"): "sign-in",
    ("POST", "/home-programme"): "sign-in",
    ("GET", "/home-programme/sheet"): "sign-in",
    ("GET", "/team-plan"): "sign-in",
    ("POST", "/team-plan"): "sign-in",
    ("GET", "/calendar"): "sign-in",
    ("POST", "/calendar"): "sign-in",
    ("POST", "/calendar/{feed_id}/revoke"): "sign-in",
    ("GET", "/calendar/{secret}.ics"): "unknown-secret",
    ("GET", "/import/jobs/{job_id}"): "sign-in",
    ("GET", "/import/jobs/{job_id}/progress"): "sign-in",
    ("GET", "/import/previews/{job_id}"): "sign-in",
    ("GET", "/import/previews/{job_id}/progress"): "sign-in",
}
CONCRETE = {
    "/static/{path:path}": "/static/css/legday.css",
    "/people/{link_id}/{decision}": "/people/1/accept",
    "/athletes/{athlete_id}": "/athletes/1",
    "/athletes/{athlete_id}/sheet.pdf": "/athletes/1/sheet.pdf",
    "/sessions/{session_id}": "/sessions/1",
    "/sessions/{session_id}/comments": "/sessions/1/comments",
    "/clients/{athlete_id}": "/clients/1",
    "/clients/{athlete_id}/claim-code": "/clients/1/claim-code",
    "/clients/{athlete_id}/plan": "/clients/1/plan",
    "/calendar/{feed_id}/revoke": "/calendar/1/revoke",
    "/calendar/{secret}.ics": "/calendar/" + "x" * 43 + ".ics",
    "/import/jobs/{job_id}": "/import/jobs/1",
    "/import/jobs/{job_id}/progress": "/import/jobs/1/progress",
    "/import/previews/{job_id}": "/import/previews/1",
    "/import/previews/{job_id}/progress": "/import/previews/1/progress",
}
TABLES = (
    "athlete",
    "training_session",
    "set_entry",
    "plan",
    "exercise_mapping",
    "web_session",
    "session_comment",
    "home_session",
    "calendar_feed",
)


def page_routes() -> list[tuple[str, str]]:
    """Every route of the server's app outside the API: the pages router's."""
    from legday.web.app import api_routes, create_app

    app = create_app("sqlite://")
    return sorted(
        (m, r.path)
        for r in api_routes(app)
        for m in r.methods
        if m != "HEAD" and not r.path.startswith("/api/")
    )


def rows(app: Any) -> dict[str, list[tuple[Any, ...]]]:
    from legday.app.db import open_database

    db = open_database(app.state.db_url)
    with db.engine.connect() as c:
        return {t: sorted(map(tuple, c.execute(text(f"select * from {t}")))) for t in TABLES}


def test_every_page_route_has_an_entry_and_every_entry_a_route() -> None:
    routes = page_routes()
    assert [k for k in routes if k not in PAGES] == []
    assert [k for k in PAGES if k not in routes] == []


@pytest.mark.parametrize(("method", "path"), sorted(PAGES))
def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(
    app: Any, method: str, path: str
) -> None:
    sign_up(app, "ann@example.org")
    before = rows(app)
    client = new_client(app)
    url = CONCRETE.get(path, path)
    answer = client.request(method, url, follow_redirects=False)
    kind = PAGES[(method, path)]
    if kind == "public":
        assert answer.status_code == 200, (url, answer.status_code)
    elif kind == "unknown-secret":  # the address is the credential: an unknown one is missing
        assert answer.status_code == 404, (url, answer.status_code)
    elif kind == "sign-in":
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/login")
    else:  # an empty form: shown again with its message, or sent back to sign in
        assert answer.status_code in (303, 400, 401), (url, answer.status_code)
    after = rows(app)
    if kind != "public-form":
        assert after == before


@pytest.mark.parametrize(
    "path", sorted(p for (m, p), kind in PAGES.items() if m == "POST" and kind == "sign-in")
)
def test_a_signed_in_form_without_its_csrf_token_is_refused(app: Any, path: str) -> None:
    ann = sign_up(app, "ann@example.org")
    before = rows(app)
    answer = ann.client.post(CONCRETE.get(path, path), data={"x": "1"}, follow_redirects=False)
    assert answer.status_code == 403
    assert rows(app) == before
