"""The job queue survives its workers: a job taken by a worker that died is queued again (and
finished by another), or failed with the reason once it has killed workers MAX_ATTEMPTS times;
a worker that comes back late cannot overwrite the job another worker now owns."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from legday.app import accounts, jobs
from legday.app.db import open_database
from legday.store import jobs as store
from tests.web.world import World, cheap_hasher, cloned


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def _done(*_: Any) -> jobs.Outcome:
    return jobs.Outcome(result={"ok": True}, data=b"file", media_type="text/plain", name="x.txt")


def _die(w: World, worker: str) -> None:
    """A worker claims the oldest job, then dies (no heartbeat, no finish): its last heartbeat
    is put back past the stale limit, as if the time had passed."""
    db = w.db
    with db.write(db.local_actor()) as s:
        job = store.claim(s, worker, jobs._now())
        assert job is not None
        job.heartbeat_at = jobs._now() - jobs.STALE_AFTER - timedelta(seconds=1)


def test_a_job_of_a_dead_worker_is_retried_and_finished_by_another(w: World) -> None:
    a = w.people["A"]
    v = jobs.submit(w.db, a.actor, "report", {"format": "html"})
    _die(w, "dead-1")
    assert jobs.get(w.db, a.actor, v.id).status == "running"
    assert jobs.recover(w.db) == [v.id]
    assert jobs.get(w.db, a.actor, v.id).status == "queued"
    assert jobs.Worker(open_database(w.db_url), {"report": _done}).run_once()
    got = jobs.get(w.db, a.actor, v.id)
    assert (got.status, got.attempts, got.result) == ("done", 2, {"ok": True})


def test_a_job_that_kills_its_workers_fails_with_the_reason_after_max_attempts(w: World) -> None:
    a = w.people["A"]
    v = jobs.submit(w.db, a.actor, "report", {"format": "html"})
    for n in range(jobs.MAX_ATTEMPTS):
        _die(w, f"dead-{n}")
        assert jobs.recover(w.db) == [v.id]
    got = jobs.get(w.db, a.actor, v.id)
    assert got.status == "failed" and got.attempts == jobs.MAX_ATTEMPTS
    assert got.error is not None and "stopped" in got.error
    assert not jobs.Worker(open_database(w.db_url), {"report": _done}).run_once()


def test_a_late_worker_cannot_finish_a_job_taken_back(w: World) -> None:
    a = w.people["A"]
    v = jobs.submit(w.db, a.actor, "report", {"format": "html"})
    _die(w, "late")
    jobs.recover(w.db)
    with w.db.write(w.db.local_actor()) as s:
        assert store.claim(s, "new", jobs._now()) is not None
    with w.db.write(w.db.local_actor()) as s:
        assert not store.finish(s, v.id, "late", jobs._now(), error="late answer")
    assert jobs.get(w.db, a.actor, v.id).status == "running"


def test_a_live_job_is_not_taken_back(w: World) -> None:
    a = w.people["A"]
    v = jobs.submit(w.db, a.actor, "report", {"format": "html"})
    with w.db.write(w.db.local_actor()) as s:
        store.claim(s, "alive", jobs._now())
    assert jobs.recover(w.db) == []
    assert jobs.get(w.db, a.actor, v.id).status == "running"


def test_a_failing_handler_fails_the_job_with_its_message(w: World) -> None:
    from legday.domain.errors import InvalidInput

    def refuse(*_: Any) -> jobs.Outcome:
        raise InvalidInput("no sessions in this period", "choose other dates")

    a = w.people["A"]
    v = jobs.submit(w.db, a.actor, "report", {"format": "html"})
    assert jobs.Worker(open_database(w.db_url), {"report": refuse}).run_once()
    got = jobs.get(w.db, a.actor, v.id)
    assert got.status == "failed"
    assert got.error == "no sessions in this period (choose other dates)"
    with pytest.raises(Exception, match="no file"):
        jobs.result_file(w.db, a.actor, v.id)


def test_the_worker_thread_runs_jobs_while_the_app_is_served(w: World) -> None:
    """``legday serve`` runs the app's lifespan: its worker thread picks up a queued job."""
    import time

    from legday.web.app import create_app
    from tests.web.conftest import new_client

    a = w.people["A"]
    with new_client(create_app(w.db_url)) as c:
        c.cookies.set("__Host-legday", a.token)
        c.headers["X-CSRF-Token"] = a.csrf
        c.headers["Origin"] = "https://testserver"
        r = c.post(f"/api/v1/athletes/{a.athlete_id}/reports", json={"format": "html"})
        assert r.status_code == 202, r.text
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            got = c.get(f"/api/v1/jobs/{r.json()['id']}").json()
            if got["status"] in ("done", "failed"):
                break
            time.sleep(0.2)
        assert got["status"] == "done", got
        page = c.get(got["result_url"])
        assert page.headers["content-type"].startswith("text/html")
        assert b"<html" in page.content.lower()
