"""Home sessions through the API: a physio whose link holds view_health and log_for_athlete
records, corrects and removes them; a coach who may log but not read health data is refused like
a missing athlete and writes nothing; a stale If-Match answers 412 and changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from legday.app import accounts, care_links
from tests.web.world import World, cheap_hasher, cloned, snapshot


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def _linked(w: World, role: str, scopes: list[str]) -> Any:
    m = w.user(role)
    v = care_links.invite(
        w.db, m.actor, role="physio", scopes=scopes, athlete_email=w.people["A"].email
    )
    care_links.accept(w.db, w.people["A"].actor, v.id)
    return w.client(role)


def _url(w: World, day: date | None = None) -> str:
    base = f"/api/v1/athletes/{w.people['A'].athlete_id}/home-sessions"
    return base if day is None else f"{base}/{day.isoformat()}"


def test_a_physio_with_view_health_records_corrects_and_removes(w: World) -> None:
    physio = _linked(w, "pt", ["view_health", "log_for_athlete"])
    day = date.today() - timedelta(days=2)
    r = physio.put(_url(w, day), json={"adherence": "partly", "pain_during": 6})
    assert r.status_code == 200, r.text
    first = r.headers["etag"]
    assert r.json()["recorded_by_id"] == w.people["pt"].user_id
    r = physio.put(
        _url(w, day),
        json={"adherence": "done", "pain_during": 3, "settled_by_morning": True},
        headers={"If-Match": first},
    )
    assert r.status_code == 200 and r.headers["etag"] != first
    listed = w.client("A").get(_url(w)).json()
    assert [(d["date"], d["adherence"], d["pain_during"]) for d in listed["items"]] == [
        (day.isoformat(), "done", 3)
    ]
    assert sum(x["done"] for x in listed["weeks"]) == 1
    # the athlete sees who recorded it in their access log
    log = w.client("A").get("/api/v1/me/access-log").json()["items"]
    assert any(e["action"].startswith("record a home session") for e in log)
    assert physio.delete(_url(w, day)).status_code == 204
    assert physio.get(_url(w, day)).status_code == 404
    assert w.client("A").get(_url(w)).json()["items"] == []


def test_a_coach_who_may_log_but_not_read_health_data_is_refused(w: World) -> None:
    day = date.fromisoformat(w.home_day_of("A"))
    coach = _linked(w, "logger", ["view_training", "log_for_athlete"])
    before = snapshot(w.db_url)
    for method, body in (("GET", None), ("PUT", {"adherence": "not"}), ("DELETE", None)):
        r = coach.request(method, _url(w, day), json=body)
        assert r.status_code == 404, (method, r.text)
    assert coach.get(_url(w)).status_code == 404
    assert snapshot(w.db_url) == before
    # a reader of health data who may not log for the athlete cannot write either
    reader = _linked(w, "reader", ["view_health"])
    before = snapshot(w.db_url)
    assert reader.get(_url(w, day)).status_code == 200
    assert reader.put(_url(w, day), json={"adherence": "not"}).status_code == 404
    assert reader.delete(_url(w, day)).status_code == 404
    assert snapshot(w.db_url) == before


def test_a_stale_if_match_is_refused_and_nothing_is_lost(w: World) -> None:
    a = w.client("A")
    day = date.fromisoformat(w.home_day_of("A"))
    read = a.get(_url(w, day))
    old = read.headers["etag"]
    # someone else corrects it meanwhile
    assert a.put(_url(w, day), json={"adherence": "done", "pain_during": 1}).status_code == 200
    before = snapshot(w.db_url)
    for method, body in (("PUT", {"adherence": "not", "pain_during": 9}), ("DELETE", None)):
        r = a.request(method, _url(w, day), json=body, headers={"If-Match": old})
        assert r.status_code == 412, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert "changed since you read it" in r.json()["detail"]
    assert snapshot(w.db_url) == before
    assert a.get(_url(w, day)).json()["pain_during"] == 1
    # If-Match on a day with no record fails too (RFC 9110: even "*")
    empty = date.today() - timedelta(days=45)
    r = a.put(_url(w, empty), json={"adherence": "done"}, headers={"If-Match": "*"})
    assert r.status_code == 412
    assert a.get(_url(w, empty)).status_code == 404
    now = a.get(_url(w, day)).headers["etag"]
    assert a.delete(_url(w, day), headers={"If-Match": now}).status_code == 204


def test_a_day_after_tomorrow_is_refused(w: World) -> None:
    r = w.client("A").put(_url(w, date.today() + timedelta(days=3)), json={"adherence": "done"})
    assert r.status_code == 400 and "future" in r.json()["detail"]
