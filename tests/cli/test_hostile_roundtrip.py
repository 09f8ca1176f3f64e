"""Round trips that hold: your own export imports into the same database as nothing new; a CSV
export of a long session imports again; a value the database would refuse is caught first, with
FILE:LINE, and nothing is stored."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.helpers import run_cli


def _counts(db: str) -> tuple[int, int]:
    rows = run_cli("sessions", "list", "--json", db=db).json()["sessions"]
    return len(rows), sum(r["set_count"] for r in rows)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_importing_your_own_export_adds_nothing(db_url: str, tmp_path: Path, fmt: str) -> None:
    run_cli("athlete", "add", "Sam", db=db_url)
    for text, day in (
        ("back-squat 100x5x3; rdl 80x8x2", "2026-11-02"),
        ("back-squat 105x5", "2026-11-04"),
    ):
        assert run_cli("log", text, "--date", day, db=db_url).exit_code == 0
    before = _counts(db_url)
    assert before == (2, 6)
    out = tmp_path / f"mine.{fmt}"
    assert run_cli("export", "--format", fmt, "--out", str(out), db=db_url).exit_code == 0
    r = run_cli("import", str(out), "--json", db=db_url)
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert doc["sessions_added"] == 0 and doc["sets_added"] == 0
    assert doc["sets_skipped_duplicate"] == 6
    assert _counts(db_url) == before


def test_a_csv_export_of_a_long_session_imports_again(db_url: str, tmp_path: Path) -> None:
    strong = tmp_path / "strong.csv"
    # A workout whose timer ran for two days: kept with a warning (longer than 100,000 s).
    strong.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
        '2024-01-02 18:00:00,"Legs",48h 40m,"Squat (Barbell)",1,100,5,0,0,"","",\n',
        encoding="utf-8",
    )
    r = run_cli("import", str(strong), "--athlete", "Sam", "--unit", "kg", db=db_url)
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "export.csv"
    assert run_cli("export", "--format", "csv", "--out", str(out), db=db_url).exit_code == 0
    fresh = db_url if "sqlite" not in db_url else f"sqlite:///{tmp_path / 'fresh.db'}"
    if fresh == db_url:  # PostgreSQL: a second athlete in the same database
        r = run_cli("import", str(out), "--athlete", "Sam", "--json", db=fresh)
        assert r.exit_code == 0, r.stderr
        assert r.json()["sets_added"] == 0
        return
    r = run_cli("import", str(out), "--json", db=fresh)
    assert r.exit_code == 0, r.stderr
    assert r.json()["sets_added"] == 1
    shown = run_cli("sessions", "list", "--json", db=fresh).json()["sessions"][0]
    assert shown["minutes"] == 48 * 60 + 40


def _legday(sets: list[dict[str, object]], **session: object) -> str:
    doc = {
        "format": "legday",
        "version": 1,
        "athlete": {"name": "Sam", "unit": "kg"},
        "sessions": [{"started_at": "2024-01-02T18:00:00", **session, "sets": sets}],
        "assessments": [],
    }
    return json.dumps(doc, indent=2)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("position", 2**31),  # PostgreSQL integer range
        ("reps", 2**40),
        ("source_line", 2**31),
        ("exercise_occurrence", 2**31),
        ("notes", "a\u0000b"),  # PostgreSQL text holds no NUL
    ],
)
def test_values_the_database_would_refuse_are_caught_with_the_line(
    db_url: str, tmp_path: Path, field: str, value: object
) -> None:
    run_cli("athlete", "add", "Sam", db=db_url)
    path = tmp_path / "bad.json"
    sets = [{"exercise_raw": "Squat", "load_kg": 100.0, "reps": 5}, {"exercise_raw": "Squat"}]
    sets[1][field] = value
    path.write_text(_legday(sets), encoding="utf-8")
    r = run_cli("import", str(path), db=db_url)
    assert r.exit_code == 1 and r.stderr.count("\n") == 1, r.stderr
    assert re.search(r"bad\.json:\d+: sessions\[0\]\.sets\[1\]", r.stderr), r.stderr
    assert _counts(db_url) == (0, 0)
