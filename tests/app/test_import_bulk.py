"""Large imports leave the query planner statistics (ANALYZE), small ones do not pay for it."""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path

import pytest
from tests.helpers import import_file, me

from legday.app import athletes, importing
from legday.app.db import forget_open_databases, open_database
from legday.store import imports

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_import import generate


def _stat_tables(db_file: Path) -> set[str]:
    with sqlite3.connect(db_file) as conn:
        has = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
        if not has:
            return set()
        return {r[0] for r in conn.execute("SELECT tbl FROM sqlite_stat1")}


@pytest.mark.parametrize(("threshold", "analyzed"), [(100, True), (10_000, False)])
def test_statistics_after_a_large_import_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threshold: int, analyzed: bool
) -> None:
    monkeypatch.setattr(importing, "ANALYZE_AFTER", threshold)
    csv = tmp_path / "strong.csv"
    generate(csv, 400)
    db_file = tmp_path / "b.db"
    db = open_database(f"sqlite:///{db_file}")
    athletes.add(db, me(db), "Bench", athletes.AthleteFields())
    summary = import_file(db, csv, "Bench", unit="kg")
    forget_open_databases()
    assert summary.sets_added == 400
    stats = _stat_tables(db_file)
    if analyzed:
        assert {"set_entry", "training_session"} <= stats
    else:
        assert "set_entry" not in stats


def _dump(db_file: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_file) as conn:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "created_at"]
        quoted = ", ".join(f"quote({c})" for c in cols)
        return sorted(conn.execute(f"SELECT {quoted} FROM {table}").fetchall())


def test_sessions_by_the_driver_are_stored_as_the_orm_stores_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = tmp_path / "strong.csv"
    generate(csv, 300)
    dumps = []
    for fast in (True, False):
        monkeypatch.setattr(imports, "DRIVER_SESSIONS", fast)
        db_file = tmp_path / f"{fast}.db"
        db = open_database(f"sqlite:///{db_file}")
        athletes.add(db, me(db), "Bench", athletes.AthleteFields())
        import_file(db, csv, "Bench", unit="kg")
        again = import_file(db, csv, "Bench", unit="kg")
        assert again.sets_added == 0
        forget_open_databases()
        dumps.append({t: _dump(db_file, t) for t in ("training_session", "set_entry")})
    assert dumps[0]["training_session"]
    assert dumps[0] == dumps[1]


def test_one_value_columns_as_literals_store_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Generated history (several one-value columns) plus a file whose one-value columns are
    text with quotes, a question mark and non-ASCII letters: identical tables either way."""
    csv = tmp_path / "strong.csv"
    generate(csv, 300)
    odd = tmp_path / "odd.csv"
    odd.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE\n"
        + "".join(
            f'2024-01-0{d} 10:00:00,"Leg day",1h,"Squat (Barbell)",{i},100,5,0,0,'
            '"it\'s? ünïcode",,\n'
            for d in (1, 2)
            for i in (1, 2, 3)
        ),
        encoding="utf-8",
    )
    dumps = []
    for literal in (True, False):
        monkeypatch.setattr(imports, "LITERAL_CONSTANTS", literal)
        db_file = tmp_path / f"{literal}.db"
        db = open_database(f"sqlite:///{db_file}")
        athletes.add(db, me(db), "Bench", athletes.AthleteFields())
        for f in (csv, odd):
            import_file(db, f, "Bench", unit="kg")
        forget_open_databases()
        dumps.append({t: _dump(db_file, t) for t in ("set_entry", "daily_aggregate")})
    assert dumps[0]["set_entry"]
    assert dumps[0] == dumps[1]
    notes = {row[-4] for row in dumps[0]["set_entry"]}  # quote(notes)
    assert "'it''s? ünïcode'" in notes


def test_sql_literals_are_exact_or_refused() -> None:
    assert imports.sql_literal(None) == "NULL"
    assert imports.sql_literal(7) == "7"
    assert imports.sql_literal("a'b") == "'a''b'"
    assert imports.sql_literal(1.5) is None  # floats stay parameters
    assert imports.sql_literal(True) is None  # not written as the word True
    assert imports.sql_literal("a\x00b") is None
    # A whole number SQLite would read back as REAL (rounded) is bound, never written.
    assert imports.sql_literal(2**63 - 1) == str(2**63 - 1)
    assert imports.sql_literal(-(2**63)) == str(-(2**63))
    assert imports.sql_literal(2**63) is None and imports.sql_literal(-(2**63) - 1) is None


def test_a_one_value_column_too_large_for_sqlite_is_refused_not_rounded(tmp_path: Path) -> None:
    """Written as a literal, 2**63 in every row was stored as 9.2e18; bound, the driver refuses
    it and nothing is stored."""
    import sqlite3

    from legday.store.plain_import import SET_COLUMNS, insert_plan

    conn = sqlite3.connect(tmp_path / "t.db")
    conn.execute(f"CREATE TABLE set_entry ({', '.join(SET_COLUMNS)})")
    big = tuple(2**63 if c == "reps" else i for i, c in enumerate(SET_COLUMNS))
    sql, pick = insert_plan([big, big], literals=True)
    assert str(2**63) not in sql
    rows = [big, big] if pick is None else [pick(r) for r in (big, big)]
    with pytest.raises(OverflowError):
        conn.executemany(sql, rows)
    assert conn.execute("SELECT count(*) FROM set_entry").fetchone()[0] == 0


def test_sets_by_copy_on_postgresql_equal_the_insert_path(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two athletes in one database get the same file, one through each write path; their sets
    must match column for column (on SQLite both go through the INSERT path: still equal)."""
    from sqlalchemy import select

    from legday.store.models import Athlete, SetEntry

    csv = tmp_path / "strong.csv"
    generate(csv, 250)
    db = open_database(db_url)
    for name, copy in (("Copy", True), ("Insert", False)):
        monkeypatch.setattr(imports, "POSTGRES_COPY", copy)
        athletes.add(db, me(db), name, athletes.AthleteFields())
        assert import_file(db, csv, name, unit="kg").sets_added == 250
        assert import_file(db, csv, name, unit="kg").sets_added == 0  # dedupe holds
    skip = {"id", "session_id", "athlete_id"}
    cols = [c for c in SetEntry.__table__.columns if c.name not in skip]
    with db.read(db.local_actor()) as s:
        found = {}
        for name in ("Copy", "Insert"):
            aid = s.scalar(select(Athlete.id).where(Athlete.name == name))
            rows = s.execute(select(*cols).where(SetEntry.athlete_id == aid)).all()
            at = [c.name for c in cols].index("dedupe_key")
            found[name] = sorted((tuple(r) for r in rows), key=lambda r: str(r[at]))
    forget_open_databases()
    assert len(found["Copy"]) == 250
    assert found["Copy"] == found["Insert"]


