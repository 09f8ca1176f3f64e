"""Concurrency that waits instead of failing: a SQLite writer waits out a long write; when it
does give up, the message names the busy database, not the file; on PostgreSQL concurrent imports
of one file store it once; several first users of an empty database all succeed."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.conftest import PG_URL
from tests.helpers import run_cli

STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    + "".join(
        f'2024-01-{d:02d} 18:00:00,"Legs",1h,"Squat (Barbell)",{i},100,5,0,0,"","",\n'
        for d in range(1, 29)
        for i in range(1, 4)
    )
)


def _hold_write_lock(path: Path, seconds: float, held: threading.Event) -> None:
    """Another writer: BEGIN IMMEDIATE held for ``seconds`` (as a long import holds it)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    held.set()
    time.sleep(seconds)
    con.execute("ROLLBACK")
    con.close()


def test_a_sqlite_writer_waits_for_a_long_write(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    url = f"sqlite:///{path}"
    assert run_cli("athlete", "add", "Sam", db=url).exit_code == 0
    held = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 7.0, held))
    holder.start()
    held.wait(10)
    start = time.monotonic()
    r = run_cli("log", "back-squat 100x5", db=url)  # waited 5 s at most before
    waited = time.monotonic() - start
    holder.join()
    assert r.exit_code == 0, r.stderr
    assert waited > 5.5


def test_a_sqlite_timeout_names_the_busy_database_not_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.db"
    url = f"sqlite:///{path}"
    assert run_cli("athlete", "add", "Sam", db=url).exit_code == 0
    csv = tmp_path / "strong.csv"
    csv.write_text(STRONG, encoding="utf-8")
    monkeypatch.setenv("LEGDAY_SQLITE_BUSY_TIMEOUT_MS", "300")
    held = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 3.0, held))
    holder.start()
    held.wait(10)
    r = run_cli("import", str(csv), "--unit", "kg", db=url)
    holder.join()
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert "busy" in r.stderr and "another legday command" in r.stderr
    assert "from the file" not in r.stderr and "legday database" not in r.stderr


def _spawn(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "legday", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def _empty_pg_database() -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert PG_URL
    name = f"legday_empty_{os.getpid()}_{time.monotonic_ns()}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_first_use_by_several_processes(tmp_path: Path, backend: str) -> None:
    if backend == "postgresql":
        if not PG_URL:
            pytest.skip("no PostgreSQL server (set LEGDAY_TEST_PG_URL)")
        url = _empty_pg_database()
    else:
        url = f"sqlite:///{tmp_path / 'first.db'}"
    # Six first users at once, each adding an athlete (a write creates the database).
    procs = [_spawn(["--db", url, "athlete", "add", f"A{i}", "--json"]) for i in range(6)]
    outs = [p.communicate(timeout=180) for p in procs]
    errors = [e for p, (_, e) in zip(procs, outs, strict=True) if p.returncode != 0]
    assert not errors, errors
    names = {a["name"] for a in run_cli("athlete", "list", "--json", db=url).json()["athletes"]}
    assert names == {f"A{i}" for i in range(6)}


def test_concurrent_imports_of_one_file_store_it_once(db_url: str, tmp_path: Path) -> None:
    run_cli("athlete", "add", "Sam", db=db_url)
    csv = tmp_path / "strong.csv"
    csv.write_text(STRONG, encoding="utf-8")
    procs = [
        _spawn(["--db", db_url, "import", str(csv), "--unit", "kg", "--json"]) for _ in range(4)
    ]
    outs = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    docs = [json.loads(o) for o, _ in outs]
    added = sorted(d["sets_added"] for d in docs)
    assert added == [0, 0, 0, 28 * 3]
    assert all(d["sets_skipped_duplicate"] == 28 * 3 for d in docs if d["sets_added"] == 0)
    rows = run_cli("sessions", "list", "--json", db=db_url).json()["sessions"]
    assert len(rows) == 28 and sum(r["set_count"] for r in rows) == 28 * 3
    r = run_cli("import", str(csv), "--unit", "kg", db=db_url)
    assert r.exit_code == 0 and "Already imported" in r.stdout
