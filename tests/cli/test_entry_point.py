"""The `legday` program (cli/main.run) ends without the interpreter's teardown; it must still
leave the database whole (write-ahead log folded back), keep every exit code and flush output."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def _legday(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LEGDAY_DATABASE_URL": f"sqlite:///{db}"}
    return subprocess.run(
        [sys.executable, "-m", "legday", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_write_is_in_the_database_file_itself(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    done = _legday("athlete", "add", "Ann", "--age", "30", "--json", db=db)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["athlete"]["name"] == "Ann"
    # The connection was closed before the exit: no write-ahead log is left behind, so a copy
    # of the .db file alone holds the new athlete.
    assert not Path(f"{db}-wal").exists()
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT name FROM athlete").fetchall() == [("Ann",)]


def test_exit_codes_and_messages_are_kept(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    missing = _legday("athlete", "show", "Nobody", db=db)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: ")
    usage = _legday("athlete", "add", db=db)  # the name is missing: a usage error
    assert usage.returncode == 2
    assert "name" in usage.stderr.lower()
    bare = _legday(db=db)  # no command: the help, exit code 2 as before
    assert bare.returncode == 2
    assert "Usage: " in bare.stdout and "COMMAND" in bare.stdout


def test_long_output_is_flushed_whole(tmp_path: Path) -> None:
    done = _legday("exercises", "list", "--json", db=tmp_path / "t.db")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)  # a cut-off document would not parse
    assert doc
