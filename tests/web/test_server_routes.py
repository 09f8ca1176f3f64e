"""The routes added for issue 15 item 4: assessments, exercises and name mappings, imports by
upload → preview → mapping → commit, reports and plan explanations, and the job resource that
large imports and PDF reports run behind."""

from __future__ import annotations

from typing import Any

import pytest

from legday.app import accounts, jobs
from legday.app.db import open_database
from legday.web.jobs import HANDLERS
from tests.web.world import STRONG, World, cheap_hasher, cloned


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def _run_jobs(w: World) -> None:
    worker = jobs.Worker(open_database(w.db_url), HANDLERS)
    while worker.run_once():
        pass


def test_assessment_record_list_show_edit_delete_with_norm_rating(w: World) -> None:
    a = w.client("A")
    aid = w.people["A"].athlete_id
    r = a.post(
        f"/api/v1/athletes/{aid}/assessments",
        json={"test": "chair-stand-30s", "values": {"value": 14}, "age": 70, "sex": "female"},
    )
    assert r.status_code == 201, r.text
    rec = r.json()
    # Rikli & Jones 1999, women 70-74: 10-15 stands is the normal range (25th-75th percentile)
    assert rec["value"] == 14 and rec["rating"] == "normal" and rec["normal_range"] == [10, 15]
    assert any("Rikli" in x for x in rec["sources"])
    listed = a.get(f"/api/v1/athletes/{aid}/assessments").json()
    assert [t["test"] for t in listed["tests"]] == ["chair-stand-30s"]
    assert a.get(f"/api/v1/assessments/{rec['id']}").json()["value"] == 14
    r = a.patch(f"/api/v1/assessments/{rec['id']}", json={"values": {"value": 9}})
    assert r.status_code == 200, r.text
    assert r.json()["assessment"]["value"] == 9 and r.json()["before"]["value"] == 14
    assert a.delete(f"/api/v1/assessments/{rec['id']}").status_code == 204
    assert a.get(f"/api/v1/assessments/{rec['id']}").status_code == 404


def test_a_coach_reads_tests_only_with_the_scope_and_health_only_with_view_health(
    w: World,
) -> None:
    from legday.app import assess, care_links

    a = w.people["A"]
    test = assess.record(
        w.db, a.actor, a.athlete_id, "chair-stand-30s", {"value": 12}, age=65, sex="male"
    )
    feel = {"fatigue": 3, "sleep": 4, "soreness": 2, "stress": 3, "mood": 4}
    health = assess.record(w.db, a.actor, a.athlete_id, "readiness", feel)
    coach = w.client("coachA")  # view_training + log_for_athlete: no view_assessments
    assert coach.get(f"/api/v1/assessments/{test.id}").status_code == 404
    viewer = w.user("viewer")
    link = care_links.invite(
        w.db, viewer.actor, role="physio", scopes=["view_assessments"], athlete_email=a.email
    )
    care_links.accept(w.db, a.actor, link.id)
    seen = w.client("viewer").get(f"/api/v1/athletes/{a.athlete_id}/assessments").json()
    assert [t["test"] for t in seen["tests"]] == ["chair-stand-30s"]
    assert w.client("viewer").get(f"/api/v1/assessments/{test.id}").status_code == 200
    # readiness is health data: not without view_health
    assert w.client("viewer").get(f"/api/v1/assessments/{health.id}").status_code == 404
    assert w.client("A").get(f"/api/v1/assessments/{health.id}").status_code == 200


def test_exercise_search_show_and_match(w: World) -> None:
    a = w.client("A")
    page = a.get("/api/v1/exercises", params={"q": "squat", "limit": 5}).json()
    assert page["items"] and all(
        "squat" in (x["name"] + x["id"]).lower() or x["id"] for x in page["items"]
    )
    assert len(page["items"]) <= 5 and page["next_cursor"] == "5"
    shown = a.get("/api/v1/exercises/back-squat").json()
    assert shown["id"] == "back-squat" and shown["muscles"]
    assert a.get("/api/v1/exercises/no-such-lift").status_code == 404
    assert a.get("/api/v1/exercises/match", params={"name": "Squat (Barbell)"}).json()["id"]


