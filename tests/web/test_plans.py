"""Analysis and plans through the API, as the athlete and as the coach the link allows."""

from __future__ import annotations

from typing import Any

import pytest

from legday.app import accounts
from tests.web.world import PLAN_FLAGS, cheap_hasher, cloned


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def test_owner_generates_and_coach_reads_the_plan_and_its_calendar(w: Any) -> None:
    a = w.people["A"].athlete_id
    r = w.client("A").post(f"/api/v1/athletes/{a}/plans", json=PLAN_FLAGS | {"weeks": 6})
    assert r.status_code == 201, r.text
    made = r.json()
    assert len(made["weeks"]) == 6
    coach = w.client("coachA")
    shown = coach.get(f"/api/v1/athletes/{a}/plans/current").json()
    assert shown["plan_id"] == made["plan_id"] and shown["plan_weeks"] == 6
    week2 = coach.get(f"/api/v1/athletes/{a}/plans/current", params={"week": 2}).json()
    assert [x["week"] for x in week2["weeks"]] == [2]
    ics = coach.get(f"/api/v1/athletes/{a}/plans/current.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    events = ics.text.count("BEGIN:VEVENT")
    sessions = sum(len(wk.get("sessions", [])) for wk in made["weeks"])
    assert events == sessions > 0
    assert f"legday-plan-{made['plan_id']}.ics" in ics.headers["content-disposition"]


def test_plan_writes_need_the_write_plan_scope(w: Any) -> None:
    a = w.people["A"].athlete_id
    before = w.client("A").get(f"/api/v1/athletes/{a}/plans/current").json()["plan_id"]
    r = w.client("coachA").post(f"/api/v1/athletes/{a}/plans", json=PLAN_FLAGS)
    assert r.status_code == 404
    assert w.client("A").get(f"/api/v1/athletes/{a}/plans/current").json()["plan_id"] == before


def test_analysis_of_someone_else_is_logged_for_them(w: Any) -> None:
    a = w.people["A"].athlete_id
    doc = w.client("coachA").get(f"/api/v1/athletes/{a}/analysis")
    assert doc.status_code == 200 and doc.json()["athlete"]["name"] == "A"
    log = w.client("A").get("/api/v1/me/access-log").json()["items"]
    assert any(
        e["action"] == "analysis" and e["actor_id"] == w.people["coachA"].user_id for e in log
    )
    assert w.client("B").get(f"/api/v1/athletes/{a}/analysis").status_code == 404


def test_an_impossible_plan_is_a_clear_400(w: Any) -> None:
    a = w.people["A"].athlete_id
    r = w.client("A").post(f"/api/v1/athletes/{a}/plans", json={"equipment": ["rack"]})
    assert r.status_code == 400 and "rack" in r.json()["detail"]
