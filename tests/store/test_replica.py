"""Reads on a real streaming replica (pg_basebackup + hot standby on loopback): read-only units of
work go to the replica, writes and ``primary=True`` reads to the primary, and the answers of the
read paths match the primary's once the replica has caught up."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from tests.conftest import IN_CI, PG_URL, new_pg_database

from legday.app import analytics, athletes, training
from legday.app.db import forget_open_databases, open_database
from legday.domain.errors import InvalidInput

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


@pytest.fixture(scope="module")
def replica_base() -> Iterator[str]:
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but LEGDAY_TEST_PG_URL is not set: PostgreSQL tests must run")
        pytest.skip("no PostgreSQL server (set LEGDAY_TEST_PG_URL)")
    # Two test modules may copy the primary at once (one per xdist worker); a copy that fails
    # (seen once in CI, cause not reproduced) is tried again, and its reason is kept for the report.
    reasons: list[str] = []
    for _ in range(3):
        out = subprocess.run(
            ["bash", str(SCRIPTS / "pg-replica-start")],
            capture_output=True,
            text=True,
            check=False,
            timeout=180,
        )
        if out.returncode == 0:
            break
        reasons.append(out.stderr)
        time.sleep(2)
    assert out.returncode == 0, "\n".join(reasons)
    env = dict(line.removeprefix("export ").split("=", 1) for line in out.stdout.splitlines())
    try:
        yield env["LEGDAY_TEST_PG_REPLICA_URL"]
    finally:
        subprocess.run(
            ["bash", str(SCRIPTS / "pg-replica-stop")],
            env={**os.environ, "LEGDAY_PG_REPLICA_DIR": env["LEGDAY_PG_REPLICA_DIR"]},
            check=False,
        )


def _caught_up(primary: str, replica: str, timeout: float = 30.0) -> None:
    """Wait until the replica has replayed everything the primary has written."""
    p, r = create_engine(primary), create_engine(replica)
    try:
        # The insert position, not the write one: the test server commits asynchronously
        # (synchronous_commit=off), so the last commit may not be written out yet.
        with p.connect() as c:
            lsn = c.execute(text("SELECT pg_current_wal_insert_lsn()")).scalar()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with r.connect() as c:
                    done = c.execute(
                        text("SELECT pg_last_wal_replay_lsn() >= CAST(:lsn AS pg_lsn)"),
                        {"lsn": lsn},
                    ).scalar()
                if done:
                    return
            except Exception:  # the new database may not exist on the replica yet
                pass
            time.sleep(0.1)
        pytest.fail(f"the replica did not catch up with {lsn} in {timeout} s")
    finally:
        p.dispose()
        r.dispose()


def test_read_paths_run_on_the_replica_and_agree_with_the_primary(replica_base: str) -> None:
    url = new_pg_database()
    replica = make_url(replica_base).set(database=make_url(url).database)
    read_url = replica.render_as_string(hide_password=False)
    _caught_up(url, read_url)
    db = open_database(url, read_url=read_url)
    me = db.local_actor()
    rae = athletes.add(db, me, "Rae", athletes.AthleteFields(unit="kg")).id
    training.log_session(
        db, me, rae, "back-squat 100x5x3; romanian-deadlift 80x8x3", day=date(2026, 11, 2)
    )
    training.log_session(db, me, rae, "back-squat 102.5x5x3", day=date(2026, 11, 5))

    with db.read(me) as s:
        assert s.execute(text("SELECT pg_is_in_recovery()")).scalar() is True
    with db.read(me, primary=True) as s:
        assert s.execute(text("SELECT pg_is_in_recovery()")).scalar() is False
    with db.write(me) as s:
        assert s.execute(text("SELECT pg_is_in_recovery()")).scalar() is False

    _caught_up(url, read_url)
    forget_open_databases()
    on_replica = open_database(url, read_url=read_url)
    sessions = training.list_sessions(on_replica, me, rae)
    report = analytics.analyze(on_replica, me, rae, date_to=date(2026, 11, 6))
    forget_open_databases()
    on_primary = open_database(url)
    assert [a.name for a in athletes.list_all(on_primary, me)] == ["Rae"]
    assert sessions == training.list_sessions(on_primary, me, rae)
    assert len(sessions) == 2
    assert report == analytics.analyze(on_primary, me, rae, date_to=date(2026, 11, 6))
    forget_open_databases()


def test_a_replica_must_be_postgresql(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="PostgreSQL"):
        open_database(f"sqlite:///{tmp_path / 'a.db'}", read_url=f"sqlite:///{tmp_path / 'b.db'}")
