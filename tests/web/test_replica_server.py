"""The server on a real hot standby (scripts/pg-replica-start): with the replica's replay paused,
an athlete's own pages right after a write show the write (they read the primary), while the
coach's roster and the analysis still show the replica's older state (they read the replica);
once replay resumes they agree."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from legday.app import accounts
from legday.app.db import forget_open_databases
from legday.web.app import create_app
from tests.conftest import new_pg_database
from tests.store.test_replica import replica_base  # noqa: F401  (a fixture)
from tests.web.world import cheap_hasher, cloned


def _caught_up(primary: str, standby: str, timeout: float = 60.0) -> None:
    """Wait until the replica replayed all the primary wrote, asked on its ``postgres`` database:
    a session held open on the test's database would stall the replay of its DROP."""
    import time

    p = create_engine(primary, poolclass=NullPool)
    r = create_engine(standby, poolclass=NullPool)
    try:
        # The insert position, not the write one: the test server commits asynchronously
        # (synchronous_commit=off), so the last commit may not be written out yet.
        with p.connect() as c:
            lsn = c.execute(text("SELECT pg_current_wal_insert_lsn()")).scalar()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with r.connect() as c:
                done = c.execute(
                    text("SELECT pg_last_wal_replay_lsn() >= CAST(:lsn AS pg_lsn)"), {"lsn": lsn}
                ).scalar()
            if done:
                return
            time.sleep(0.1)
        pytest.fail(f"the replica did not catch up with {lsn} in {timeout} s")
    finally:
        p.dispose()
        r.dispose()


def _replay(standby: str, run: bool) -> None:
    engine = create_engine(standby, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as c:
            c.execute(text(f"SELECT pg_wal_replay_{'resume' if run else 'pause'}()"))
    finally:
        engine.dispose()


def _load_7d(coach: Any, athlete_id: int) -> float:
    rows = coach.get("/api/v1/roster").json()["items"]
    return float(next(r["load_7d"] for r in rows if r["athlete_id"] == athlete_id))


def test_roster_and_analysis_read_the_replica_own_pages_the_primary(
    replica_base: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    url = new_pg_database()
    w = cloned(url)
    read_url = (
        make_url(replica_base)
        .set(database=make_url(url).database)
        .render_as_string(hide_password=False)
    )
    _caught_up(url, replica_base)
    forget_open_databases()
    w.app = create_app(url, read_url=read_url, run_jobs=False)
    a, coach = w.client("A"), w.client("coachA")
    aid = w.people["A"].athlete_id
    analysis_before = a.get(f"/api/v1/athletes/{aid}/analysis").json()
    assert _load_7d(coach, aid) == 0.0  # the world's session has no session RPE

    _replay(replica_base, run=False)
    try:
        made = a.post(
            f"/api/v1/athletes/{aid}/sessions",
            json={
                "name": "heavy",
                "session_rpe": 8,
                "duration_s": 3600,
                "sets": [{"exercise_id": "back-squat", "load_kg": 120, "reps": 3}],
            },
        )
        assert made.status_code == 201, made.text
        new_id = made.json()["id"]
        # The athlete's own pages, right after the write: the primary.
        assert a.get(f"/api/v1/sessions/{new_id}").status_code == 200
        listed = a.get(f"/api/v1/athletes/{aid}/sessions").json()["items"]
        assert new_id in [s["id"] for s in listed]
        # Roster and analysis: the replica, which has not replayed the write yet.
        assert _load_7d(coach, aid) == 0.0
        assert a.get(f"/api/v1/athletes/{aid}/analysis").json() == analysis_before
    finally:
        _replay(replica_base, run=True)
    _caught_up(url, replica_base)
    # 8 (session RPE) x 60 minutes: Foster 2001's session load, now on the replica too.
    assert _load_7d(coach, aid) == 480.0
    assert a.get(f"/api/v1/athletes/{aid}/analysis").json() != analysis_before
    forget_open_databases()
