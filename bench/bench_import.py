"""Import speed: a generated Strong-format history (1,000,000 sets by default) imported into a
fresh SQLite database — parse, exercise matching, dedupe, write, aggregates — against two
baselines from the same run: ``pandas.read_csv`` of the same file, and SQLite's own copy of the
rows the import stored into the same schema (INSERT … SELECT from the imported file into a fresh
legday database, one transaction, in C: the engine's floor).

Goal (issue 17): the import ≤ 1.5× the floor. Run:
``.venv/bin/python bench/bench_import.py [--sets N] [--keep DIR] [--rounds N]``.

Session 8 (2026-12-06), 18 runs, each one process (the last six also with the daily rows sorted
as dates, the session's last change):

  20:13-20:16, 7 runs while the VM's host was busy (the import's CPU time for the same work
  12-13 s instead of 9-10 s): 1.75, 1.36, 1.28, 1.56, 1.54, 1.44, 1.37×
  20:17-20:23, 11 runs, load average 0.9-1.8 (the bench's own processes): 1.28, 1.25, 1.32,
  1.43, 1.42, 1.37, 1.40, 1.43, 1.20, 1.35, 1.13× (median 1.35×); import 6.3-8.2 s against
  floors of 4.7-7.2 s

By stage in the quiet runs: read + parse 1.13-1.50 s, names + dedupe 0.10-0.20 s, writes
3.7-4.9 s, statistics + commit 1.37-1.86 s; the floor's INSERT … SELECTs 3.3-3.9 s and its commit
1.4-1.5 s (the same WAL, synchronous, autocheckpoint, cache and page size, printed below).

What changed in session 8, each measured on its own: the column reader reads a file of 200,000
lines or more in two halves on two threads, cut where a workout starts
(legday.interop.strong_bulk_parts; read whole when a workout spans the cut), which overlaps the
reader's one-core steps (parse 1.6 → 1.0 s); the reader skips the header in Polars instead of
copying the bytes twice, matches the lines on every core, counts block occurrences only when a
name comes back to a workout, and filters after selecting the columns it needs; the garbage
collector is paused while the 50,000 session records are made (80 ms); the file is read in one
system call (40 ms); the halves' columns are joined in one chunk (a distinct count over two
chunks took three times as long); in-file repeats are found by counting the keys' hashes (50 ms);
new sessions' start times are written by datetime.isoformat (45 ms); the daily rows are sorted
as dates, not as ISO text (0.2 s of the loader thread).

With ``--rounds 7`` (one process, the import and the floor alternating, 20:42-20:44, load
1.1-1.3): 1.46, 1.41, 1.55, 1.67, 1.16, 1.42, 1.26× (median 1.42×); with ``--rounds 5`` and ``4``
a few minutes before: 1.30, 1.51, 1.27, 1.43, 1.43× and 1.78, 1.24, 1.39, 1.51×. The writes stage
swings most (3.7-5.1 s): the import's copy runs beside the loader thread that writes the staging
files and the daily rows, so on a busy host the copy itself gets less of the CPU (a timeline taken
while the test suite ran showed no wait for a staging file after the first, but longer INSERTs);
the floor's copy runs alone. Over all 34
measurements of the session the median is 1.40× and 26 are under 1.5×.

Session 7: median 1.50× over 11 quiet runs (1.44-1.61×); session 6: 1.63× in the quiet run.
The lever left: parsing the second half of the file while SQLite copies the first (the in-file
dedupe, the planner statistics and the daily rows of days in both halves would then have to be
done part by part).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)
# A plausible gym: built-in Strong names (matched by the catalog) and a few custom ones.
EXERCISES = [
    ("Bench Press (Barbell)", 100.0), ("Squat (Barbell)", 140.0), ("Deadlift (Barbell)", 180.0),
    ("Overhead Press (Barbell)", 60.0), ("Lat Pulldown (Cable)", 70.0), ("Leg Press", 200.0),
    ("Bicep Curl (Dumbbell)", 16.0), ("Triceps Pushdown (Cable - Straight Bar)", 30.0),
    ("Seated Leg Curl (Machine)", 50.0), ("Pull Up", 0.0), ("Romanian Deadlift (Barbell)", 120.0),
    ("Incline Bench Press (Dumbbell)", 32.0), ("Calf Raise (Machine)", 90.0),
    ("My Custom Cable Thing", 25.0),
]  # fmt: skip


def generate(path: Path, n_sets: int, seed: int = 6, start: datetime | None = None) -> int:
    """Write a Strong classic (comma) export with ``n_sets`` set rows; returns the row count.
    Workouts are 20 hours apart from ``start`` (default 1905-01-01 17:30: a million sets span
    114 years, and imports refuse dates more than a year ahead)."""
    rng = random.Random(seed)
    start = start or datetime(1905, 1, 1, 17, 30)
    written = 0
    workout = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        while written < n_sets:
            when = (start + timedelta(hours=20 * workout)).strftime("%Y-%m-%d %H:%M:%S")
            name = f'"Workout {workout % 7}"'
            duration = f"{rng.randint(0, 1)}h {rng.randint(1, 59)}m"
            for ex, load in rng.sample(EXERCISES, 5):
                for i in range(4):
                    if written >= n_sets:
                        break
                    order = "W" if i == 0 else str(i)
                    weight = round(load * (0.6 if i == 0 else 1.0) / 2.5) * 2.5
                    reps = rng.randint(3, 12)
                    rpe = rng.choice(["", "", "8.0", "9.0"])
                    note = '""' if i == 0 else ""
                    f.write(
                        f'{when},{name},{duration},"{ex}",{order},{weight:.1f},{reps}.0,0,0.0,'
                        f"{note},{note},{rpe}\n"
                    )
                    written += 1
            workout += 1
    return written


def _timed(fn: Callable[[], object], repeat: int) -> float:
    """Best of ``repeat`` runs: the shared machine's noise only ever adds time."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


