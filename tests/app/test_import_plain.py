"""The record path of an import on the standard sqlite3 driver (legday.app.import_plain) leaves
the same database as the ORM path (legday.app.importing on a Database): every table, row by row
with its ids, for every sample export — into a new database, into a stored athlete, again (all
duplicates), after sets logged in legday (derived keys), a legday export with assessments and a
body weight, and a dry run. The same summary each time."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import samples_dir

from legday.app import athletes, exporting, importing, session_log
from legday.app.db import forget_open_databases, open_database
from legday.app.import_summary import ImportSummary, NewAthlete, Target
from legday.app.reading import LiteDatabase, open_lite
from legday.domain.errors import LegdayError
from legday.interop.common import ParsedFile

STAMPS = {"created_at", "updated_at"}  # the moment a row went in: differs between any two runs


def _samples() -> list[tuple[str, ParsedFile]]:
    out = []
    for path in sorted(samples_dir().rglob("*.csv")):
        for unit in (None, "kg"):  # the unit the file states, else kg
            try:
                out.append((path.name, importing.parse_file(path, unit=unit)))
                break
            except LegdayError:  # no unit stated, or a deliberately broken file
                continue
    return out


@pytest.fixture(scope="module")
def samples() -> list[tuple[str, ParsedFile]]:
    found = _samples()
    assert len(found) >= 12, [n for n, _ in found]
    return found


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in rowid order (ids included), without the time stamps."""
    con = sqlite3.connect(path)
    try:
        out: dict[str, list[tuple[Any, ...]]] = {}
        names = [
            n
            for (n,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_stat1'"
            )
        ]
        for table in names:
            cols = [
                f'"{c}"'
                for _, c, *_ in con.execute(f'PRAGMA table_info("{table}")')
                if c not in STAMPS
            ]
            order = "rowid" if table != "alembic_version" else "1"
            try:
                rows = con.execute(f'SELECT {", ".join(cols)} FROM "{table}" ORDER BY {order}')
            except sqlite3.OperationalError:  # WITHOUT ROWID
                rows = con.execute(f'SELECT {", ".join(cols)} FROM "{table}" ORDER BY 1, 2, 3, 4')
            out[table] = rows.fetchall()
        return out
    finally:
        con.close()


def _lite(path: Path) -> LiteDatabase:
    db = open_lite(f"sqlite:///{path}", create=True)
    assert db is not None
    return db


def _both(
    folder: Path, start: Path | None, parsed: ParsedFile, target: Target | None, dry: bool = False
) -> tuple[ImportSummary, ImportSummary, Path, Path]:
    """The same import by the ORM path and by the plain path, each on its own copy of
    ``start`` (None: a new database)."""
    orm, lite = folder / "orm.db", folder / "lite.db"
    for p in (orm, lite):
        for extra in ("", "-wal", "-shm"):
            Path(f"{p}{extra}").unlink(missing_ok=True)
        if start is not None:
            shutil.copyfile(start, p)
    forget_open_databases()
    full = open_database(f"sqlite:///{orm}")
    by_orm = importing.import_parsed(full, full.local_actor(), target, parsed, dry_run=dry)
    forget_open_databases()
    plain = _lite(lite)
    by_plain = importing.import_parsed(plain, plain.local_actor(), target, parsed, dry_run=dry)
    return by_orm, by_plain, orm, lite


def test_every_sample_into_a_new_database_then_again(
    samples: list[tuple[str, ParsedFile]], tmp_path: Path
) -> None:
    for name, parsed in samples:
        a, b, orm, lite = _both(tmp_path, None, parsed, NewAthlete("Me", "kg"))
        assert a == b, name
        assert a.sets_added == parsed.set_count, name
        assert _tables(orm) == _tables(lite), name
        # Again into what each path left: nothing added, every set a duplicate.
        again = tmp_path / "again.db"
        shutil.copyfile(lite, again)
        a, b, orm, lite = _both(tmp_path, again, parsed, NewAthlete("Me", "kg"))
        assert a == b, name
        assert a.sets_added == 0 and a.sets_skipped_duplicate == parsed.set_count, name
        assert _tables(orm) == _tables(lite), name


