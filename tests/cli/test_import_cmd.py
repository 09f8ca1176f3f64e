"""`legday import` and `legday export` as a user types them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli

STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    '2024-01-02 18:00:00,"Push",1h,"Bench Press (Barbell)",W,135,8,0,0,"","",\n'
    '2024-01-02 18:00:00,"Push",1h,"Bench Press (Barbell)",1,225,5,0,0,"","",8\n'
    '2024-01-02 18:00:00,"Push",1h,"Cable Thing",1,50,12,0,0,"","",\n'
)


def _file(tmp_path: Path, text: str = STRONG) -> Path:
    p = tmp_path / "strong.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_import_json(db_url: str, tmp_path: Path) -> None:
    path = _file(tmp_path)
    r = run_cli("import", str(path), "--athlete", "Sam", "--unit", "lb", "--json", db=db_url)
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert set(doc) == {
        "format", "sessions_added", "sets_added", "sets_skipped_duplicate", "warmup_sets",
        "exercises_matched", "exercises_unknown", "date_first", "date_last", "warnings",
    }  # fmt: skip
    assert doc["sets_added"] == 3 and doc["warmup_sets"] == 1
    assert doc["exercises_unknown"] == ["Cable Thing"]
    again = run_cli("import", str(path), "--unit", "lb", "--json", db=db_url).json()
    assert (again["sets_added"], again["sets_skipped_duplicate"]) == (0, 3)


def test_import_text_and_dry_run(db_url: str, tmp_path: Path) -> None:
    run_cli("athlete", "add", "Sam", db=db_url)
    r = run_cli("import", str(_file(tmp_path)), "--unit", "lb", "--dry-run", db=db_url)
    assert r.exit_code == 0 and "Would import" in r.stdout and "Cable Thing" in r.stdout
    r = run_cli("import", str(_file(tmp_path)), "--unit", "lb", db=db_url)
    assert "Imported" in r.stdout and "3" in r.stdout


def test_errors_are_one_line(db_url: str, tmp_path: Path) -> None:
    run_cli("athlete", "add", "Sam", db=db_url)
    r = run_cli("import", str(_file(tmp_path)), db=db_url)
    assert r.exit_code == 1 and "--unit" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    bad = _file(tmp_path, STRONG + '2024-01-03 18:00:00,"Legs",1h,"Squat",1,1OO,5,0,0,"","",\n')
    r = run_cli("import", str(bad), "--unit", "kg", db=db_url)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"error: {bad}:5: weight '1OO' is not a number")
    r = run_cli("import", str(_file(tmp_path)), "--format", "excel", db=db_url)
    assert r.exit_code == 1 and "strong, hevy" in r.stderr
    r = run_cli("import", str(_file(tmp_path)), "--unit", "stone", db=db_url)
    assert r.exit_code == 1 and "kg or --unit lb" in r.stderr


def test_export_and_import_back(db_url: str, tmp_path: Path) -> None:
    run_cli("import", str(_file(tmp_path)), "-a", "Sam", "--unit", "lb", db=db_url)
    out = tmp_path / "sam.json"
    r = run_cli("export", "--athlete", "Sam", "--out", str(out), "--json", db=db_url)
    assert r.exit_code == 0, r.stderr
    assert r.json()["export"]["sets"] == 3
    doc = json.loads(out.read_text("utf-8"))
    assert set(doc) >= {"athlete", "sessions", "assessments"}
    assert doc["athlete"]["name"] == "Sam" and len(doc["sessions"][0]["sets"]) == 3
    bench = doc["sessions"][0]["sets"][1]
    assert bench["load_kg"] == 225 * 0.45359237 and bench["exercise_id"] == "bench-press"
    csv_out = run_cli("export", "--format", "csv", db=db_url)
    assert csv_out.exit_code == 0 and csv_out.stdout.startswith("record,athlete,")
    back = run_cli("import", str(out), "--json", db=db_url).json()
    assert back["format"] == "legday" and back["sets_skipped_duplicate"] == 3


def test_exercises_map_remembers_and_reclassifies(db_url: str, tmp_path: Path) -> None:
    run_cli("import", str(_file(tmp_path)), "-a", "Sam", "--unit", "lb", db=db_url)
    r = run_cli("exercises", "map", "cable thing", "face-pull", "--json", db=db_url)
    assert r.exit_code == 0, r.stderr
    m = r.json()["mapping"]
    assert (m["exercise_id"], m["sets_updated"], m["names_matched"]) == (
        "face-pull",
        1,
        ["Cable Thing"],
    )
    later = _file(tmp_path, STRONG.replace("2024-01-02", "2024-02-02"))
    doc = run_cli("import", str(later), "--unit", "lb", "--json", db=db_url).json()
    assert doc["exercises_unknown"] == [] and doc["exercises_matched"] == 2
    r = run_cli("exercises", "map", "cable thing", "no-such-lift", db=db_url)
    assert r.exit_code == 1 and r.stderr.startswith("error:")


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


class _Closed:
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


def test_a_progress_bar_only_for_a_large_file_on_a_terminal() -> None:
    from legday.cli.import_cmd import PROGRESS_MIN_BYTES, shows_progress

    big, small = PROGRESS_MIN_BYTES, PROGRESS_MIN_BYTES - 1
    assert shows_progress(big, _Stream(tty=True))  # type: ignore[arg-type]
    assert not shows_progress(small, _Stream(tty=True))  # type: ignore[arg-type]
    assert not shows_progress(big, _Stream(tty=False))  # type: ignore[arg-type]
    assert not shows_progress(big, _Closed())  # type: ignore[arg-type]
