"""Retention of the job table: an upload nobody committed is deleted after UPLOAD_RETENTION, a
finished or failed job (with its result file) after RESULT_RETENTION; queued and running jobs are
never swept. The worker sweeps on its own schedule; the clock is injected, nothing sleeps."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from legday.app import accounts, jobs
from legday.domain.errors import InvalidInput, NotFound
from legday.store import jobs as store
from tests.web.world import STRONG, World, cheap_hasher, cloned


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def _done(*_: Any) -> jobs.Outcome:
    return jobs.Outcome(result={"ok": True}, data=b"file", media_type="text/plain", name="x.txt")


def _refuse(*_: Any) -> jobs.Outcome:
    raise InvalidInput("nothing to report", "choose other dates")


class Clock:
    def __init__(self) -> None:
        self.now = jobs._now()

    def __call__(self) -> datetime:
        return self.now


def _status(w: World, job_id: int) -> str | None:
    try:
        return jobs.get(w.db, w.people["A"].actor, job_id).status
    except NotFound:
        return None


def test_the_sweep_deletes_old_uploads_and_old_results_and_nothing_else(w: World) -> None:
    a = w.people["A"].actor
    t0 = jobs._now()
    upload = jobs.submit(w.db, a, "import", {"filename": "s.csv"}, STRONG, queued=False).id
    done = jobs.submit(w.db, a, "report", {"format": "html"}).id
    failed = jobs.submit(w.db, a, "fail", {}).id
    worker = jobs.Worker(w.db, {"report": _done, "fail": _refuse})
    assert worker.run_once() and worker.run_once()
    queued = jobs.submit(w.db, a, "report", {"format": "html"}).id
    running = jobs.submit(w.db, a, "report", {"format": "pdf"}).id
    with w.db.write(w.db.local_actor()) as s:
        claimed = store.claim(s, "busy", t0)
        assert claimed is not None and claimed.id == queued
    expect = {upload: "uploaded", done: "done", failed: "failed", queued: "running"}
    expect[running] = "queued"

    # a minute short of a day: everything stays
    assert jobs.sweep(w.db, t0 + jobs.UPLOAD_RETENTION - timedelta(minutes=1)) == jobs.Swept(0, 0)
    assert {j: _status(w, j) for j in expect} == expect

    # a day and a minute: the upload nobody committed is gone, with its file
    assert jobs.sweep(w.db, t0 + jobs.UPLOAD_RETENTION + timedelta(minutes=1)) == jobs.Swept(1, 0)
    assert _status(w, upload) is None
    assert {j: _status(w, j) for j in expect if j != upload} == {
        j: s for j, s in expect.items() if j != upload
    }
    with pytest.raises(NotFound):
        jobs.payload(w.db, a, upload, "import")
    assert jobs.result_file(w.db, a, done).data == b"file"

    # a week and a minute after they finished: the done and the failed job go; the queued and
    # the running one stay, however old
    swept = jobs.sweep(w.db, t0 + jobs.RESULT_RETENTION + timedelta(minutes=1))
    assert swept == jobs.Swept(0, 2)
    left = {j: _status(w, j) for j in expect}
    assert left == {upload: None, done: None, failed: None, queued: "running", running: "queued"}
    assert jobs.sweep(w.db, t0 + timedelta(days=365)) == jobs.Swept(0, 0)


def test_an_expired_job_answers_404_like_a_missing_one(w: World) -> None:
    m = w.people["A"]
    done = jobs.submit(w.db, m.actor, "report", {"format": "html"}).id
    assert jobs.Worker(w.db, {"report": _done}).run_once()
    c = w.client("A")
    assert c.get(f"/api/v1/jobs/{done}/result").status_code == 200
    jobs.sweep(w.db, jobs._now() + jobs.RESULT_RETENTION + timedelta(minutes=1))
    for url in (f"/api/v1/jobs/{done}", f"/api/v1/jobs/{done}/result"):
        r = c.get(url)
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"


def test_the_worker_sweeps_on_its_own_schedule(w: World) -> None:
    a = w.people["A"].actor
    clock = Clock()
    worker = jobs.Worker(w.db, {}, clock=clock)
    upload = jobs.submit(w.db, a, "import", {"filename": "s.csv"}, STRONG, queued=False).id
    assert not worker.tick()  # sweeps at once (nothing old yet), no job to run
    assert _status(w, upload) == "uploaded"

    clock.now += jobs.UPLOAD_RETENTION + timedelta(minutes=1)
    assert not worker.tick()
    assert _status(w, upload) is None

    # the next sweep waits SWEEP_EVERY: an upload that turns old meanwhile waits for it
    second = jobs.submit(w.db, a, "import", {"filename": "s.csv"}, STRONG, queued=False).id
    with w.db.write(w.db.local_actor()) as s:
        row = store.owned(s, second, w.people["A"].user_id)
        assert row is not None
        row.created_at = clock.now - jobs.UPLOAD_RETENTION - timedelta(minutes=1)
    clock.now += timedelta(seconds=jobs.SWEEP_EVERY / 2)
    worker.tick()
    assert _status(w, second) == "uploaded"
    clock.now += timedelta(seconds=jobs.SWEEP_EVERY / 2)
    worker.tick()
    assert _status(w, second) is None
