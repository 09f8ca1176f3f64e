"""Database upkeep use-cases as typed results: the backup is bytes (the shell writes them), the
status counts what the local user sees, and a check's verdict follows its parts."""

from __future__ import annotations

import sqlite3
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from tests.helpers import me

from legday.app import athletes, maintenance
from legday.app.db import open_database
from legday.app.maintenance_results import DatabaseCheck
from legday.domain.errors import InvalidInput


def test_backup_is_the_bytes_of_a_whole_database_and_writes_no_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    db = open_database(url)
    athletes.add(db, me(db), "Ann", athletes.AthleteFields())
    before = sorted(p.name for p in tmp_path.iterdir())
    copy = maintenance.backup(url)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written beside it
    assert copy.integrity == "ok" and copy.media_type == "application/vnd.sqlite3"
    assert copy.data[:16] == b"SQLite format 3\x00"
    assert copy.as_json() == {
        "integrity": "ok",
        "media_type": "application/vnd.sqlite3",
        "bytes": len(copy.data),
    }
    # The bytes, written out, are a database holding what the live one held.
    (tmp_path / "copy.db").write_bytes(copy.data)
    with sqlite3.connect(tmp_path / "copy.db") as c:
        assert c.execute("SELECT name FROM athlete").fetchall() == [("Ann",)]


def test_status_counts_and_its_document(db_url: str) -> None:
    db = open_database(db_url)
    for name in ("Ann", "Bo"):
        athletes.add(db, me(db), name, athletes.AthleteFields())
    st = maintenance.status(db_url)
    assert (st.athletes, st.sessions, st.sets, st.assessments, st.plans) == (2, 0, 0, 0, 0)
    doc = st.as_json()
    assert list(doc) == [
        "url", "backend", "file", "revision",
        "athletes", "sessions", "sets", "assessments", "plans",
    ]  # fmt: skip
    assert doc["backend"] == db.dialect and (doc["file"] is None) == (db.dialect != "sqlite")
    with pytest.raises(FrozenInstanceError):
        st.athletes = 3  # type: ignore[misc]


def test_backup_of_a_server_database_is_refused(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("about PostgreSQL")
    with pytest.raises(InvalidInput, match="postgresql database"):
        maintenance.backup(db_url)


@pytest.mark.parametrize(
    ("integrity", "problems", "newer", "ok"),
    [
        ("ok", [], False, True),
        ("ok", ["set_entry row 3: load_kg is not a load"], False, False),
        ("*** in database main ***", [], False, False),
        ("ok", [], True, False),
    ],
)
def test_a_check_is_ok_only_when_every_part_is(
    integrity: str, problems: list[str], newer: bool, ok: bool
) -> None:
    r = DatabaseCheck("sqlite:///x.db", "0006", newer, integrity, problems)
    assert r.ok is ok and r.as_json()["ok"] is ok


def test_upgrade_reports_the_schema_before_and_after(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    first = maintenance.upgrade(url)
    assert first.from_revision is None and first.revision is not None
    again = maintenance.upgrade(url).as_json()
    assert again == {"url": url, "from": first.revision, "revision": first.revision}
