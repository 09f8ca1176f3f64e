"""The sync endpoint: ``"load_kg": null`` in an update takes the load away (a body-weight set
again); an update without the key keeps the load."""

from __future__ import annotations

import uuid
from typing import Any

from tests.web.conftest import sign_up


def _op(kind: str, cid: str, athlete_id: int, **kw: Any) -> dict[str, Any]:
    return {"op": kind, "client_id": cid, "client_session_id": "s-1", "athlete_id": athlete_id,
            "logged_at": "2026-12-06T18:00:00", **kw}  # fmt: skip


def test_an_update_with_a_null_load_makes_a_body_weight_set(app: Any) -> None:
    ann = sign_up(app, "ann@example.org")
    cid = str(uuid.uuid4())
    first = _op("create", cid, ann.athlete_id, exercise_id="back-squat", load_kg=40, reps=8)
    made = ann.post("/api/v1/sync", json={"ops": [first]})
    assert made.json()["results"][0]["status"] == "created"
    session_id = made.json()["results"][0]["session_id"]

    def load() -> Any:
        return ann.get(f"/api/v1/sessions/{session_id}").json()["sets"][0]["load_kg"]

    ann.post("/api/v1/sync", json={"ops": [_op("update", cid, ann.athlete_id, reps=9)]})
    assert load() == 40
    done = ann.post(
        "/api/v1/sync", json={"ops": [_op("update", cid, ann.athlete_id, load_kg=None)]}
    )
    assert done.json()["results"][0]["status"] == "updated"
    assert load() is None
