"""Importing into a real database (SQLite and PostgreSQL): counts, idempotence, one transaction,
mappings, export round trips."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from tests.conftest import samples_dir
from tests.helpers import aid, import_file, me

from legday.app import athletes, exporting, mappings
from legday.app.db import Database, open_database
from legday.domain.errors import Conflict, InvalidInput, LegdayError, NotFound
from legday.store.models import (
    Athlete,
    DailyLoad,
    ExerciseMapping,
    SetEntry,
    TrainingSession,
)

SUMMARY_KEYS = {
    "format", "sessions_added", "sets_added", "sets_skipped_duplicate", "warmup_sets",
    "exercises_matched", "exercises_unknown", "date_first", "date_last", "warnings",
}  # fmt: skip

SMALL = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    '2024-01-02 18:00:00,"Push",1h,"Bench Press (Barbell)",W,60,8,0,0,"","",\n'
    '2024-01-02 18:00:00,"Push",1h,"Bench Press (Barbell)",1,100,5,0,0,"","",8\n'
    '2024-01-02 18:00:00,"Push",1h,"Bench Press (Barbell)",2,100,5,0,0,"","",9\n'
    '2024-01-02 18:00:00,"Push",1h,"Sam\'s Mystery Press",1,40,10,0,0,"","",\n'
    '2024-01-04 18:00:00,"Legs",1h,"Squat (Barbell)",1,120,5,0,0,"","",\n'
)


def _db(url: str) -> Database:
    db = open_database(url)
    athletes.add(db, me(db), "Sam", athletes.AthleteFields(unit="kg"))
    return db


def _file(tmp_path: Path, text: str, name: str = "strong.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _state(db: Database) -> tuple[int, ...]:
    with db.read(db.local_actor()) as s:
        return tuple(
            s.scalar(select(func.count()).select_from(t)) or 0
            for t in (Athlete, TrainingSession, SetEntry, ExerciseMapping, DailyLoad)
        )


def test_small_import(db_url: str, tmp_path: Path) -> None:
    db = _db(db_url)
    r = import_file(db, _file(tmp_path, SMALL), "Sam", unit="kg")
    assert set(r.as_json()) == SUMMARY_KEYS
    assert (r.format, r.sessions_added, r.sets_added, r.warmup_sets) == ("strong", 2, 5, 1)
    assert r.sets_skipped_duplicate == 0
    assert r.exercises_unknown == ["Sam's Mystery Press"] and r.exercises_matched == 2
    assert (str(r.date_first), str(r.date_last)) == ("2024-01-02", "2024-01-04")
    with db.read(db.local_actor()) as s:
        rows = s.execute(
            select(
                SetEntry.exercise_id, SetEntry.set_type, SetEntry.load_kg, SetEntry.rpe
            ).order_by(SetEntry.session_id, SetEntry.seq)
        ).all()
        days = s.scalars(select(DailyLoad.day).order_by(DailyLoad.day)).all()
    assert rows[0] == ("bench-press", "warmup", 60.0, None)
    assert rows[2] == ("bench-press", "working", 100.0, 9.0)
    assert rows[3][0] is None and rows[4][0] == "back-squat"
    assert [str(d) for d in days] == ["2024-01-02", "2024-01-04"], "aggregates refreshed"


def test_reimport_and_overlap_add_nothing_twice(db_url: str, tmp_path: Path) -> None:
    db = _db(db_url)
    first = SMALL.splitlines(keepends=True)[:3]  # header + 2 sets of the first workout
    import_file(db, _file(tmp_path, "".join(first), "a.csv"), unit="kg")
    r = import_file(db, _file(tmp_path, SMALL, "b.csv"), unit="kg")
    assert (r.sessions_added, r.sets_added, r.sets_skipped_duplicate) == (1, 3, 2)
    again = import_file(db, _file(tmp_path, SMALL, "b.csv"), unit="kg")
    assert (again.sessions_added, again.sets_added, again.sets_skipped_duplicate) == (0, 0, 5)
    with db.read(db.local_actor()) as s:
        assert s.scalar(select(func.count()).select_from(SetEntry)) == 5
        assert s.scalar(select(func.count()).select_from(TrainingSession)) == 2
        seqs = s.scalars(select(SetEntry.seq).order_by(SetEntry.session_id, SetEntry.seq)).all()
    assert seqs == [1, 2, 3, 4, 1], "sets added to an existing session continue its order"


def test_dry_run_writes_nothing(db_url: str, tmp_path: Path) -> None:
    db = _db(db_url)
    before = _state(db)
    r = import_file(db, _file(tmp_path, SMALL), unit="kg", dry_run=True)
    assert (r.sessions_added, r.sets_added) == (2, 5)
    assert _state(db) == before


def test_unit_rules_and_errors_leave_db_unchanged(db_url: str, tmp_path: Path) -> None:
    db = _db(db_url)
    before = _state(db)
    with pytest.raises(InvalidInput, match="unit of the file's loads to kg or lb"):
        import_file(db, _file(tmp_path, SMALL))
    hevy = _file(
        tmp_path,
        "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
        "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
        'A,"1 Jan 2024, 10:00","1 Jan 2024, 11:00",,Squat (Barbell),,,0,normal,100,5,,,\n',
        "hevy.csv",
    )
    with pytest.raises(Conflict):
        import_file(db, hevy, unit="lb")
    bad = SMALL + '2024-01-05 18:00:00,"Legs",1h,"Squat (Barbell)",1,heavy,5,0,0,"","",\n'
    with pytest.raises(LegdayError, match=r"strong\.csv:7: weight 'heavy'"):
        import_file(db, _file(tmp_path, bad), unit="kg")
    with pytest.raises(NotFound):
        import_file(db, tmp_path / "missing.csv", unit="kg")
    assert _state(db) == before


def test_athlete_created_only_in_an_empty_database(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    path = _file(tmp_path, SMALL)
    with pytest.raises(NotFound):
        import_file(db, path, unit="kg")  # no athlete and no name
    import_file(db, path, "Alex", unit="lb")
    assert [(a.name, a.unit) for a in athletes.list_all(db, me(db))] == [("Alex", "lb")]
    with pytest.raises(NotFound):
        import_file(db, path, "Typo", unit="kg")


def test_mapping_reclassifies_and_is_remembered(db_url: str, tmp_path: Path) -> None:
    db = _db(db_url)
    import_file(db, _file(tmp_path, SMALL), unit="kg")
    r = mappings.map_exercise(db, me(db), aid(db, "Sam"), "sam's   MYSTERY press", "bench-press")
    assert (r.sets_updated, r.days_refreshed, r.names_matched) == (1, 1, ["Sam's Mystery Press"])
    with db.read(db.local_actor()) as s:
        ids = s.scalars(
            select(SetEntry.exercise_id).where(SetEntry.exercise_raw == "Sam's Mystery Press")
        ).all()
    assert ids == ["bench-press"]
    later = SMALL.replace("2024-01-0", "2024-02-0")
    r2 = import_file(db, _file(tmp_path, later, "later.csv"), unit="kg")
    assert r2.exercises_unknown == [] and r2.exercises_matched == 3
    with pytest.raises(NotFound):
        mappings.map_exercise(db, me(db), aid(db, "Sam"), "x", "no-such-exercise")


SAMPLE_UNITS = {"strong_2026_comma_lbs_warmup_drop_failure_resttimer.csv": "lb"}


def _sample_files() -> list[Path]:
    from tests.conftest import SAMPLES

    return sorted(p for p in SAMPLES.rglob("*.csv") if p.parent.name != "jefit")


@pytest.mark.parametrize("path", _sample_files(), ids=lambda p: p.name)
def test_every_sample_imports(db_url: str, path: Path) -> None:
    """Stored rows equal the independent count; a second import adds nothing."""
    from tests.interop.test_samples import _strong_truth, expected_sets

    want = expected_sets(path)
    db = _db(db_url)
    r = import_file(db, path, unit=SAMPLE_UNITS.get(path.name))
    assert r.sets_added == want
    if path.parent.name == "strong":
        assert r.sessions_added == _strong_truth(path)[0]
    with db.read(db.local_actor()) as s:
        assert s.scalar(select(func.count()).select_from(SetEntry)) == want
    again = import_file(db, path, unit=SAMPLE_UNITS.get(path.name))
    assert (again.sets_added, again.sets_skipped_duplicate) == (0, want)


def test_jefit_sample_imports(sqlite_url: str) -> None:
    path = samples_dir() / "jefit" / "jefit_full_backup_export_2026.csv"
    from legday.interop import detect

    want = detect.parse(path.read_bytes(), str(path)).set_count  # counted independently in
    db = _db(sqlite_url)  # tests/interop/test_samples.py::test_jefit_sample
    r = import_file(db, path)
    assert r.sets_added == want and r.format == "jefit"


def test_hevy_sample_round_trips_through_export(db_url: str, tmp_path: Path) -> None:
    path = samples_dir() / "hevy" / "hevy_lbs_minimal_quoting.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))
    db = _db(db_url)
    r = import_file(db, path)
    assert r.sets_added == len(rows)
    assert r.warmup_sets == sum(1 for x in rows if x["set_type"] == "warmup")
    for fmt in ("json", "csv"):
        first = exporting.export_athlete(db, me(db), aid(db, "Sam"), fmt)
        out = tmp_path / f"export.{fmt}"
        out.write_text(first.text, encoding="utf-8")
        # Same database: everything is already there.
        same = import_file(db, out)
        assert (same.sets_added, same.sets_skipped_duplicate) == (0, len(rows))
        # A fresh database, into an athlete of another name: then export again, identical.
        other = open_database(f"sqlite:///{tmp_path / f'other-{fmt}.db'}")
        athletes.add(other, me(other), "Kim", athletes.AthleteFields())
        back = import_file(other, out, "Kim")
        assert back.sets_added == len(rows) and back.format == "legday"
        second = exporting.export_athlete(other, me(other), aid(other, "Kim"), fmt)
        if fmt == "json":
            a, b = json.loads(first.text), json.loads(second.text)
            assert a["sessions"] == b["sessions"] and a["assessments"] == b["assessments"]
        else:
            assert first.text.replace("Sam", "Kim") == second.text.replace("Sam", "Kim")


VALID = SMALL.encode("utf-8")


@st.composite
def corrupted(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["truncate", "delimiter", "garbage", "huge", "encoding", "quote"]))
    data = VALID
    if kind == "truncate":
        cut = draw(st.integers(len(VALID.splitlines()[0]) + 5, len(VALID) - 5))
        return data[:cut]
    if kind == "delimiter":
        line = draw(st.integers(2, 5))
        lines = data.split(b"\n")
        lines[line - 1] = lines[line - 1].replace(b",", b";")
        return b"\n".join(lines)
    if kind == "garbage":
        at = draw(st.integers(0, len(data) - 1))
        junk = draw(st.binary(min_size=1, max_size=20))
        return data[:at] + junk + data[at:]
    if kind == "huge":
        return data.replace(b'"Push"', b'"' + b"x" * 200_000 + b'"', 1)
    if kind == "encoding":
        return SMALL.replace("Press", "Prés").encode("utf-16")
    at = draw(st.integers(len(VALID.splitlines()[0]) + 1, len(data) - 1))
    return data[:at] + b'"' + data[at:]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(corrupted())
def test_corruption_is_an_error_or_a_clean_import(db_url: str, tmp_path: Path, data: bytes) -> None:
    db = open_database(db_url)
    if not athletes.list_all(db, me(db)):
        athletes.add(db, me(db), "Sam", athletes.AthleteFields())
    before = _state(db)
    path = tmp_path / "broken.csv"
    path.write_bytes(data)
    try:
        import_file(db, path, "Sam", unit="kg")
    except LegdayError as exc:
        assert str(exc).strip() and "\n" not in str(exc)[:200].split(":", 1)[0]
        assert _state(db) == before, "a failed import leaves the database as it was"


def test_demo_history_is_the_lifter_who_skips_legs(sqlite_url: str, tmp_path: Path) -> None:
    from datetime import date

    from legday.demo import import_step

    today = date(2026, 6, 1)
    text = import_step.history_csv(today)
    assert text == import_step.history_csv(today), "deterministic"
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    legs = [r for r in rows if r["Exercise Name"] in import_step.LEG_NAMES]
    assert 0 < len(legs) < 0.1 * len(rows)
    first = min(r["Date"] for r in rows)
    assert date.fromisoformat(first[:10]) >= date(2025, 11, 24)  # about six months
    db = _db(sqlite_url)
    r = import_file(db, _file(tmp_path, text), "Sam", unit="kg")
    assert r.sets_added == len(rows) and r.exercises_unknown == []


def test_over_long_keys_are_shortened_consistently(db_url: str, tmp_path: Path) -> None:
    """A 400-digit "Workout #" and a 250-character name still fit their columns on PostgreSQL,
    and a second import recognises them."""
    name = "Press " + "x" * 250
    text = (
        '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
        '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
        f'"{"9" * 400}";"2024-02-12 18:29:02";"W";"60";"{name}";"1";"50";"5";"";"";"";"";""\n'
    )
    db = _db(db_url)
    path = _file(tmp_path, text)
    assert import_file(db, path).sets_added == 1
    again = import_file(db, path)
    assert (again.sessions_added, again.sets_added, again.sets_skipped_duplicate) == (0, 0, 1)


def test_legday_export_restores_into_an_empty_database(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    athletes.add(db, me(db), "Sam", athletes.AthleteFields(unit="lb"))
    athletes.add(db, me(db), "Kim", athletes.AthleteFields())
    import_file(db, _file(tmp_path, SMALL), "Sam", unit="kg")
    out = tmp_path / "sam.json"
    out.write_text(
        exporting.export_athlete(db, me(db), aid(db, "Sam"), "json").text, encoding="utf-8"
    )
    # Two athletes, no --athlete: the file's own athlete is meant.
    assert import_file(db, out).sets_skipped_duplicate == 5
    fresh = open_database(f"sqlite:///{tmp_path / 'fresh.db'}")
    r = import_file(fresh, out)
    assert (r.sessions_added, r.sets_added) == (2, 5)
    assert [(a.name, a.unit) for a in athletes.list_all(fresh, me(fresh))] == [("Sam", "lb")]


def test_progress_is_reported_while_parsing_and_writing(sqlite_url: str, tmp_path: Path) -> None:
    head, *body = SMALL.splitlines(keepends=True)
    # 30,000 bench-press rows over 60 workouts (one per second of a minute): 500 sets each.
    rows = [
        body[1].replace("2024-01-02 18:00:00", f"2024-01-02 18:00:{i % 60:02d}")
        for i in range(30_000)
    ]
    path = _file(tmp_path, head + "".join(rows))
    seen: list[tuple[str, int, int | None]] = []
    db = _db(sqlite_url)
    import_file(db, path, unit="kg", on_progress=lambda *a: seen.append(a))
    stages = [s for s, _, _ in seen]
    assert stages[:2] == ["read", "parse"] and "write" in stages and stages[-1] == "aggregates"
    parse_totals = {t for s, _, t in seen if s == "parse" and t is not None}
    assert parse_totals == {30_001}
    writes = [d for s, d, _ in seen if s == "write"]
    assert writes[-1] == 30_000
