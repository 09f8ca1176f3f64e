"""ETag / If-Match on recorded tests: a correction or removal based on an older read answers 412
with a problem document and changes nothing; the version covers everything an edit may change
(a notes-only correction makes a new one)."""

from __future__ import annotations

import pytest

from legday.app import accounts
from tests.web.world import World, cheap_hasher, cloned, snapshot


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def test_a_stale_correction_is_refused_and_the_newer_one_kept(w: World) -> None:
    a = w.client("A")
    url = f"/api/v1/assessments/{w.assessment_of('A')}"
    read = a.get(url)
    assert read.status_code == 200
    first = read.headers["etag"]
    # another device corrects the test with the version it read
    r = a.patch(url, json={"values": {"value": 21}, "again": True}, headers={"If-Match": first})
    assert r.status_code == 200, r.text
    second = r.headers["etag"]
    assert second != first and a.get(url).headers["etag"] == second
    # this one still holds the first version
    before = snapshot(w.db_url)
    r = a.patch(url, json={"values": {"value": 5}, "again": True}, headers={"If-Match": first})
    assert r.status_code == 412, r.text
    problem = r.json()
    assert r.headers["content-type"] == "application/problem+json"
    assert problem["type"] == "urn:legday:problem:stale" and "changed since" in problem["detail"]
    assert a.delete(url, headers={"If-Match": first}).status_code == 412
    assert snapshot(w.db_url) == before
    assert a.get(url).json()["value"] == 21
    # a list of tags passes when one is current; then the removal with the current version
    r = a.patch(url, json={"notes": "retested"}, headers={"If-Match": f"{first}, {second}"})
    assert r.status_code == 200
    third = r.headers["etag"]
    assert third != second  # notes are part of the version
    assert a.delete(url, headers={"If-Match": third}).status_code == 204
    assert a.get(url).status_code == 404


def test_without_if_match_an_edit_applies_as_before(w: World) -> None:
    a = w.client("A")
    url = f"/api/v1/assessments/{w.assessment_of('A')}"
    r = a.patch(url, json={"values": {"value": 19}, "again": True})
    assert r.status_code == 200 and r.json()["assessment"]["value"] == 19
    assert r.headers["etag"] == a.get(url).headers["etag"]


def test_a_foreign_test_answers_404_before_any_version_is_compared(w: World) -> None:
    url = f"/api/v1/assessments/{w.assessment_of('B')}"
    etag = w.client("B").get(url).headers["etag"]
    before = snapshot(w.db_url)
    r = w.client("A").patch(url, json={"notes": "x"}, headers={"If-Match": etag})
    assert r.status_code == 404
    assert snapshot(w.db_url) == before
