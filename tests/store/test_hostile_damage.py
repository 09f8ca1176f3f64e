"""A damaged database is named, not dumped: a malformed page, a row another tool edited into an
impossible value, a schema from a newer legday — one line saying what is wrong and what to do
(`legday db check`, restore from `legday db backup`), never a traceback."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from tests.helpers import run_cli

COMMANDS = [
    ("sessions", "list"),
    ("sessions", "show", "1"),
    ("records",),
    ("analyze",),
    ("export",),
    ("athlete", "list"),
]


def _legday(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in its own process (the way a user meets a damaged file)."""
    return subprocess.run(
        [sys.executable, "-m", "legday", "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def _history(url: str) -> None:
    assert run_cli("athlete", "add", "Sam", db=url).exit_code == 0
    for day in ("2026-11-02", "2026-11-04", "2026-11-06"):
        r = run_cli("log", "back-squat 100x5x3; rdl 80x8x2", "--date", day, db=url)
        assert r.exit_code == 0, r.stderr


def _named_not_dumped(r: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode in (0, 1), r.stderr
    if r.returncode == 1:
        assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, r.stderr
        assert "legday db check" in r.stderr or "newer legday" in r.stderr, r.stderr


def _sql(url: str, *statements: str) -> None:
    engine = create_engine(url)
    with engine.begin() as c:
        for st in statements:
            c.execute(text(st))
    engine.dispose()


def test_a_malformed_page_is_named(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    url = f"sqlite:///{path}"
    _history(url)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'set_entry'").fetchone()[0]
    con.close()
    with open(path, "r+b") as f:  # the set table's root page becomes garbage
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)
    for cmd in (("sessions", "show", "1"), ("records",), ("export",)):
        r = _legday(url, *cmd)
        _named_not_dumped(r)
        assert r.returncode == 1 and "damaged" in r.stderr
    r = _legday(url, "db", "check", "--json")
    assert r.returncode == 1
    doc = json.loads(r.stdout)["check"]
    assert doc["ok"] is False and doc["integrity"] != "ok"


SQLITE_EDITS = [
    "UPDATE set_entry SET load_kg = 'heavy' WHERE id = 2",
    "UPDATE set_entry SET reps = 'five' WHERE id = 2",
    "UPDATE training_session SET started_at = 'yesterday' WHERE id = 1",
    "UPDATE set_entry SET set_type = 'bogus' WHERE id = 2",
    "UPDATE set_entry SET load_kg = 1e999 WHERE id = 2",
]
BOTH_EDITS = [
    "UPDATE set_entry SET set_type = 'bogus' WHERE id = 2",
    "UPDATE set_entry SET side = '?' WHERE id = 2",
    "UPDATE set_entry SET reps = -5 WHERE id = 2",
    "UPDATE training_session SET started_at = '0001-01-01 00:00:00' WHERE id = 1",
    "UPDATE training_session SET session_rpe = 1e300 WHERE id = 1",
]


def _edits(db_url: str) -> list[str]:
    return SQLITE_EDITS + BOTH_EDITS if db_url.startswith("sqlite") else BOTH_EDITS


@pytest.mark.parametrize("edit", range(len(SQLITE_EDITS + BOTH_EDITS)))
def test_an_impossible_value_in_a_row_is_named(db_url: str, edit: int) -> None:
    edits = _edits(db_url)
    if edit >= len(edits):
        pytest.skip("PostgreSQL's column types refuse this edit themselves")
    _history(db_url)
    _sql(db_url, edits[edit])
    for cmd in COMMANDS:
        _named_not_dumped(_legday(db_url, *cmd))
    r = _legday(db_url, "db", "check", "--json")
    assert r.returncode == 1
    doc = json.loads(r.stdout)["check"]
    assert doc["ok"] is False and doc["problems"], doc
    assert " row " in doc["problems"][0]


def test_a_newer_schema_is_named(db_url: str) -> None:
    _history(db_url)
    _sql(db_url, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    for cmd in (("sessions", "list"), ("athlete", "list")):
        r = _legday(db_url, *cmd)
        _named_not_dumped(r)
        assert r.returncode == 1 and "newer legday" in r.stderr
    r = _legday(db_url, "db", "check", "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["check"]["newer_schema"] is True


def test_a_whole_database_checks_ok(db_url: str) -> None:
    _history(db_url)
    r = run_cli("db", "check", "--json", db=db_url)
    assert r.exit_code == 0 and r.json()["check"]["ok"] is True
    assert r.json()["check"]["problems"] == []