# Tables an import writes, in foreign-key order.
WRITTEN_TABLES = ("training_session", "set_entry", "daily_aggregate", "daily_load")


JOURNAL = ("journal_mode", "synchronous", "wal_autocheckpoint", "cache_size", "page_size")


def journal(raw: Any) -> str:
    """The settings that decide what a commit costs, as the connection ``raw`` has them."""
    return ", ".join(f"{p}={raw.execute(f'PRAGMA {p}').fetchone()[0]}" for p in JOURNAL)


def sqlite_floor(imported: Path, fresh_url: str) -> tuple[float, dict[str, tuple[int, float]], str]:
    """SQLite's own time to store exactly the rows the import stored: a fresh legday database
    (same schema, indexes and pragmas) copies them from the imported file with INSERT … SELECT,
    all tables in one transaction, in C with no Python per row. No import can beat this."""
    from legday.app import athletes
    from legday.app.db import open_database

    db = open_database(fresh_url)
    athletes.add(db, db.local_actor(), "Bench", athletes.AthleteFields())
    per_table: dict[str, tuple[int, float]] = {}
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        settings = journal(raw)
        raw.execute("ATTACH DATABASE ? AS src", (str(imported),))
        t0 = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        for name in WRITTEN_TABLES:
            t1 = time.perf_counter()
            cur = raw.execute(f"INSERT INTO main.{name} SELECT * FROM src.{name}")
            per_table[name] = (cur.rowcount, time.perf_counter() - t1)
        t1 = time.perf_counter()
        raw.execute("COMMIT")
        per_table["commit"] = (0, time.perf_counter() - t1)
        floor_s = time.perf_counter() - t0
        raw.execute("DETACH DATABASE src")
    db.dispose()
    return floor_s, per_table, settings


def _fresh(*paths: Path) -> None:
    for p in paths:
        for extra in ("", "-wal", "-shm"):
            Path(f"{p}{extra}").unlink(missing_ok=True)


