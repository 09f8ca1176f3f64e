"""A large Strong file is read by columns and stored without a Python call per set
(legday.interop.strong_bulk, legday.app.import_bulk, legday.store.imports): every table it writes
must equal what the record path writes for the same file, re-imports must add nothing, a file
that grows must add only its new sets, and a bad row must leave nothing written and be reported
by its line. Both paths run here on small files by lowering the row threshold."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.helpers import import_file, me

from legday.app import athletes, importing
from legday.app.db import Database, forget_open_databases, open_database
from legday.domain.errors import FileFormatError
from legday.store.models import Athlete, DailyAggregate, DailyLoad, SetEntry, TrainingSession

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_import import HEADER, generate

SKIP = {"id", "session_id", "athlete_id", "created_at"}


def _tables(db: Database, name: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the athlete ``name`` owns in the tables an import writes, ids left out (the
    session a set belongs to is named by its start)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read(db.local_actor()) as s:
        aid = s.scalar(select(Athlete.id).where(Athlete.name == name))
        start = {
            sid: at
            for sid, at in s.execute(
                select(TrainingSession.id, TrainingSession.started_at).where(
                    TrainingSession.athlete_id == aid
                )
            )
        }
        for model in (TrainingSession, SetEntry, DailyAggregate, DailyLoad):
            cols = [c for c in model.__table__.columns if c.name not in SKIP]
            rows = []
            for r in s.execute(select(model).where(model.athlete_id == aid)).scalars():
                row = tuple(_plain(getattr(r, c.name)) for c in cols)
                if model is SetEntry:
                    row = (start[r.session_id], *row)
                rows.append(row)
            out[model.__tablename__] = sorted(rows, key=repr)
    return out


def _plain(v: Any) -> Any:
    # Sums of floats may differ in the last bit with the order they are added in.
    return round(v, 9) if isinstance(v, float) else v


def _both_ways(
    db: Database, monkeypatch: pytest.MonkeyPatch, files: list[Path], unit: str = "kg"
) -> tuple[dict[str, Any], dict[str, Any], list[Any]]:
    summaries = []
    for name, threshold in (("Columns", 0), ("Records", 10**9)):
        monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", threshold)
        athletes.add(db, me(db), name, athletes.AthleteFields())
        for f in files:
            parsed = importing.parse_bytes(f.read_bytes(), str(f), unit=unit)
            assert (parsed.bulk is not None) == (threshold == 0), f  # the path under test
            summaries.append((name, import_file(db, f, name, unit=unit)))
    return _tables(db, "Columns"), _tables(db, "Records"), summaries


def test_columns_store_what_records_store(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = tmp_path / "strong.csv"
    generate(csv, 600, start=datetime(2020, 1, 1, 17, 30))
    db = open_database(db_url)
    cols, recs, summaries = _both_ways(db, monkeypatch, [csv, csv])
    forget_open_databases()
    assert len(cols["set_entry"]) == 600
    assert cols["daily_aggregate"] and cols["daily_load"]
    for table in cols:
        assert cols[table] == recs[table], table
    (c1, c2, r1, r2) = (x.as_json() for _, x in summaries)
    assert c1 == r1 and c2 == r2
    assert c2["sets_added"] == 0 and c2["sets_skipped_duplicate"] == 600


def _odd_file(path: Path) -> None:
    """Interleaved workouts, a workout number column absent, rest-timer and note rows, an
    unfinished set, a quoted name with a comma, an assisted exercise, a drop set, an unknown set
    token, a long timer left running, a note that reads \\N (COPY's NULL), CRLF line ends."""
    rows = [
        '2024-01-02 18:00:00,"Legs, heavy",1h 5m,"Squat, Pause (Barbell)",W,60,5,0,0,,,',
        '2024-01-02 18:00:00,"Legs, heavy",1h 5m,"Squat, Pause (Barbell)",1,100,5,0,0,,"tired",8',
        "2024-01-03 18:00:00,Upper,50m,Bench Press (Barbell),1,80,5,0,0,,,",
        '2024-01-02 18:00:00,"Legs, heavy",1h 5m,"Squat, Pause (Barbell)",2,100,5,0,0,"ok",,9.5',
        "2024-01-02 18:00:00,Legs,1h 5m,Assisted Pull Up,1,20,8,0,0,,,",
        "2024-01-02 18:00:00,Legs,1h 5m,Assisted Pull Up,D,10,6,0,0,,,",
        "2024-01-02 18:00:00,Legs,1h 5m,Assisted Pull Up,Rest Timer,0,0,0,90,,,",
        "2024-01-02 18:00:00,Legs,1h 5m,Assisted Pull Up,Note,0,0,0,0,grip wide,,",
        "2024-01-02 18:00:00,Legs,1h 5m,Squat (Barbell),X9,0,0,0,0,,,",
        "2024-01-02 18:00:00,Legs,1h 5m,Squat (Barbell),Z,140,3,0,0,,,",
        "2024-01-03 18:00:00,Upper,50m,Bench Press (Barbell),2,80,5,0,0,\\N,,",
        "2024-01-04 07:00:00,Run,14h 2m,Running,1,0,0,5,1800,,,",
        "2024-01-05 07:00:00,Empty,10m,Plank,1,0,0,0,0,,,",
    ]
    path.write_bytes((HEADER.rstrip("\n") + "\r\n" + "\r\n".join(rows) + "\r\n").encode())


def test_an_odd_file_stores_the_same_either_way(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = tmp_path / "odd.csv"
    _odd_file(csv)
    db = open_database(db_url)
    cols, recs, summaries = _both_ways(db, monkeypatch, [csv])
    forget_open_databases()
    for table in cols:
        assert cols[table] == recs[table], table
    assert summaries[0][1].as_json() == summaries[1][1].as_json()
    assert summaries[0][1].warnings  # the unknown token, the unfinished set, the long session


def test_sets_repeated_in_the_file_are_kept_once_either_way(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workouts of one start (told apart by their number) repeat each other's sets: their
    dedupe keys meet, and only the first of each goes in, on both paths."""
    head = (
        "Workout #,Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds"
    )
    rows = [
        "1,2024-01-02 18:00:00,Legs,1h,Squat (Barbell),1,100,5,0,0",
        "1,2024-01-02 18:00:00,Legs,1h,Squat (Barbell),2,100,5,0,0",
        "2,2024-01-02 18:00:00,Legs again,1h,Squat (Barbell),1,100,5,0,0",
        "2,2024-01-02 18:00:00,Legs again,1h,Squat (Barbell),2,100,5,0,0",
        "2,2024-01-02 18:00:00,Legs again,1h,Squat (Barbell),3,90,5,0,0",
        "3,2024-01-04 18:00:00,Legs,1h,Squat (Barbell),1,105,5,0,0",
    ]
    csv = tmp_path / "twice.csv"
    csv.write_text("\n".join([head, *rows]) + "\n")
    db = open_database(db_url)
    cols, recs, summaries = _both_ways(db, monkeypatch, [csv])
    forget_open_databases()
    for table in cols:
        assert cols[table] == recs[table], table
    done = summaries[0][1].as_json()
    assert done == summaries[1][1].as_json()
    assert done["sets_added"] == 4 and done["sets_skipped_duplicate"] == 2


def test_a_grown_file_adds_only_its_new_sets(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first 300 sets, then the whole file of 500: sessions cut in the middle grow (their
    sets numbered after the stored ones) and the daily tables follow, as on the record path."""
    whole = tmp_path / "whole.csv"
    generate(whole, 500, start=datetime(2020, 1, 1, 17, 30))
    part = tmp_path / "part.csv"
    lines = whole.read_text().splitlines(keepends=True)
    part.write_text("".join(lines[:311]))  # the header, and a workout cut after its 10th set
    db = open_database(db_url)
    cols, recs, summaries = _both_ways(db, monkeypatch, [part, whole])
    forget_open_databases()
    for table in cols:
        assert cols[table] == recs[table], table
    grown = summaries[1][1]
    assert grown.sets_added == 190 and grown.sets_skipped_duplicate == 310
    assert grown.as_json() == summaries[3][1].as_json()


def test_a_bad_row_writes_nothing_and_names_its_line(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", 0)
    csv = tmp_path / "bad.csv"
    generate(csv, 400, start=datetime(2020, 1, 1, 17, 30))
    lines = csv.read_text().splitlines(keepends=True)
    lines[250] = lines[250].replace(",5.0,", ",five,", 1).replace(",12.0,", ",five,", 1)
    for r in ("3", "4", "6", "7", "8", "9", "10", "11"):
        lines[250] = lines[250].replace(f",{r}.0,", ",five,", 1)
    csv.write_text("".join(lines))
    db = open_database(db_url)
    athletes.add(db, me(db), "A", athletes.AthleteFields())
    with pytest.raises(FileFormatError) as err:
        import_file(db, csv, "A", unit="kg")
    assert f"{csv}:251:" in str(err.value)
    assert "five" in str(err.value)
    found = _tables(db, "A")
    forget_open_databases()
    assert not any(found.values())


def test_a_failing_write_leaves_nothing_and_no_staging_behind(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after the sets went in (here: in the planner statistics) rolls all of it back,
    and on SQLite the staging file is detached and removed when the connection returns to the
    pool."""
    import tempfile

    from legday.store import import_stats

    monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", 0)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    csv = tmp_path / "strong.csv"
    generate(csv, 300, start=datetime(2020, 1, 1, 17, 30))
    db = open_database(db_url)
    athletes.add(db, me(db), "A", athletes.AthleteFields())

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importing, "ANALYZE_AFTER", 1)
    monkeypatch.setattr(import_stats, "analyze", broken)
    with pytest.raises(RuntimeError):
        import_file(db, csv, "A", unit="kg")
    assert not any(_tables(db, "A").values())
    assert not list((tmp_path / "tmp").iterdir())
    monkeypatch.undo()
    monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", 0)
    assert import_file(db, csv, "A", unit="kg").sets_added == 300  # the connection still works
    forget_open_databases()


def test_another_accounts_athlete_is_refused(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The access rule holds on the column path: an actor without the athlete gets "not found"
    and nothing is written."""
    from legday.domain.access import Actor
    from legday.domain.errors import NotFound
    from legday.store.models import User

    monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", 0)
    csv = tmp_path / "strong.csv"
    generate(csv, 100, start=datetime(2020, 1, 1, 17, 30))
    db = open_database(db_url)
    owner_athlete = athletes.add(db, me(db), "Mine", athletes.AthleteFields())
    with db.engine.begin() as conn:
        conn.execute(User.__table__.insert().values(display_name="other", kind="person"))
        uid = conn.scalar(select(User.id).where(User.display_name == "other"))
    other = Actor(user_id=uid)
    with pytest.raises(NotFound):
        importing.import_bytes(db, other, owner_athlete.id, csv.read_bytes(), csv.name, unit="kg")
    assert not any(_tables(db, "Mine").values())
    forget_open_databases()


def test_a_dry_run_reports_the_same_and_writes_nothing(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview (dry run) of a file half stored already: the same counts either way, no row."""
    whole = tmp_path / "whole.csv"
    generate(whole, 300, start=datetime(2020, 1, 1, 17, 30))
    part = tmp_path / "part.csv"
    part.write_text("".join(whole.read_text().splitlines(keepends=True)[:151]))
    db = open_database(db_url)
    athletes.add(db, me(db), "A", athletes.AthleteFields())
    import_file(db, part, "A", unit="kg")
    before = _tables(db, "A")
    found = []
    for threshold in (0, 10**9):
        monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", threshold)
        found.append(import_file(db, whole, "A", unit="kg", dry_run=True).as_json())
    after = _tables(db, "A")
    forget_open_databases()
    assert found[0] == found[1]
    assert found[0]["sets_added"] == 150 and found[0]["sets_skipped_duplicate"] == 150
    assert before == after


def test_a_staging_file_that_cannot_be_written_is_a_clear_error(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader's own failure (a full disk) is a storage error saying what to do, and nothing
    is written."""
    from legday.domain.errors import StorageError
    from legday.store import import_staging

    def full(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", 0)
    monkeypatch.setattr(import_staging, "_write_stage", full)
    csv = tmp_path / "strong.csv"
    generate(csv, 100, start=datetime(2020, 1, 1, 17, 30))
    db = open_database(sqlite_url)
    athletes.add(db, me(db), "A", athletes.AthleteFields())
    with pytest.raises(StorageError) as err:
        import_file(db, csv, "A", unit="kg")
    assert "No space left" in str(err.value) and "TMPDIR" in str(err.value)
    assert not any(_tables(db, "A").values())
    forget_open_databases()


def test_shared_memory_only_with_room_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    """A container's 64 MB /dev/shm must not take a staging file of hundreds of megabytes."""
    import os
    import shutil
    import tempfile

    from legday.store import import_staging

    if not os.path.isdir("/dev/shm") or not os.access("/dev/shm", os.W_OK):
        pytest.skip("no writable /dev/shm here")
    monkeypatch.setattr(tempfile, "tempdir", None)
    usage = shutil.disk_usage("/dev/shm")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=64 << 20))
    assert import_staging._scratch(200 << 20) is None
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=8 << 30))
    assert import_staging._scratch(200 << 20) == "/dev/shm"


def test_days_shared_with_stored_sessions_equal_a_rebuild(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A history already stored, then a file of as many sessions an hour later on the same days:
    every day is shared, so the daily tables must be what a full rebuild computes (the new
    sessions are staged with the sets, not stored when the shared days are found)."""
    from legday.app import aggregates

    monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", 0)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    generate(first, 200, start=datetime(2021, 3, 1, 8, 0))
    generate(second, 200, seed=9, start=datetime(2021, 3, 1, 9, 0))
    db = open_database(db_url)
    athletes.add(db, me(db), "A", athletes.AthleteFields())
    import_file(db, first, "A", unit="kg")
    added = import_file(db, second, "A", unit="kg")
    assert added.sessions_added == 10 and added.sets_added == 200
    imported = _tables(db, "A")
    with db.write(me(db)) as s:
        aid = athletes.lookup(db, me(db), "A")
        aggregates.rebuild(s, aid)
    rebuilt = _tables(db, "A")
    forget_open_databases()
    assert len(imported["training_session"]) == 20
    assert imported["daily_load"] and imported["daily_aggregate"]
    assert imported["daily_load"] == rebuilt["daily_load"]
    assert imported["daily_aggregate"] == rebuilt["daily_aggregate"]


def _raw(db_file: Path, table: str) -> list[tuple[object, ...]]:
    """Rows as SQLite stores them (quote() shows the storage class: 8 and 8.0 differ)."""
    import sqlite3

    with sqlite3.connect(db_file) as conn:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        cols = [c for c in cols if c not in {"id", "session_id", "created_at"}]
        quoted = ", ".join(f"quote({c})" for c in cols)
        return sorted(conn.execute(f"SELECT {quoted} FROM {table}").fetchall())


def test_staged_sessions_are_stored_as_the_driver_stores_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: sessions moved with the sets from the staging file hold the same bytes as those
    inserted one by one through the driver (dates as SQLAlchemy writes them, JSON lists, REAL
    session RPE), including the odd file's long timer warning."""
    from legday.store import imports

    csv = tmp_path / "odd.csv"
    _odd_file(csv)
    big = tmp_path / "big.csv"
    generate(big, 300, start=datetime(2020, 1, 1, 17, 30))
    monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", 0)
    dumps = []
    for staged in (True, False):
        db_file = tmp_path / f"{staged}.db"
        db = open_database(f"sqlite:///{db_file}")
        athletes.add(db, me(db), "A", athletes.AthleteFields())
        if not staged:  # the driver's executemany, as before the sessions were staged
            monkeypatch.setattr(imports, "sessions_as_part", lambda s, rows: (
                imports.insert_sessions(s, rows), []))  # fmt: skip
        for f in (csv, big):
            import_file(db, f, "A", unit="kg")
        forget_open_databases()
        dumps.append(_raw(db_file, "training_session"))
    # 300 generated sets in workouts of 20; the odd file's 4 workouts less the one left unfinished
    assert len(dumps[0]) == 300 // 20 + 3
    assert dumps[0] == dumps[1]


def test_rows_cut_into_many_staging_files_store_the_same(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: with staging files of 7 rows (pieces of one table across files, tables sharing a
    file), every table equals the record path's, and no staging file stays behind."""
    import tempfile

    from legday.store import import_staging

    monkeypatch.setattr(import_staging, "FIRST_ROWS", 3)
    monkeypatch.setattr(import_staging, "BATCH_ROWS", 7)
    monkeypatch.setattr(import_staging, "MAX_BATCHES", 6)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    cuts: list[int] = []
    batches = import_staging._batches
    monkeypatch.setattr(
        import_staging, "_batches", lambda parts, files: cuts.append(files) or batches(parts, files)
    )
    csv = tmp_path / "strong.csv"
    generate(csv, 30, start=datetime(2020, 1, 1, 17, 30))
    db = open_database(sqlite_url)
    cols, recs, _ = _both_ways(db, monkeypatch, [csv])
    forget_open_databases()
    assert cuts == [5]  # the column path staged its rows, a file kept for the daily tables
    for table in cols:
        assert cols[table] == recs[table], table
    assert not list((tmp_path / "tmp").iterdir())


def test_batches_keep_the_order_and_cut_evenly(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small first file (the copy waits for it alone), the rest cut evenly, in order."""
    import polars as pl

    from legday.store import import_staging

    parts: list[import_staging.Part] = [
        ("training_session", pl.DataFrame({"id": [1, 2, 3]}), {}),
        ("set_entry", pl.DataFrame({"seq": list(range(10))}), {"athlete_id": 1}),
    ]
    monkeypatch.setattr(import_staging, "FIRST_ROWS", 2)
    monkeypatch.setattr(import_staging, "BATCH_ROWS", 4)
    got = import_staging._batches(parts, 6)
    shape = [[(table, frame.height) for _, table, frame, _ in batch] for batch in got]
    assert shape == [
        [("training_session", 2)],
        [("training_session", 1), ("set_entry", 3)],
        [("set_entry", 4)],
        [("set_entry", 3)],
    ]
    flat = [v for batch in got for _, t, f, _ in batch if t == "set_entry" for v in f["seq"]]
    assert flat == list(range(10))
    # 13 rows in at most the files allowed: never more files than SQLite can attach
    monkeypatch.setattr(import_staging, "BATCH_ROWS", 1)
    for files in (2, 3, 5):
        cut = import_staging._batches(parts, files)
        assert len(cut) == files
        assert sum(f.height for batch in cut for _, _, f, _ in batch) == 13


ONE_SESSION = {"load": 0, "sessions": 1, "lower_sets": 0, "all_sets": 0}


def test_rows_computed_later_are_stored_after_the_others(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``insert_frames``' tail: computed once the first rows are on their way (SQLite: on the
    staging thread), stored after them; a tail with no rows leaves no staging file behind, and
    a tail that fails writes nothing."""
    import tempfile
    import threading

    import polars as pl
    from sqlalchemy import func

    from legday.store import imports

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    db = open_database(db_url)
    aid = athletes.add(db, me(db), "A", athletes.AthleteFields()).id
    threads: list[str] = []

    def load_rows(days: list[str]) -> list[imports.Part]:
        threads.append(threading.current_thread().name)
        frame = pl.DataFrame({"day": days, "minutes": [float(len(d)) for d in days]})
        return [("daily_load", frame, ONE_SESSION | {"athlete_id": aid})]

    def count() -> int:
        with db.read(me(db)) as s:
            return int(s.scalar(select(func.count()).select_from(DailyLoad)) or 0)

    first = [("daily_load", pl.DataFrame({"day": ["2024-01-01"], "minutes": [1.0]}),
              ONE_SESSION | {"athlete_id": aid})]  # fmt: skip
    with db.write(me(db)) as s:
        imports.insert_frames(s, first, lambda: load_rows(["2024-01-02", "2024-01-03"]))
    assert count() == 3
    with db.write(me(db)) as s:  # nothing at all to store
        imports.insert_frames(s, [], lambda: load_rows([]))
    assert count() == 3

    def broken() -> list[imports.Part]:
        raise RuntimeError("the daily rows could not be computed")

    with pytest.raises(RuntimeError), db.write(me(db)) as s:
        imports.insert_frames(s, [(*first[0][:1], first[0][1].with_columns(
            pl.lit("2024-02-01").alias("day")), first[0][2])], broken)  # fmt: skip
    assert count() == 3
    forget_open_databases()
    assert not list((tmp_path / "tmp").iterdir())
    if db_url.startswith("sqlite"):
        assert threads and all(name.startswith("legday-stage") for name in threads)
