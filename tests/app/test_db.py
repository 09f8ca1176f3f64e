"""Opening databases: settings, schema versions, transactions and the errors a user can act on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select, text
from tests.helpers import aid, me, run_cli

from legday.app import athletes
from legday.app.db import open_database
from legday.domain.errors import Conflict, StorageError
from legday.store.models import Athlete


def test_new_sqlite_file_is_migrated_with_safe_settings(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'sub' / 'new.db'}")
    with db.read(db.local_actor()) as s:
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert s.scalars(select(Athlete)).all() == []


def test_default_database_lives_in_legday_home(tmp_path: Path) -> None:
    r = run_cli("db", "status", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["file"] == str(tmp_path / "home" / "legday.db")


def test_write_rolls_back_on_error(db_url: str) -> None:
    db = open_database(db_url)
    athletes.add(db, me(db), "Ann", athletes.AthleteFields())
    with pytest.raises(RuntimeError), db.write(db.local_actor()) as s:
        s.add(Athlete(name="Bob", level="beginner", unit="kg", limitations=[], profile={}))
        s.flush()
        raise RuntimeError("boom")
    assert [a.name for a in athletes.list_all(db, me(db))] == ["Ann"]


def test_duplicate_name_is_a_conflict_case_insensitively(db_url: str) -> None:
    db = open_database(db_url)
    athletes.add(db, me(db), "Ann Lee", athletes.AthleteFields())
    with pytest.raises(Conflict):
        athletes.add(db, me(db), "ann  lee", athletes.AthleteFields())


def test_deleting_an_athlete_cascades(db_url: str) -> None:
    from datetime import datetime

    from legday.store.models import SetEntry, TrainingSession

    db = open_database(db_url)
    a = athletes.add(db, me(db), "Ann", athletes.AthleteFields())
    with db.write(db.local_actor()) as s:
        sess = TrainingSession(
            athlete_id=a.id, started_at=datetime(2026, 1, 5, 18), source="legday"
        )
        s.add(sess)
        s.flush()
        s.add(SetEntry(session_id=sess.id, athlete_id=a.id, seq=1, exercise_raw="Squat"))
    athletes.remove(db, me(db), aid(db, "Ann"))
    with db.read(db.local_actor()) as s:
        assert s.scalar(text("SELECT count(*) FROM set_entry")) == 0
        assert s.scalar(text("SELECT count(*) FROM training_session")) == 0


def test_bad_url_is_one_clear_line() -> None:
    r = run_cli("athlete", "list", db="notaurl")
    assert r.exit_code == 1
    assert "not a database URL" in r.stderr and "Traceback" not in r.stderr


def test_unsupported_backend() -> None:
    r = run_cli("athlete", "list", db="mysql://x@localhost/db")
    assert r.exit_code == 1 and "unsupported database" in r.stderr


def test_unreachable_server_is_one_clear_line() -> None:
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    r = run_cli("athlete", "list", db="postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert r.exit_code == 1
    assert "cannot use the database" in r.stderr and "server is running" in r.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("LEGDAY_HOME", str(locked / "inner"))
    r = run_cli("athlete", "list")
    assert r.exit_code == 1 and "data folder" in r.stderr


def test_unwritable_data_dir_as_any_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A path under a regular *file* cannot be created by anyone, root included.
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("LEGDAY_HOME", str(blocker / "home"))
    r = run_cli("athlete", "add", "Ann")  # a command that creates the database
    assert r.exit_code == 1
    assert "cannot create the data folder" in r.stderr and "LEGDAY_HOME" in r.stderr
    r = run_cli("athlete", "list")  # one that only reads says there is none (issue 13)
    assert r.exit_code == 1 and "no legday database" in r.stderr


def test_database_from_a_newer_legday_is_refused(db_url: str) -> None:
    open_database(db_url)
    from legday.app.db import forget_open_databases
    from legday.store.engine import make_engine

    forget_open_databases()
    eng = make_engine(db_url)
    with eng.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    eng.dispose()
    with pytest.raises(StorageError, match="newer legday"):
        open_database(db_url)
    r = run_cli("athlete", "list", db=db_url)
    assert r.exit_code == 1 and "newer legday" in r.stderr


def test_foreign_database_is_not_touched(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE precious (x INTEGER)")
        c.execute("INSERT INTO precious VALUES (42)")
    r = run_cli("athlete", "list", db=f"sqlite:///{path}")
    assert r.exit_code == 1 and "not a legday database" in r.stderr
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT x FROM precious").fetchall() == [(42,)]
        tables = {row[0] for row in c.execute("SELECT name FROM sqlite_master")}
    assert tables == {"precious"}


def test_backup_is_consistent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    assert run_cli("athlete", "add", "Ann", db=url).exit_code == 0
    r = run_cli("db", "backup", str(tmp_path / "copy.db"), "--json", db=url)
    assert r.exit_code == 0, r.stderr
    assert r.json()["integrity"] == "ok"
    listed = run_cli("athlete", "list", "--json", db=f"sqlite:///{tmp_path / 'copy.db'}")
    assert [a["name"] for a in listed.json()["athletes"]] == ["Ann"]
