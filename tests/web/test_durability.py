"""kill -9 of `legday serve` during a stream of set writes loses no acknowledged write.

A real server process (uvicorn) is started on loopback, a client streams sync batches and
remembers every set the server acknowledged, the whole process group is SIGKILLed at a random
moment, the server is started again, and every acknowledged set must be there. On PostgreSQL two
servers share the database and both are killed.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.web.conftest import PASSWORD

ROUNDS = 3
pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(
    db_url: str, home: Path, extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = os.environ | {"LEGDAY_HOME": str(home)} | (extra_env or {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "legday", "--db", db_url, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: kill -9 takes every worker with it
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode() if proc.stderr else "server exited")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("legday serve did not answer within 60 s")


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _stream(
    base: str, token: str, athlete_id: int, acked: list[str], stop: threading.Event
) -> None:
    session = str(uuid.uuid4())
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=10) as c:
        while not stop.is_set():
            ops = [
                {
                    "op": "create",
                    "client_id": str(uuid.uuid4()),
                    "client_session_id": session,
                    "athlete_id": athlete_id,
                    "exercise_id": "back-squat",
                    "load_kg": 100,
                    "reps": 5,
                    "logged_at": "2026-12-01T18:00:00",
                }
                for _ in range(3)
            ]
            try:
                r = c.post("/api/v1/sync", json={"ops": ops})
            except httpx.HTTPError:
                return  # the server is gone: nothing more was acknowledged
            if r.status_code == 200:
                acked += [x["client_id"] for x in r.json()["results"] if x["status"] == "created"]


def _stored(db_url: str) -> set[str]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as c:
            keys = c.scalars(text("SELECT dedupe_key FROM set_entry WHERE dedupe_key LIKE 'web:%'"))
            return {k[4:] for k in keys}
    finally:
        engine.dispose()


def _account(base: str) -> tuple[str, int]:
    email = "lifter@example.org"
    r = httpx.post(
        f"{base}/api/v1/auth/register", json={"email": email, "password": PASSWORD, "name": "L"}
    )
    assert r.status_code == 201, r.text
    athlete_id = int(r.json()["athlete_id"])
    r = httpx.post(f"{base}/api/v1/auth/tokens", json={"email": email, "password": PASSWORD})
    return str(r.json()["token"]), athlete_id


def test_kill_9_loses_no_acknowledged_write(db_url: str, tmp_path: Path) -> None:
    servers = 2 if db_url.startswith("postgresql") else 1
    rng = random.Random(20261206)
    procs, bases = zip(*(_start(db_url, tmp_path) for _ in range(servers)), strict=True)
    token, athlete_id = _account(bases[0])
    acked: list[str] = []
    for round_ in range(ROUNDS):
        stop = threading.Event()
        threads = [
            threading.Thread(target=_stream, args=(b, token, athlete_id, acked, stop))
            for b in bases
        ]
        started = len(acked)
        for t in threads:
            t.start()
        deadline = time.monotonic() + 30
        while len(acked) < started + 6 and time.monotonic() < deadline:
            time.sleep(0.01)  # kill while writes are flowing, not during start-up
        time.sleep(rng.uniform(0.05, 0.6))
        for p in procs:
            _kill(p)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        missing = set(acked) - _stored(db_url)
        assert not missing, f"round {round_}: {len(missing)} acknowledged sets lost"
        procs, bases = zip(*(_start(db_url, tmp_path) for _ in range(servers)), strict=True)
    for p in procs:
        _kill(p)
    print(f"{len(acked)} acknowledged sets over {ROUNDS} kills, all present")
    assert len(acked) >= 3 * ROUNDS, "the stream never got going"
    _check_integrity(db_url)


def test_kill_9_during_a_job_loses_no_job(db_url: str, tmp_path: Path) -> None:
    """Reports queued, the server killed while one runs: after a restart every job finishes,
    the interrupted one on its second attempt."""
    fast = {"LEGDAY_JOB_STALE_SECONDS": "3"}
    proc, base = _start(db_url, tmp_path, fast)
    token, athlete_id = _account(base)
    auth = {"Authorization": f"Bearer {token}"}
    ids = []
    for _ in range(3):
        r = httpx.post(
            f"{base}/api/v1/athletes/{athlete_id}/reports", json={"format": "pdf"}, headers=auth
        )
        assert r.status_code == 202, r.text
        ids.append(r.json()["id"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if httpx.get(f"{base}/api/v1/jobs/{ids[0]}", headers=auth).json()["status"] == "running":
            break
        time.sleep(0.05)
    _kill(proc)
    proc, base = _start(db_url, tmp_path, fast)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            got = [httpx.get(f"{base}/api/v1/jobs/{i}", headers=auth).json() for i in ids]
            if all(g["status"] in ("done", "failed") for g in got):
                break
            time.sleep(0.5)
        assert [g["status"] for g in got] == ["done"] * 3, got
        assert got[0]["attempts"] == 2
        pdf = httpx.get(f"{base}{got[0]['result_url']}", headers=auth)
        assert pdf.content.startswith(b"%PDF")
    finally:
        _kill(proc)


def _check_integrity(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        return
    engine = create_engine(db_url)
    with engine.connect() as c:
        assert c.scalar(text("PRAGMA integrity_check")) == "ok"
    engine.dispose()


def test_serve_command_module_loads_no_server_library() -> None:
    """`legday serve --help` is cheap: the server's libraries load only when it runs."""
    out = subprocess.run(
        [sys.executable, "-c", "import sys, legday.cli.serve_cmd; print('fastapi' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"