def test_an_import_never_reuses_the_id_of_a_deleted_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The driver path hands out session ids itself: after the newest session is deleted, the
    next import must start above the highest id ever used (the table's AUTOINCREMENT mark), not
    above the highest one still stored — an export or a note naming the deleted id must never
    come to name another session."""
    from sqlalchemy import func, select

    from legday.app import training
    from legday.store.models import TrainingSession

    monkeypatch.setattr(imports, "DRIVER_SESSIONS", True)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    generate(first, 40)
    generate(second, 40, start=datetime(2016, 1, 1, 17, 30))
    db = open_database(f"sqlite:///{tmp_path / 'ids.db'}")
    athletes.add(db, me(db), "Bench", athletes.AthleteFields())
    import_file(db, first, "Bench", unit="kg")
    with db.read(me(db)) as s:
        newest = s.scalar(select(func.max(TrainingSession.id)))
    training.delete_session(db, me(db), newest)
    import_file(db, second, "Bench", unit="kg")
    with db.read(me(db)) as s:
        ids = set(s.scalars(select(TrainingSession.id)))
    forget_open_databases()
    assert newest not in ids  # the second import's sessions all lie above it
    assert len(ids) == 2 * 2 - 1  # 40 sets = 2 workouts per file, one deleted


def test_stored_keys_read_as_plain_rows_keep_the_access_rule(db_url: str, tmp_path: Path) -> None:
    """The dedupe keys are read on the connection (no ORM filter): the owner gets every key,
    another account's actor is refused as if the athlete did not exist."""
    from sqlalchemy import select

    from legday.domain.access import Actor, Scope
    from legday.domain.errors import NotFound
    from legday.store.models import User

    csv = tmp_path / "strong.csv"
    generate(csv, 120)
    db = open_database(db_url)
    a = athletes.add(db, me(db), "Keys", athletes.AthleteFields())
    import_file(db, csv, "Keys", unit="kg")
    with db.engine.begin() as conn:
        conn.execute(User.__table__.insert().values(display_name="stranger", kind="person"))
        uid = conn.scalar(select(User.id).where(User.display_name == "stranger"))
    with db.read(me(db)) as s:
        keys = imports.key_list(s, a.id, Scope.VIEW_TRAINING)
    assert keys is not None and len(set(keys)) == 120
    for scope in (Scope.VIEW_TRAINING, Scope.LOG_FOR_ATHLETE):
        with db.read(Actor(user_id=uid)) as s, pytest.raises(NotFound):
            imports.key_list(s, a.id, scope)
    forget_open_databases()


@pytest.mark.parametrize("order", ["file", "shuffled"])
def test_set_rows_get_their_session_and_place(order: str) -> None:
    """Each set's session id, and its place after the sets a stored session already holds,
    whether the sets come in session order (the reader's) or not."""
    import polars as pl

    from legday.app.import_bulk import _set_columns

    sessions = [0, 0, 0, 2, 2, 5]
    frame = pl.DataFrame(
        {"session": sessions, "exercise_raw": ["Squat"] * 6, "tag": list(range(6))}
        | {c: [None] * 6 for c in ("exercise_occurrence", "position", "set_type", "load_kg",
                                   "load_basis", "reps", "rpe", "duration_s", "distance_m",
                                   "notes", "source_row", "source_line", "dedupe_key")}
    )  # fmt: skip
    if order == "shuffled":
        frame = frame[[3, 0, 5, 1, 4, 2]]
    got = _set_columns(frame, {0: 70, 2: 71, 5: 72}, {2: 4}, {"Squat": "back_squat"})
    # Places count in the order the sets come, per session; session 2 already held 4 sets.
    want: dict[int, tuple[int, int]] = {}
    seen: dict[int, int] = {}
    for tag, sess in zip(frame["tag"], frame["session"], strict=True):
        seen[sess] = seen.get(sess, 0) + 1
        want[tag] = ({0: 70, 2: 71, 5: 72}[sess], seen[sess] + (4 if sess == 2 else 0))
    pairs = list(zip(got["session_id"], got["seq"], strict=True))
    assert pairs == [want[t] for t in frame["tag"]]
    assert set(got["exercise_id"]) == {"back_squat"}
