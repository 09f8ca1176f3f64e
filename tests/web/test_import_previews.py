"""A large file's preview runs as a job: through the API (``POST /imports/{id}/previews``, its
result the same document as ``GET …/preview``) and on the import page, which polls the job and,
once it is done, reloads (HX-Refresh) into what the file holds; the commit that follows is a job
too. Jobs are run by hand here (the app's own worker is off), so every state is seen."""

from __future__ import annotations

import re
from typing import Any

import pytest

from legday.app import accounts, jobs
from legday.app.db import open_database
from legday.web.app import create_app
from legday.web.jobs import HANDLERS
from tests.web.conftest import sign_up
from tests.web.world import STRONG, World, cheap_hasher, cloned


@pytest.fixture
def w(db_url: str, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    return cloned(db_url)


def _run_one(db_url: str) -> None:
    assert jobs.Worker(open_database(db_url), HANDLERS).run_once()


def test_the_api_previews_an_upload_as_a_job(w: World) -> None:
    a = w.client("A")
    aid = w.people["A"].athlete_id
    upload = w.upload_of("A")
    r = a.post(f"/api/v1/imports/{upload}/previews", json={"athlete_id": aid})
    assert r.status_code == 202, r.text
    job_url = r.headers["location"]
    assert a.get(job_url).json()["status"] == "queued"
    _run_one(w.db_url)
    done = a.get(job_url).json()
    assert done["status"] == "done", done
    direct = a.get(f"/api/v1/imports/{upload}/preview", params={"athlete_id": aid}).json()
    assert done["result"] == direct
    assert done["result"]["sets_added"] == 3 and done["result"]["exercises_unknown"]
    # the upload still waits for its commit
    assert a.post(f"/api/v1/imports/{upload}/commit", json={"athlete_id": aid}).status_code == 202


def test_the_page_polls_a_large_preview_then_commits_it_as_a_job(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legday.web.pages import imports

    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    monkeypatch.setattr(imports, "LARGE_BYTES", 100)  # the tiny file counts as large
    app = create_app(db_url, run_jobs=False)
    ann = sign_up(app, "ann@example.org")
    ben = sign_up(app, "ben@example.org")
    files = {"file": ("strong.csv", STRONG, "text/csv")}
    r = ann.post("/import/preview", files=files, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = r.headers["location"]
    assert re.fullmatch(r"/import/previews/[0-9]+", page)

    waiting: Any = ann.get(page)
    assert waiting.status_code == 200 and "Reading strong.csv" in waiting.text
    assert f'hx-get="{page}/progress"' in waiting.text
    poll = ann.get(page + "/progress", headers={"HX-Request": "true"})
    assert 'data-status="queued"' in poll.text and "hx-refresh" not in poll.headers
    assert ben.get(page).status_code == 404  # someone else's preview answers like a missing one
    assert ben.get(page + "/progress").status_code == 404

    _run_one(db_url)
    poll = ann.get(page + "/progress", headers={"HX-Request": "true"})
    assert poll.headers["hx-refresh"] == "true" and 'data-testid="preview-ready"' in poll.text
    shown = ann.get(page)
    assert 'data-testid="sets-new">3<' in shown.text
    assert "Grandpa Wobble Lift" in shown.text  # a name to map
    upload = re.search(r'name="upload" value="([0-9]+)"', shown.text)
    assert upload is not None

    r = ann.post("/import/commit", data={"upload": upload.group(1)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/import/jobs/{upload.group(1)}"
    _run_one(db_url)
    done = ann.get(r.headers["location"])
    assert 'data-testid="import-done"' in done.text and "3 sets stored" in done.text
    # the upload was used: a second commit finds nothing waiting
    again = ann.post("/import/commit", data={"upload": upload.group(1)})
    assert again.status_code == 400 and "no longer waiting" in again.text


def test_a_small_file_is_previewed_at_once_and_its_upload_removed_after_the_commit(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    app = create_app(db_url, run_jobs=False)
    ann = sign_up(app, "ann@example.org")
    shown = ann.post("/import/preview", files={"file": ("strong.csv", STRONG, "text/csv")})
    assert shown.status_code == 200 and 'data-testid="sets-new">3<' in shown.text
    upload = re.search(r'name="upload" value="([0-9]+)"', shown.text)
    assert upload is not None
    # someone else cannot commit it
    ben = sign_up(app, "ben@example.org")
    assert ben.post("/import/commit", data={"upload": upload.group(1)}).status_code == 400
    done = ann.post("/import/commit", data={"upload": upload.group(1)})
    assert 'data-testid="import-done"' in done.text
    from sqlalchemy import create_engine, text

    with create_engine(db_url).connect() as c:
        assert c.execute(text("select count(*) from job")).scalar_one() == 0
        assert c.execute(text("select count(*) from set_entry")).scalar_one() == 3


NO_UNIT = (
    b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    b"Workout Notes,RPE\n"
    b'2024-01-02 18:00:00,"Legs",1h 5m,"Squat (Barbell)",1,185.0,5.0,0,0.0,"",,8\n'
)


def test_a_missing_unit_is_named_in_the_apis_own_words(w: World) -> None:
    r = w.client("A").post("/api/v1/imports", files={"file": ("strong.csv", NO_UNIT, "text/csv")})
    assert r.status_code == 400
    problem = r.json()
    assert problem["hint"].startswith("set the `unit` field to kg or lb")
    assert "--unit" not in r.text and "{unit}" not in r.text
