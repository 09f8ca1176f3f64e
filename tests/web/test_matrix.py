"""Route x role matrix, generated from the app's own route list: a route without a policy entry
fails; every refused request leaves every row as it was (the wger lesson: compare rows, not
status codes); every response carries the security headers.

Policy per role: "ok" (2xx), "deny" (401 anonymous; 403/404 signed in: someone else's object
answers like a missing one), "bad" (400/409: refused on the merits, e.g. inviting yourself),
"missing" (404 for everyone: an unknown one-time secret).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from legday.app import accounts
from legday.web.app import api_routes, create_app
from tests.web.conftest import PASSWORD
from tests.web.world import (
    PLAN_FLAGS,
    ROLES,
    STRONG,
    World,
    cheap_hasher,
    cloned,
    snapshot,
)

SIGNED_IN = {r: "ok" for r in ROLES if r != "anon"} | {"anon": "deny"}
EVERYONE = dict.fromkeys(ROLES, "ok")
A_AND_COACH = {r: "deny" for r in ROLES} | {"A": "ok", "coachA": "ok"}
ONLY_A = {r: "deny" for r in ROLES} | {"A": "ok"}
ADMIN = {r: "deny" for r in ROLES} | {"admin": "ok"}

Params = Callable[[World], dict[str, Any]]
Body = Callable[[World, str], Any]


@dataclass(frozen=True)
class Policy:
    expect: dict[str, str]
    params: Params = lambda w: {}
    body: Body | None = None
    query: Params | None = None
    upload: bool = False  # the body is a file sent as multipart/form-data


def _register(w: World, role: str) -> dict[str, str]:
    from tests.web.world import _seq

    return {"email": f"new{next(_seq)}@example.org", "password": PASSWORD, "name": "New"}


def _creds(w: World, role: str) -> dict[str, str]:
    if role == "anon":
        return {"email": w.people["A"].email, "password": "not the password"}
    return {"email": w.people[role].email, "password": PASSWORD}


def _session(w: World) -> dict[str, Any]:
    return {"session_id": w.session_of("A")}


SET = {"exercise_id": "back-squat", "load_kg": 80, "reps": 5}


def _a(w: World) -> dict[str, Any]:
    return {"athlete_id": w.people["A"].athlete_id}


def _a_query(w: World) -> dict[str, Any]:
    return {"athlete_id": w.people["A"].athlete_id}


def _test_body(w: World, role: str) -> dict[str, Any]:
    return {
        "test": "chair-stand-30s",
        "values": {"value": 12},
        "age": 70,
        "sex": "female",
        "again": True,
    }


POLICY: dict[tuple[str, str], Policy] = {
    ("GET", "/api/v1/health"): Policy(EVERYONE),
    ("POST", "/api/v1/auth/register"): Policy(EVERYONE, body=_register),
    ("POST", "/api/v1/auth/login"): Policy(SIGNED_IN, body=_creds),
    ("POST", "/api/v1/auth/logout"): Policy(EVERYONE),
    ("POST", "/api/v1/auth/logout-everywhere"): Policy(SIGNED_IN),
    ("GET", "/api/v1/auth/csrf"): Policy(SIGNED_IN),
    ("POST", "/api/v1/auth/tokens"): Policy(SIGNED_IN, body=_creds),
    ("GET", "/api/v1/auth/tokens"): Policy(SIGNED_IN),
    ("DELETE", "/api/v1/auth/tokens/{token_id}"): Policy(
        ONLY_A, params=lambda w: {"token_id": w.fresh_token_of_a()}
    ),
    ("POST", "/api/v1/auth/password-reset"): Policy(
        dict.fromkeys(ROLES, "missing"),
        body=lambda w, r: {"token": "x" * 43, "password": "p" * 12},
    ),
    # Without a mail server (as here) the answer says to ask the admin; nothing is stored.
    ("POST", "/api/v1/auth/password-reset/request"): Policy(
        EVERYONE, body=lambda w, r: {"email": w.people["A"].email}
    ),
    ("GET", "/api/v1/me"): Policy(SIGNED_IN),
    ("POST", "/api/v1/me/delete"): Policy(SIGNED_IN, body=lambda w, r: {"password": PASSWORD}),
    ("GET", "/api/v1/roster"): Policy(SIGNED_IN),
    ("GET", "/api/v1/me/export"): Policy(SIGNED_IN),
    ("GET", "/api/v1/athletes/{athlete_id}/analysis"): Policy(
        A_AND_COACH, params=lambda w: {"athlete_id": w.people["A"].athlete_id}
    ),
    ("POST", "/api/v1/athletes/{athlete_id}/plans"): Policy(
        ONLY_A,  # the accepted coach's link has no write_plan scope
        params=lambda w: {"athlete_id": w.people["A"].athlete_id},
        body=lambda w, r: PLAN_FLAGS | {"weeks": 4},
    ),
    ("GET", "/api/v1/athletes/{athlete_id}/plans/current"): Policy(
        A_AND_COACH, params=lambda w: {"athlete_id": w.people["A"].athlete_id}
    ),
    ("GET", "/api/v1/athletes/{athlete_id}/plans/current.ics"): Policy(
        A_AND_COACH, params=lambda w: {"athlete_id": w.people["A"].athlete_id}
    ),
    ("POST", "/api/v1/clients"): Policy(
        SIGNED_IN,
        body=lambda w, r: {
            "name": "Mr Walker",
            "consent": {"given_on": "2026-12-02", "purpose": "balance", "witness": "nurse"},
        },
    ),
    ("POST", "/api/v1/clients/{athlete_id}/claim-code"): Policy(
        {r: "deny" for r in ROLES} | {"physio": "ok"},
        params=lambda w: {"athlete_id": w.client_athlete},
    ),
    ("POST", "/api/v1/clients/claim"): Policy(
        dict.fromkeys(ROLES, "missing") | {"anon": "deny"}, body=lambda w, r: {"code": "X" * 12}
    ),
    ("GET", "/api/v1/admin/users"): Policy(ADMIN),
    ("POST", "/api/v1/admin/users/{user_id}/sign-out"): Policy(
        ADMIN, params=lambda w: {"user_id": w.people["B"].user_id}
    ),
    ("GET", "/api/v1/me/access-log"): Policy(SIGNED_IN),
    ("GET", "/api/v1/athletes"): Policy(SIGNED_IN),
    ("GET", "/api/v1/athletes/{athlete_id}/sessions"): Policy(
        A_AND_COACH, params=lambda w: {"athlete_id": w.people["A"].athlete_id}
    ),
    ("POST", "/api/v1/athletes/{athlete_id}/sessions"): Policy(
        A_AND_COACH,
        params=lambda w: {"athlete_id": w.people["A"].athlete_id},
        body=lambda w, r: {"name": "x", "sets": [SET]},
    ),
    ("GET", "/api/v1/sessions/{session_id}"): Policy(
        A_AND_COACH, params=lambda w: {"session_id": w.session_a}
    ),
    ("PATCH", "/api/v1/sessions/{session_id}"): Policy(
        A_AND_COACH, params=_session, body=lambda w, r: {"notes": f"by {r}"}
    ),
    ("DELETE", "/api/v1/sessions/{session_id}"): Policy(A_AND_COACH, params=_session),
    ("POST", "/api/v1/sessions/{session_id}/sets"): Policy(
        A_AND_COACH, params=lambda w: {"session_id": w.session_a}, body=lambda w, r: SET
    ),
    ("GET", "/api/v1/sessions/{session_id}/comments"): Policy(
        A_AND_COACH, params=lambda w: {"session_id": w.session_a}
    ),
    # coachA's link holds no ``comment`` scope: only the athlete may write here
    ("POST", "/api/v1/sessions/{session_id}/comments"): Policy(
        ONLY_A, params=lambda w: {"session_id": w.session_a}, body=lambda w, r: {"body": "ok"}
    ),
    ("POST", "/api/v1/sync"): Policy(A_AND_COACH, body=lambda w, r: {"ops": [w.set_op("A")]}),
    ("GET", "/api/v1/care-links"): Policy(SIGNED_IN),
    ("POST", "/api/v1/care-links"): Policy(
        SIGNED_IN | {"A": "bad"},
        body=lambda w, r: {"athlete_email": w.people["A"].email, "role": "physio"},
    ),
    ("POST", "/api/v1/care-links/codes"): Policy(SIGNED_IN, body=lambda w, r: {"role": "coach"}),
    ("POST", "/api/v1/care-links/{link_id}/accept"): Policy(
        ONLY_A, params=lambda w: {"link_id": w.fresh_invite_to_a()}
    ),
    ("POST", "/api/v1/care-links/{link_id}/decline"): Policy(
        ONLY_A, params=lambda w: {"link_id": w.fresh_invite_to_a()}
    ),
    ("POST", "/api/v1/care-links/{link_id}/revoke"): Policy(
        ONLY_A, params=lambda w: {"link_id": w.fresh_invite_to_a()}
    ),
    # Tests: a coach of A holds view_training + log_for_athlete, not view_assessments.
    ("GET", "/api/v1/tests"): Policy(SIGNED_IN),
    ("GET", "/api/v1/tests/{test_id}"): Policy(
        SIGNED_IN, params=lambda w: {"test_id": "chair-stand-30s"}
    ),
    ("GET", "/api/v1/athletes/{athlete_id}/assessments"): Policy(ONLY_A, params=_a),
    ("POST", "/api/v1/athletes/{athlete_id}/assessments"): Policy(
        A_AND_COACH, params=_a, body=_test_body
    ),
    ("GET", "/api/v1/assessments/{assessment_id}"): Policy(
        ONLY_A, params=lambda w: {"assessment_id": w.assessment_of("A")}
    ),
    ("PATCH", "/api/v1/assessments/{assessment_id}"): Policy(
        ONLY_A,
        params=lambda w: {"assessment_id": w.assessment_of("A")},
        body=lambda w, r: {"values": {"value": 20}, "again": True},
    ),
    ("DELETE", "/api/v1/assessments/{assessment_id}"): Policy(
        ONLY_A, params=lambda w: {"assessment_id": w.assessment_of("A")}
    ),
    ("GET", "/api/v1/exercises"): Policy(SIGNED_IN, query=lambda w: {"q": "squat"}),
    ("GET", "/api/v1/exercises/match"): Policy(SIGNED_IN, query=lambda w: {"name": "Squats"}),
    ("GET", "/api/v1/exercises/{exercise_id}"): Policy(
        SIGNED_IN, params=lambda w: {"exercise_id": "back-squat"}
    ),
    ("GET", "/api/v1/athletes/{athlete_id}/mappings"): Policy(A_AND_COACH, params=_a),
    ("POST", "/api/v1/athletes/{athlete_id}/mappings"): Policy(
        A_AND_COACH,
        params=_a,
        body=lambda w, r: {"raw": f"Wobble by {r}", "exercise_id": "goblet-squat"},
    ),
    ("DELETE", "/api/v1/athletes/{athlete_id}/mappings/{mapping_id}"): Policy(
        A_AND_COACH, params=lambda w: _a(w) | {"mapping_id": w.mapping_of("A")}
    ),
    ("GET", "/api/v1/athletes/{athlete_id}/plans/current/why"): Policy(
        A_AND_COACH, params=_a, query=lambda w: {"exercise": "back-squat"}
    ),
    ("GET", "/api/v1/athletes/{athlete_id}/plans/current/check"): Policy(A_AND_COACH, params=_a),
    ("GET", "/api/v1/athletes/{athlete_id}/plans/current.pdf"): Policy(A_AND_COACH, params=_a),
    ("GET", "/api/v1/athletes/{athlete_id}/report"): Policy(A_AND_COACH, params=_a),
    ("POST", "/api/v1/athletes/{athlete_id}/reports"): Policy(
        A_AND_COACH, params=_a, body=lambda w, r: {"format": "pdf"}
    ),
    ("POST", "/api/v1/imports"): Policy(SIGNED_IN, upload=True),
    # An upload is its uploader's alone: A's coach may import for A, but from their own upload.
    ("GET", "/api/v1/imports/{import_id}/preview"): Policy(
        ONLY_A, params=lambda w: {"import_id": w.upload_of("A")}, query=_a_query
    ),
    ("POST", "/api/v1/imports/{import_id}/previews"): Policy(
        ONLY_A,
        params=lambda w: {"import_id": w.upload_of("A")},
        body=lambda w, r: {"athlete_id": w.people["A"].athlete_id},
    ),
    ("POST", "/api/v1/imports/{import_id}/commit"): Policy(
        ONLY_A,
        params=lambda w: {"import_id": w.upload_of("A")},
        body=lambda w, r: {"athlete_id": w.people["A"].athlete_id},
    ),
    # Home sessions are health data: coachA's link holds no view_health.
    ("GET", "/api/v1/athletes/{athlete_id}/home-sessions"): Policy(ONLY_A, params=_a),
    ("GET", "/api/v1/athletes/{athlete_id}/home-sessions/{day}"): Policy(
        ONLY_A, params=lambda w: _a(w) | {"day": w.home_day_of("A")}
    ),
    ("PUT", "/api/v1/athletes/{athlete_id}/home-sessions/{day}"): Policy(
        ONLY_A,
        params=lambda w: _a(w) | {"day": w.home_day_of("A")},
        body=lambda w, r: {"adherence": "done", "pain_during": 2, "notes": f"by {r}"},
    ),
    ("DELETE", "/api/v1/athletes/{athlete_id}/home-sessions/{day}"): Policy(
        ONLY_A, params=lambda w: _a(w) | {"day": w.home_day_of("A")}
    ),
    ("GET", "/api/v1/jobs/{job_id}"): Policy(
        ONLY_A, params=lambda w: {"job_id": w.finished_job_of("A")}
    ),
    ("GET", "/api/v1/jobs/{job_id}/result"): Policy(
        ONLY_A, params=lambda w: {"job_id": w.finished_job_of("A")}
    ),
}

# The HTML pages (legday.web.pages) have their own matrix: tests/web/pages/test_page_matrix.py.
ROUTES = sorted(
    (m, r.path)
    for r in api_routes(create_app("sqlite://"))
    for m in r.methods
    if m != "HEAD" and r.path.startswith("/api/")
)


def test_every_route_has_a_policy_and_every_policy_a_route() -> None:
    assert [k for k in ROUTES if k not in POLICY] == []
    assert [k for k in POLICY if k not in ROUTES] == []


def _sync_refused(response: Any) -> bool:
    return response.status_code == 200 and all(
        r["status"] == "rejected" for r in response.json()["results"]
    )


def _check_headers(response: Any) -> None:
    h = response.headers
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert "unsafe-inline" not in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
    assert h["cache-control"] == "no-store"
    assert h["referrer-policy"]


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_route_by_role(
    method: str, path: str, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    policy = POLICY[(method, path)]
    w = cloned(db_url)
    # Refusals first (they must change nothing), then the calls that are allowed.
    order = sorted(ROLES, key=lambda r: policy.expect[r] == "ok")
    for role in order:
        expected = policy.expect[role]
        url = path.format(**policy.params(w))
        body = policy.body(w, role) if policy.body else None
        query = policy.query(w) if policy.query else None
        before = snapshot(db_url) if expected != "ok" else None
        if policy.upload:
            files = {"file": ("strong.csv", STRONG, "text/csv")}
            r = w.client(role).request(method, url, files=files, params=query)
        else:
            r = w.client(role).request(method, url, json=body, params=query)
        _check_headers(r)
        where = f"{method} {url} as {role}: {r.status_code} {r.text[:200]}"
        if expected == "ok":
            assert 200 <= r.status_code < 300 and not (
                path == "/api/v1/sync" and _sync_refused(r)
            ), where
            continue
        if path == "/api/v1/sync" and role != "anon":
            assert _sync_refused(r), where
        elif expected == "deny":
            assert r.status_code in ((401,) if role == "anon" else (403, 404)), where
        elif expected == "missing":
            assert r.status_code == 404, where
        else:
            assert r.status_code in (400, 409), where
        assert snapshot(db_url) == before, f"rows changed: {where}"