def test_import_upload_preview_map_commit_as_a_job(w: World) -> None:
    a = w.client("A")
    aid = w.people["A"].athlete_id
    up = a.post("/api/v1/imports", files={"file": ("strong.csv", STRONG, "text/csv")})
    assert up.status_code == 201, up.text
    body = up.json()
    assert body["status"] == "uploaded" and body["sessions"] == 2 and body["sets"] == 3
    pv = a.get(f"/api/v1/imports/{body['id']}/preview", params={"athlete_id": aid}).json()
    assert pv["exercises_unknown"] == ["Grandpa Wobble Lift"] and pv["sets_added"] == 3
    # B can neither preview A's upload nor commit it, even for B's own athlete
    b = w.client("B")
    bid = w.people["B"].athlete_id
    assert (
        b.get(f"/api/v1/imports/{body['id']}/preview", params={"athlete_id": bid}).status_code
        == 404
    )
    assert (
        b.post(f"/api/v1/imports/{body['id']}/commit", json={"athlete_id": bid}).status_code == 404
    )
    r = a.post(
        f"/api/v1/athletes/{aid}/mappings",
        json={"raw": "Grandpa Wobble Lift", "exercise_id": "goblet-squat"},
    )
    assert r.status_code == 201, r.text
    pv = a.get(f"/api/v1/imports/{body['id']}/preview", params={"athlete_id": aid}).json()
    assert pv["exercises_unknown"] == []
    c = a.post(f"/api/v1/imports/{body['id']}/commit", json={"athlete_id": aid})
    assert c.status_code == 202 and c.json()["status"] == "queued"
    assert c.headers["location"] == f"/api/v1/jobs/{body['id']}"
    # a second commit is refused: one file is imported once
    assert (
        a.post(f"/api/v1/imports/{body['id']}/commit", json={"athlete_id": aid}).status_code == 409
    )
    _run_jobs(w)
    done = a.get(f"/api/v1/jobs/{body['id']}").json()
    assert done["status"] == "done", done
    assert done["result"]["sessions_added"] == 2 and done["result"]["sets_added"] == 3
    assert b.get(f"/api/v1/jobs/{body['id']}").status_code == 404
    sessions = a.get(f"/api/v1/athletes/{aid}/sessions").json()["items"]
    assert sum(1 for s in sessions if s["source"] != "manual") >= 2


def test_mapping_delete_classifies_past_sets_again(w: World) -> None:
    a = w.client("A")
    aid = w.people["A"].athlete_id
    up = a.post("/api/v1/imports", files={"file": ("strong.csv", STRONG, "text/csv")})
    a.post(f"/api/v1/imports/{up.json()['id']}/commit", json={"athlete_id": aid})
    _run_jobs(w)
    made = a.post(
        f"/api/v1/athletes/{aid}/mappings",
        json={"raw": "Grandpa Wobble Lift", "exercise_id": "goblet-squat"},
    ).json()
    assert made["sets_updated"] == 1
    listed = a.get(f"/api/v1/athletes/{aid}/mappings").json()["items"]
    assert [(m["raw"], m["exercise_id"]) for m in listed] == [
        ("Grandpa Wobble Lift", "goblet-squat")
    ]
    assert (
        w.client("B").delete(f"/api/v1/athletes/{aid}/mappings/{listed[0]['id']}").status_code
        == 404
    )
    gone = a.delete(f"/api/v1/athletes/{aid}/mappings/{listed[0]['id']}")
    assert gone.status_code == 200 and gone.json()["sets_updated"] == 1
    assert a.get(f"/api/v1/athletes/{aid}/mappings").json()["items"] == []
    pv_sets = _exercise_ids_of(w, aid)
    assert "goblet-squat" not in pv_sets


def _exercise_ids_of(w: World, athlete_id: int) -> set[Any]:
    a = w.client("A")
    out: set[Any] = set()
    for s in a.get(f"/api/v1/athletes/{athlete_id}/sessions").json()["items"]:
        out.update(x["exercise_id"] for x in a.get(f"/api/v1/sessions/{s['id']}").json()["sets"])
    return out


def test_plan_why_and_check(w: World) -> None:
    a = w.client("A")
    aid = w.people["A"].athlete_id
    plan = a.get(f"/api/v1/athletes/{aid}/plans/current").json()
    blocks = plan["weeks"][0]["sessions"][0]["blocks"]
    first = next(b["exercise_id"] for b in blocks if b.get("exercise_id"))
    why = a.get(f"/api/v1/athletes/{aid}/plans/current/why", params={"exercise": first})
    assert why.status_code == 200, why.text
    check = a.get(f"/api/v1/athletes/{aid}/plans/current/check").json()
    assert check["ok"] is True and check["violations"] == []
    assert w.client("B").get(f"/api/v1/athletes/{aid}/plans/current/check").status_code == 404


def test_report_job_makes_a_pdf_its_owner_fetches(w: World) -> None:
    a = w.client("A")
    aid = w.people["A"].athlete_id
    r = a.post(f"/api/v1/athletes/{aid}/reports", json={"format": "pdf"})
    assert r.status_code == 202, r.text
    job_id = r.json()["id"]
    assert w.client("coachA").get(f"/api/v1/jobs/{job_id}").status_code == 404
    _run_jobs(w)
    done = a.get(f"/api/v1/jobs/{job_id}").json()
    assert done["status"] == "done", done
    assert done["result_url"] == f"/api/v1/jobs/{job_id}/result"
    pdf = a.get(done["result_url"])
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert w.client("B").get(done["result_url"]).status_code == 404