def _round(csv_path: Path, n: int, db_path: Path, floor_path: Path) -> tuple[float, float]:
    """One more import into a new database, then the floor's copy of its rows: (import s, floor
    s), measured as the first round measures them."""
    from legday.app import athletes, importing
    from legday.app.db import forget_open_databases, open_database

    forget_open_databases()
    _fresh(db_path, floor_path)
    db = open_database(f"sqlite:///{db_path}")
    athletes.add(db, db.local_actor(), "Bench", athletes.AthleteFields())
    actor = db.local_actor()
    bench_id = athletes.lookup(db, actor, "Bench")
    stages: dict[str, float] = {}

    def note(stage: str, done: int, total: int | None) -> None:
        stages.setdefault(stage, time.perf_counter())

    start = time.perf_counter()
    data = importing.read_file(csv_path)
    summary = importing.import_bytes(
        db, actor, bench_id, data, csv_path.name, unit="kg", on_progress=note
    )
    import_s = time.perf_counter() - start
    marks = [start, *(stages.get(k, start + import_s) for k in ("matching", "write", "aggregates"))]
    print("  parse, names, writes, commit: " + ", ".join(
        f"{b - a:.2f}" for a, b in zip(marks, [*marks[1:], start + import_s], strict=True)
    ) + " s")  # fmt: skip
    assert summary.sets_added == n, summary.sets_added
    forget_open_databases()
    floor_s, _, _ = sqlite_floor(db_path, f"sqlite:///{floor_path}")
    forget_open_databases()
    return import_s, floor_s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sets", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="Keep the file and databases in this folder.")
    ap.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="Import and floor again this many times in all, alternating, and print each ratio "
        "and their median (the VM's timings swing from minute to minute).",
    )
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="legday-bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / "strong.csv"
    db_path = folder / "bench.db"
    floor_path = folder / "floor.db"
    _fresh(db_path, floor_path)

    t0 = time.perf_counter()
    n = generate(csv_path, args.sets)
    gen_s = time.perf_counter() - t0
    size_mb = csv_path.stat().st_size / 1e6
    print(f"generated {n:,} sets ({size_mb:.1f} MB) in {gen_s:.1f} s")

    import pandas as pd

    assert len(pd.read_csv(csv_path)) == n
    pandas_s = _timed(lambda: pd.read_csv(csv_path), 3)

    from legday.app import athletes, importing
    from legday.app.db import open_database

    parse_s = _timed(lambda: importing.parse_file(csv_path, unit="kg"), 1)

    db = open_database(f"sqlite:///{db_path}")
    athletes.add(db, db.local_actor(), "Bench", athletes.AthleteFields())
    stages: dict[str, float] = {}

    def note(stage: str, done: int, total: int | None) -> None:
        stages.setdefault(stage, time.perf_counter())

    with db.engine.connect() as conn:
        import_settings = journal(conn.connection.driver_connection)
    start = time.perf_counter()
    cpu0 = time.process_time()
    actor = db.local_actor()
    bench_id = athletes.lookup(db, actor, "Bench")
    data = importing.read_file(csv_path)
    summary = importing.import_bytes(
        db, actor, bench_id, data, csv_path.name, unit="kg", on_progress=note
    )
    import_s = time.perf_counter() - start
    import_cpu = time.process_time() - cpu0
    end = start + import_s
    assert summary.sets_added == n, summary.sets_added

    t0 = time.perf_counter()
    again = importing.import_bytes(db, actor, bench_id, data, csv_path.name, unit="kg")
    reimport_s = time.perf_counter() - t0
    assert again.sets_added == 0 and again.sets_skipped_duplicate == n
    db.dispose()

    cpu0 = time.process_time()
    floor_s, counts, floor_settings = sqlite_floor(db_path, f"sqlite:///{floor_path}")
    floor_cpu = time.process_time() - cpu0
    # The baseline again after the long steps: the best of both rounds is the fairest figure on
    # a shared machine (a busy moment only ever makes pandas look slower, the ratio kinder).
    pandas_s = min(pandas_s, _timed(lambda: pd.read_csv(csv_path), 3))

    match_at = stages.get("matching", end)
    write_at = stages.get("write", end)
    agg_at = stages.get("aggregates", end)
    rows = [
        ("pandas.read_csv (baseline, best of 6)", pandas_s),
        ("legday parse only", parse_s),
        ("legday import (parse+map+dedupe+write+aggregates)", import_s),
        ("  of which: read + parse", match_at - start),
        ("  of which: exercise names + dedupe", write_at - match_at),
        ("  of which: writes (sessions, sets, daily tables)", agg_at - write_at),
        ("  of which: shared days, statistics, commit", end - agg_at),
        ("legday re-import (all duplicates)", reimport_s),
        ("SQLite alone: INSERT … SELECT of the same rows (floor)", floor_s),
    ]
    print(f"{'step':52} {'seconds':>8} {'sets/s':>11} {'× pandas':>9}")
    for label, secs in rows:
        rate = f"{n / secs:11,.0f}" if secs > 0 else f"{'-':>11}"
        print(f"{label:52} {secs:8.2f} {rate} {secs / pandas_s:9.2f}")
    stored = ", ".join(f"{k} {n:,} rows {s:.2f} s" for k, (n, s) in counts.items() if n)
    print(f"floor by table: {stored}, commit {counts['commit'][1]:.2f} s")
    # Both commits write the WAL and checkpoint it the same way, or the comparison is unfair.
    print(f"import's database: {import_settings}; floor's: {floor_settings}")
    ratio = import_s / floor_s
    verdict = "meets" if ratio <= 1.5 else "misses"
    print(
        f"import / floor = {ratio:.2f} ({verdict} the ≤ 1.5× goal); "
        f"import / pandas = {import_s / pandas_s:.2f}; floor / pandas = {floor_s / pandas_s:.2f}"
    )
    print(
        f"CPU time (all threads): import {import_cpu:.2f} s, floor {floor_cpu:.2f} s (with its "
        f"set-up) = {import_cpu / floor_cpu:.2f}; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores"
    )
    if args.rounds > 1:
        ratios = [ratio]
        for _ in range(args.rounds - 1):
            again_s, again_floor = _round(csv_path, n, db_path, floor_path)
            ratios.append(again_s / again_floor)
            print(f"round {len(ratios)}: import {again_s:.2f} s, floor {again_floor:.2f} s = "
                  f"{ratios[-1]:.2f}", flush=True)  # fmt: skip
        met = sum(r <= 1.5 for r in ratios)
        print(
            f"import / floor over {len(ratios)} rounds: "
            f"{', '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}; "
            f"≤ 1.5× in {met} of {len(ratios)}; load average {os.getloadavg()[0]:.1f}"
        )
    if args.keep is None:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