def _stored_athlete(folder: Path) -> tuple[Path, int]:
    """A database holding one athlete with a logged session (sets without dedupe keys)."""
    path = folder / "start.db"
    path.unlink(missing_ok=True)
    forget_open_databases()
    db = open_database(f"sqlite:///{path}")
    me = db.local_actor()
    aid = athletes.add(db, me, "Sam", athletes.AthleteFields(age_years=30)).id
    session_log.log_session(
        db, me, aid, "back-squat 100x5x3; romanian-deadlift 80x8", day=date(2024, 3, 5)
    )
    forget_open_databases()
    return path, aid


def test_every_sample_into_a_stored_athlete(
    samples: list[tuple[str, ParsedFile]], tmp_path: Path
) -> None:
    start, aid = _stored_athlete(tmp_path)
    for name, parsed in samples:
        a, b, orm, lite = _both(tmp_path, start, parsed, aid)
        assert a == b, name
        assert _tables(orm) == _tables(lite), name
        # half of the file stored already: the other half extends and adds
        half = tmp_path / "half.db"
        first = ParsedFile(parsed.format, parsed.sessions[: len(parsed.sessions) // 2])
        _, _, _, lite = _both(tmp_path, start, first, aid)
        shutil.copyfile(lite, half)
        a, b, orm, lite = _both(tmp_path, half, parsed, aid)
        assert a == b, name
        assert a.sets_skipped_duplicate == first.set_count, name
        assert _tables(orm) == _tables(lite), name


def test_a_dry_run_writes_nothing_and_answers_alike(
    samples: list[tuple[str, ParsedFile]], tmp_path: Path
) -> None:
    start, aid = _stored_athlete(tmp_path)
    before = _tables(start)
    for name, parsed in samples[:4]:
        for target in (aid, None):
            a, b, orm, lite = _both(tmp_path, start, parsed, target, dry=True)
            assert a == b, name
            assert a.sets_added == parsed.set_count, name
            assert _tables(lite) == before == _tables(orm), name


def _legday_export(folder: Path, parsed: ParsedFile) -> ParsedFile:
    """A legday export of an athlete with an imported history and logged sets, with
    assessments (one twice) and a body weight added to the document."""
    start, aid = _stored_athlete(folder)
    db = open_database(f"sqlite:///{start}")
    importing.import_parsed(db, db.local_actor(), aid, parsed)
    doc = json.loads(exporting.export_athlete(db, db.local_actor(), aid, "json").text)
    forget_open_databases()
    chair = {"test_id": "chair-stand-30s", "taken_on": "2024-02-01", "value": 14.0,
             "unit": "reps", "rating": None, "flags": ["slow"], "inputs": {"age": 70},
             "result": {"score": 14, "note": "é"}, "notes": None}  # fmt: skip
    doc["assessments"] = [chair, {**chair, "taken_on": "2024-03-01", "value": 15.0}, chair]
    data = json.dumps(doc).encode()
    out = importing.parse_bytes(data, "export.json")
    out.body_mass_kg, out.body_mass_on = 81.5, "2024-03-01"
    return out


def test_a_legday_export_with_logged_sets_and_assessments(
    samples: list[tuple[str, ParsedFile]], tmp_path: Path
) -> None:
    exported = _legday_export(tmp_path, samples[0][1])
    assert exported.format == "legday" and exported.assessments
    # into a new database (the athlete the file names), then into the athlete it came from:
    # every set, the logged ones by their derived keys, is a duplicate there
    a, b, orm, lite = _both(tmp_path, None, exported, NewAthlete("Sam", "kg"))
    assert a == b and a.sets_added == exported.set_count
    assert "body mass set to 81.5 kg" in " ".join(a.warnings)
    assert _tables(orm) == _tables(lite)
    assert len(_tables(lite)["assessment"]) == 2
    start, aid = _stored_athlete(tmp_path)
    db = open_database(f"sqlite:///{start}")
    importing.import_parsed(db, db.local_actor(), aid, samples[0][1])
    forget_open_databases()
    a, b, orm, lite = _both(tmp_path, start, exported, aid)
    assert a == b
    assert a.sets_added == 0 and a.sets_skipped_duplicate == exported.set_count
    assert _tables(orm) == _tables(lite)
    mass = sqlite3.connect(lite).execute("SELECT body_mass_kg FROM athlete").fetchall()
    assert mass == [(81.5,)]


def test_a_large_import_refreshes_the_planner_statistics(
    samples: list[tuple[str, ParsedFile]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "ANALYZE_AFTER", 1)
    name, parsed = samples[0]
    _, _, orm, lite = _both(tmp_path, None, parsed, NewAthlete("Me", "kg"))

    def stats(p: Path) -> list[tuple[Any, ...]]:
        with sqlite3.connect(p) as con:
            return con.execute("SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY 1, 2").fetchall()

    assert stats(lite) and stats(lite) == stats(orm), name


def test_the_plain_path_analyzes_the_orm_paths_tables() -> None:
    from legday.store import import_stats, plain_import

    assert plain_import.ANALYZED_TABLES == import_stats.IMPORT_TABLES


def test_session_times_are_stored_as_the_orm_stores_them(tmp_path: Path) -> None:
    from legday.domain.records import SessionRecord, SetRecord

    sets = [SetRecord(exercise_raw="Squat", exercise_occurrence=1, position=1, reps=5,
                      load_kg=100.0, dedupe_key=None)]  # fmt: skip
    parsed = ParsedFile(
        "strong",
        [
            SessionRecord(datetime(2024, 1, 2, 3, 4, 5, 6), tuple(sets), source="strong"),
            SessionRecord(datetime(2024, 1, 3, 7, 0), tuple(sets), source="strong"),
        ],
    )
    a, b, orm, lite = _both(tmp_path, None, parsed, NewAthlete("Me"))
    assert a == b
    assert _tables(orm) == _tables(lite)
    got = sqlite3.connect(lite).execute("SELECT started_at FROM training_session").fetchall()
    assert got == [("2024-01-02 03:04:05.000006",), ("2024-01-03 07:00:00.000000",)]


def _rows_of(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """The import's tables through SQLAlchemy (either backend), by id, without time stamps."""
    from sqlalchemy import text

    tables = {"athlete": "id", "training_session": "id", "set_entry": "id", "assessment": "id",
              "daily_aggregate": "athlete_id, day, pattern, muscle",
              "daily_load": "athlete_id, day"}  # fmt: skip
    out = {}
    with db.engine.connect() as conn:
        for table, order in tables.items():
            result = conn.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))
            keep = [i for i, c in enumerate(result.keys()) if c not in STAMPS]
            out[table] = [tuple(r[i] for i in keep) for r in result]
    return out


def test_the_plain_statements_run_on_the_full_databases_unit(
    samples: list[tuple[str, ParsedFile]], db_url: str
) -> None:
    """One code path: the plain record path on ``Database.writes`` (the pooled driver
    connection: SQLite or PostgreSQL) leaves what the ORM path leaves, into a new athlete and
    again into the same one."""
    from tests.conftest import new_pg_database

    from legday.app import import_plain

    other_url = new_pg_database() if db_url.startswith("postgresql") else f"{db_url[:-3]}-2.db"
    orm, plain = open_database(db_url), open_database(other_url)
    for name, parsed in samples[:3]:
        for _ in range(2):
            a = importing.import_parsed(orm, orm.local_actor(), NewAthlete(name), parsed)
            b = import_plain.import_parsed(
                plain, plain.local_actor(), NewAthlete(name), parsed, False,
                lambda *_: None, importing.ANALYZE_AFTER,
            )  # fmt: skip
            assert a == b, name
    assert _rows_of(orm) == _rows_of(plain)
    forget_open_databases()


def test_progress_is_reported_alike(samples: list[tuple[str, ParsedFile]], tmp_path: Path) -> None:
    name, parsed = samples[0]
    seen: list[list[tuple[str, int, int | None]]] = []
    for make in (
        lambda: open_database(f"sqlite:///{tmp_path / 'orm.db'}"),
        lambda: _lite(tmp_path / "lite.db"),
    ):
        db = make()
        calls: list[tuple[str, int, int | None]] = []
        importing.import_parsed(
            db, db.local_actor(), NewAthlete("Me"), parsed,
            on_progress=lambda *call, into=calls: into.append(call),  # type: ignore[misc]
        )  # fmt: skip
        seen.append(calls)
        forget_open_databases()
    assert seen[0] == seen[1], name
    assert [c[0] for c in seen[1]][:2] == ["matching", "write"]
    assert seen[1][-2:] == [("write", parsed.set_count, parsed.set_count), ("aggregates", 0, None)]
