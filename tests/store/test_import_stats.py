"""A large import into empty tables writes SQLite's planner statistics from the columns it
stored instead of running ANALYZE (legday.store.import_stats): the sqlite_stat1 rows, and so the
plans of the queries that read an athlete's history, must be exactly what a full ANALYZE gives.
Tables that held rows before fall back to ANALYZE, with the same outcome. PostgreSQL keeps its
own ANALYZE; the import there is checked to run the same way and to leave statistics."""

from __future__ import annotations

import sqlite3
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.helpers import import_file, me

from legday.app import athletes, importing
from legday.app.db import open_database
from legday.store import import_staging, import_stats

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from bench_import import generate

TABLES = ("training_session", "set_entry", "daily_aggregate", "daily_load")

# What the app asks of an imported history: an athlete's sets by exercise and date, the
# sessions of a period, the dedupe look-up, the daily tables of a period.
QUERIES = (
    "SELECT e.* FROM set_entry e JOIN training_session s ON s.id = e.session_id "
    "WHERE e.athlete_id = 1 AND s.started_at >= '2020-06-01' ORDER BY s.started_at",
    "SELECT * FROM set_entry WHERE athlete_id = 1 AND exercise_id = 'back_squat'",
    "SELECT dedupe_key FROM set_entry WHERE athlete_id = 1 AND dedupe_key = 'x'",
    "SELECT * FROM training_session WHERE athlete_id = 1 AND started_at BETWEEN '2020' AND '2021'",
    "SELECT * FROM daily_aggregate WHERE athlete_id = 1 AND day >= '2020-03-01'",
    "SELECT d.*, l.load FROM daily_aggregate d JOIN daily_load l "
    "ON l.athlete_id = d.athlete_id AND l.day = d.day WHERE d.athlete_id = 1",
)


def _stats(path: Path) -> set[tuple[str, str, str]]:
    with sqlite3.connect(path) as c:
        marks = ", ".join("?" * len(TABLES))
        return set(c.execute(f"SELECT * FROM sqlite_stat1 WHERE tbl IN ({marks})", TABLES))


def _plans(path: Path) -> list[list[str]]:
    with sqlite3.connect(path) as c:  # a new connection loads the statistics stored
        return [[r[3] for r in c.execute("EXPLAIN QUERY PLAN " + q)] for q in QUERIES]


def _analyzed(path: Path) -> tuple[set[tuple[str, str, str]], list[list[str]]]:
    with sqlite3.connect(path) as c:
        for t in TABLES:
            c.execute(f"ANALYZE {t}")
    return _stats(path), _plans(path)


