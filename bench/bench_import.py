"""Import speed: a generated Strong-format history (1,000,000 sets by default) imported into a
fresh SQLite database — parse, exercise matching, dedupe, write, aggregates — against
``pandas.read_csv`` of the same file in the same run.

Goal (issue 6 §5): the whole import within 3× of the bare pandas parse.
Run: ``.venv/bin/python bench/bench_import.py [--sets N] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

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


def generate(path: Path, n_sets: int, seed: int = 6) -> int:
    """Write a Strong classic (comma) export with ``n_sets`` set rows; returns the row count."""
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, 17, 30)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sets", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="Keep the file and database in this folder.")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="legday-bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / "strong.csv"
    db_path = folder / "bench.db"
    if db_path.exists():
        db_path.unlink()

    t0 = time.perf_counter()
    n = generate(csv_path, args.sets)
    gen_s = time.perf_counter() - t0
    size_mb = csv_path.stat().st_size / 1e6
    print(f"generated {n:,} sets ({size_mb:.1f} MB) in {gen_s:.1f} s")

    import pandas as pd

    t0 = time.perf_counter()
    frame = pd.read_csv(csv_path)
    pandas_s = time.perf_counter() - t0
    assert len(frame) == n
    del frame

    from legday.app import athletes, importing
    from legday.app.db import open_database

    t0 = time.perf_counter()
    parsed = importing.parse_file(csv_path, unit="kg")
    parse_s = time.perf_counter() - t0
    assert parsed.set_count == n
    del parsed

    db = open_database(f"sqlite:///{db_path}")
    athletes.add(db, "Bench", athletes.AthleteFields())
    stages: dict[str, float] = {}

    def note(stage: str, done: int, total: int | None) -> None:
        stages.setdefault(stage, time.perf_counter())

    start = time.perf_counter()
    summary = importing.import_file(db, csv_path, "Bench", unit="kg", on_progress=note)
    import_s = time.perf_counter() - start
    end = start + import_s
    assert summary.sets_added == n, summary.sets_added

    t0 = time.perf_counter()
    again = importing.import_file(db, csv_path, "Bench", unit="kg")
    reimport_s = time.perf_counter() - t0
    assert again.sets_added == 0 and again.sets_skipped_duplicate == n

    write_at = stages.get("write", end)
    agg_at = stages.get("aggregates", end)
    rows = [
        ("pandas.read_csv (baseline)", pandas_s),
        ("legday parse only", parse_s),
        ("legday import (parse+map+dedupe+write+aggregates)", import_s),
        ("  of which: read, parse, names, dedupe", write_at - start),
        ("  of which: database writes", agg_at - write_at),
        ("  of which: aggregates.refresh (daily tables)", end - agg_at),
        ("legday re-import (all duplicates)", reimport_s),
    ]
    print(f"{'step':52} {'seconds':>8} {'sets/s':>11} {'× pandas':>9}")
    for label, secs in rows:
        print(f"{label:52} {secs:8.2f} {n / secs:11,.0f} {secs / pandas_s:9.2f}")
    ratio = import_s / pandas_s
    verdict = "meets" if ratio <= 3 else "misses"
    print(f"import / pandas = {ratio:.2f} ({verdict} the ≤3× goal)")
    if args.keep is None:
        db.dispose()
        for p in (csv_path, db_path):
            p.unlink(missing_ok=True)
        folder.rmdir() if not any(folder.iterdir()) else None


if __name__ == "__main__":
    main()