@pytest.fixture
def columns_path(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """Small files take the column path, analysed, through several staging files; returns the
    tables whose statistics each import wrote from columns."""
    monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", 0)
    monkeypatch.setattr(importing, "ANALYZE_AFTER", 0)
    monkeypatch.setattr(import_staging, "FIRST_ROWS", 500)
    monkeypatch.setattr(import_staging, "BATCH_ROWS", 700)
    written: list[set[str]] = []
    real = import_stats.write

    def spy(raw: object, stats: dict[str, list[tuple[str, str, str]]]) -> None:
        written.append(set(stats))
        real(raw, stats)

    monkeypatch.setattr(import_stats, "write", spy)
    return written


def test_first_import_writes_the_statistics_analyze_would(
    tmp_path: Path, columns_path: list[set[str]]
) -> None:
    csv = tmp_path / "strong.csv"
    generate(csv, 3000, start=datetime(2019, 1, 1, 17, 30))
    path = tmp_path / "db.sqlite"
    db = open_database(f"sqlite:///{path}")
    athletes.add(db, me(db), "Bench", athletes.AthleteFields())
    summary = import_file(db, csv, "Bench", unit="kg")
    db.dispose()
    assert summary.sets_added == 3000
    assert columns_path == [set(TABLES)]  # every table from columns, none by ANALYZE
    stored, plans = _stats(path), _plans(path)
    assert {t for t, _, _ in stored} == set(TABLES)
    assert (stored, plans) == _analyzed(path)


def test_tables_that_held_rows_are_analyzed(tmp_path: Path, columns_path: list[set[str]]) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    generate(first, 1200, start=datetime(2018, 1, 1, 17, 30))
    # Starts inside the first file's span: some days are shared by both files' sessions.
    generate(second, 2000, seed=9, start=datetime(2018, 1, 20, 7, 0))
    path = tmp_path / "db.sqlite"
    db = open_database(f"sqlite:///{path}")
    for name in ("One", "Two"):
        athletes.add(db, me(db), name, athletes.AthleteFields())
    import_file(db, first, "One", unit="kg")
    import_file(db, second, "Two", unit="kg")  # another athlete: tables not empty any more
    import_file(db, second, "One", unit="kg")  # shared days, refreshed in SQL
    db.dispose()
    assert columns_path == [set(TABLES)]  # only the first import found the tables empty
    assert (_stats(path), _plans(path)) == _analyzed(path)


@pytest.mark.parametrize(
    "values",
    [
        [(i % 7, None if i % 3 == 0 else str(i % 1000)) for i in range(10_000)],
        [(1, str(i)) for i in range(95)] + [(1, str(i)) for i in range(5)],  # 2 written as 1
        [(i % 2, str(i // 2)) for i in range(100)],  # a true 2
        [(None, None)] * 40 + [(1, "a")] * 3,
        [(i, "x") for i in range(1)],
    ],
)
@pytest.mark.parametrize("null_keys", [False, True])
def test_each_row_as_analyze_counts_it(
    values: list[tuple[int | None, str | None]], null_keys: bool
) -> None:
    """Two plain indexes and a UNIQUE one (whose keys may hold NULLs, which SQLite lets repeat),
    the rows given in two parts or with a one-value column as a constant."""
    import polars as pl

    rows = [(a, b, None if null_keys and i % 4 == 0 else i) for i, (a, b) in enumerate(values)]
    with sqlite3.connect(":memory:") as c:
        c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT, u INTEGER)")
        c.execute("CREATE INDEX t_ab ON t (a, b)")
        c.execute("CREATE INDEX t_b ON t (b)")
        c.execute("CREATE UNIQUE INDEX t_au ON t (a, u)")
        indexes = import_stats.plain_indexes(c, ["t"])
        assert sorted(indexes["t"]) == [
            ("t_ab", ["a", "b"], False), ("t_au", ["a", "u"], True), ("t_b", ["b"], False)
        ]  # fmt: skip
        c.executemany("INSERT INTO t (a, b, u) VALUES (?, ?, ?)", rows)
        c.execute("ANALYZE t")
        want = set(c.execute("SELECT * FROM sqlite_stat1"))
    frame = pl.DataFrame(rows, schema={"a": pl.Int64, "b": pl.String, "u": pl.Int64}, orient="row")
    half = len(rows) // 2
    parts: list[import_staging.Part] = [
        ("t", frame.slice(0, half), {}),
        ("t", frame.slice(half), {}),
    ]
    if frame["a"].n_unique() == 1 and frame["a"][0] is not None:
        parts = [("t", frame.drop("a"), {"a": int(frame["a"][0])})]
    got = import_stats.stat_rows(indexes, parts)
    assert set(got["t"]) == want


def test_indexes_it_cannot_compute_are_left_to_analyze() -> None:
    with sqlite3.connect(":memory:") as c:
        c.execute("CREATE TABLE p (a INTEGER, b TEXT)")
        c.execute("CREATE INDEX p_a ON p (a) WHERE a > 0")
        c.execute("CREATE TABLE q (a INTEGER, b TEXT)")
        c.execute("CREATE INDEX q_lower ON q (lower(b))")
        c.execute("CREATE TABLE r (a INTEGER)")
        c.execute("CREATE INDEX r_a ON r (a)")
        c.execute("INSERT INTO r VALUES (1)")
        assert import_stats.plain_indexes(c, ["p", "q", "r"]) == {}


def test_the_import_leaves_statistics_on_both_databases(
    db_url: str, tmp_path: Path, columns_path: list[set[str]]
) -> None:
    csv = tmp_path / "strong.csv"
    generate(csv, 1500, start=datetime(2019, 1, 1, 17, 30))
    db = open_database(db_url)
    athletes.add(db, me(db), "Bench", athletes.AthleteFields())
    assert import_file(db, csv, "Bench", unit="kg").sets_added == 1500
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            n = conn.execute(text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'set_entry'"))
        else:
            n = conn.execute(text("SELECT count(*) FROM pg_stats WHERE tablename = 'set_entry'"))
        assert n.scalar_one() > 0
    db.dispose()
    # PostgreSQL runs its own ANALYZE; SQLite computed them from the columns.
    assert columns_path == ([set(TABLES)] if db_url.startswith("sqlite") else [])
