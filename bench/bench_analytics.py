"""Track analytics at club scale: legday's columnar numpy code against a competent vectorised pandas
version, same generated data, same run, same machine (issue 9 §4).

Scales (analytics.md): S = 1 athlete × 10 years (~56k sets), M = 100 × 3 years (~1.3M),
L = 1,000 × 5 years (~20M). Both sides compute the same tables from a flat per-set export (the
session's RPE and minutes repeated on every row, as the apps export them):

1. per athlete × ISO week × exercise: working sets, hard sets, tonnage, best Epley e1RM;
2. per athlete × ISO week × muscle: weighted hard sets (primary 1.0, secondary 0.5);
3. daily session-RPE load over every day of each athlete's span, rolling ACWR (coupled and
   uncoupled), EWMA ACWR, weekly monotony and strain.

Time = best of N interleaved runs (the machine is shared) with the data already in memory;
memory = peak bytes allocated during one run (tracemalloc, which numpy and pandas report their
buffers to). The two results
are compared before the figures are printed.

Run: ``.venv/bin/python bench/bench_analytics.py [--scales S,M,L] [--runs 3]``.
Goal at L: ≥ 3× faster than pandas with less peak memory.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from legday.domain.track.columns import (
    ExerciseTable,
    SetColumns,
    exercise_table,
    hard_flags,
    sessions_once,
)
from legday.domain.track.facts import ExerciseFacts

SCALES = {  # name: (athletes, years, mean sets per session)
    "S": (1, 10, 32),
    "M": (100, 3, 25),
    "L": (1000, 5, 24),
}

# A small catalog: (pattern, region, muscles with weights).
_EXERCISES = {
    "back-squat": (
        "squat",
        "lower",
        (("quadriceps", 1.0), ("gluteus-maximus", 1.0), ("adductors", 0.5)),
    ),
    "romanian-deadlift": (
        "hinge",
        "lower",
        (("hamstrings", 1.0), ("gluteus-maximus", 1.0), ("erector-spinae", 0.5)),
    ),
    "leg-press": ("squat", "lower", (("quadriceps", 1.0), ("gluteus-maximus", 0.5))),
    "lying-leg-curl": ("knee-flexion", "lower", (("hamstrings", 1.0), ("gastrocnemius", 0.5))),
    "walking-lunge": ("lunge", "lower", (("quadriceps", 1.0), ("gluteus-maximus", 1.0))),
    "standing-calf-raise": ("calf", "lower", (("gastrocnemius", 1.0), ("soleus", 1.0))),
    "hip-adduction-machine": ("hip-adduction", "lower", (("adductors", 1.0),)),
    "bench-press": (
        "upper-push",
        "upper",
        (("pectorals", 1.0), ("triceps", 0.5), ("anterior-deltoid", 0.5)),
    ),
    "overhead-press": ("upper-push", "upper", (("anterior-deltoid", 1.0), ("triceps", 0.5))),
    "barbell-row": ("upper-pull", "upper", (("latissimus-dorsi", 1.0), ("biceps", 0.5))),
    "pull-up": ("upper-pull", "upper", (("latissimus-dorsi", 1.0), ("biceps", 0.5))),
    "biceps-curl": ("upper-pull", "upper", (("biceps", 1.0),)),
    "triceps-pushdown": ("upper-push", "upper", (("triceps", 1.0),)),
    "plank": ("core", "core", (("rectus-abdominis", 1.0),)),
}
FACTS = {
    k: ExerciseFacts(pattern=p, region=r, muscles=m, is_lower=r == "lower")
    for k, (p, r, m) in _EXERCISES.items()
}


@dataclass
class Data:
    cols: SetColumns
    minutes: np.ndarray  # per set row (repeated session value)
    srpe: np.ndarray
    table: ExerciseTable
    n_athletes: int


def generate(athletes: int, years: int, sets_per_session: int, seed: int = 7) -> Data:
    """Seeded synthetic log, sorted by athlete and day: athletes start on different days, train
    on ~45 % of days (sometimes twice), rest days in between, warm-ups, missing RPEs."""
    rng = np.random.default_rng(seed)
    table = exercise_table(FACTS)
    days_total = 365 * years
    base = 18_000  # 2019-04-14: spans cross several ISO year ends
    sess_athlete, sess_day = [], []
    for a in range(athletes):
        start = base + int(rng.integers(0, 60))  # start mid-window of the others
        days = np.flatnonzero(rng.random(days_total) < 0.45) + start
        twice = days[rng.random(days.shape[0]) < 0.05]
        d = np.sort(np.concatenate([days, twice]))
        sess_day.append(d)
        sess_athlete.append(np.full(d.shape[0], a, dtype=np.int64))
    s_day = np.concatenate(sess_day).astype(np.int64)
    s_ath = np.concatenate(sess_athlete)
    n_sess = s_day.shape[0]
    s_minutes = rng.choice([30.0, 45.0, 60.0, 75.0, 90.0], n_sess)
    s_rpe = np.where(rng.random(n_sess) < 0.1, np.nan, rng.integers(3, 11, n_sess).astype(float))
    per = rng.integers(max(1, sets_per_session - 10), sets_per_session + 11, n_sess)
    idx = np.repeat(np.arange(n_sess), per)
    n = idx.shape[0]
    working = rng.random(n) >= 0.1
    rpe = np.where(rng.random(n) < 0.5, np.nan, rng.choice([6.0, 7.0, 8.0, 9.0, 10.0], n))
    reps = rng.integers(1, 16, n).astype(np.float64)
    load = np.round(rng.uniform(10, 200, n) / 2.5) * 2.5
    cols = SetColumns(
        athlete=s_ath[idx],
        day=s_day[idx],
        session=idx.astype(np.int64),
        exercise=rng.integers(0, len(FACTS), n).astype(np.int64),
        working=working,
        hard=hard_flags(working, rpe, np.full(n, np.nan)),
        load_kg=load,
        external=np.ones(n, dtype=bool),
        reps=reps,
        side=np.zeros(n, dtype=np.int64),
        contacts=np.full(n, np.nan),
    )
    return Data(cols, s_minutes[idx], s_rpe[idx], table, athletes)


# --- legday: packed keys + dense athlete × day matrix ------------------------------------------


def run_legday(d: Data) -> dict[str, Any]:
    from legday.domain.track.load import load_metrics
    from legday.domain.track.volume import week_groups, weekly_by_exercise

    c = d.cols
    ew = weekly_by_exercise(c, d.table)
    groups = week_groups(ew, d.table)
    sessions = sessions_once(c.athlete, c.day, c.session, d.minutes, d.srpe)
    lm = load_metrics(sessions, d.n_athletes)
    return {"ew": ew, "groups": groups, "lm": lm}


# --- pandas, as a competent analyst writes it ---------------------------------------------------


def pandas_frame(d: Data) -> Any:
    import pandas as pd

    c = d.cols
    return pd.DataFrame(
        {
            "athlete": c.athlete, "day": c.day, "session": c.session, "exercise": c.exercise,
            "working": c.working, "hard": c.hard, "load": c.load_kg, "reps": c.reps,
            "external": c.external, "minutes": d.minutes, "srpe": d.srpe,
        }
    )  # fmt: skip


def muscle_map(table: ExerciseTable) -> Any:
    import pandas as pd

    rows = [
        (i, m, w) for i, f in enumerate(table.facts) for m, w in (f.muscles or (("unknown", 1.0),))
    ]
    return pd.DataFrame(rows, columns=["exercise", "muscle", "weight"])


def run_pandas(df: Any, mm: Any) -> dict[str, Any]:
    import pandas as pd

    w = df[df["working"]]
    w = w.assign(
        week=(w["day"] + 3) // 7,
        tonnage=(w["load"] * w["reps"]).where(w["external"], 0.0).fillna(0.0),
        e1rm=(w["load"] * (1 + w["reps"] / 30)).where(
            w["external"] & (w["load"] > 0) & w["reps"].between(1, 12)
        ),
    )
    ex = w.groupby(["athlete", "week", "exercise"], sort=True).agg(
        working_sets=("hard", "size"), hard_sets=("hard", "sum"),
        tonnage=("tonnage", "sum"), best_e1rm=("e1rm", "max"),
    )  # fmt: skip
    mus = ex[["hard_sets"]].reset_index().merge(mm, on="exercise")
    mus["sets"] = mus["hard_sets"] * mus["weight"]
    by_muscle = mus.groupby(["athlete", "week", "muscle"], sort=True)["sets"].sum()

    sess = df.drop_duplicates("session")  # each session once (analytics.md trap 3)
    sess = sess.assign(load=(sess["srpe"] * sess["minutes"]).fillna(0.0))
    daily = sess.groupby(["athlete", "day"])["load"].sum()
    span = daily.reset_index().groupby("athlete")["day"].agg(["min", "max"])
    lengths = (span["max"] - span["min"] + 1).to_numpy()
    ath = np.repeat(span.index.to_numpy(), lengths)
    offs = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    days = np.repeat(span["min"].to_numpy(), lengths) + offs
    full = pd.MultiIndex.from_arrays([ath, days], names=["athlete", "day"])
    daily = daily.reindex(full, fill_value=0.0)  # rest days are zeros inside the span
    g = daily.groupby(level="athlete")
    acute = g.rolling(7).mean().droplevel(0)
    chronic = g.rolling(28).mean().droplevel(0)
    before = g.shift(7).groupby(level="athlete").rolling(21).mean().droplevel(0)
    ewa = g.ewm(span=7, adjust=False).mean().droplevel(0)
    ewc = g.ewm(span=28, adjust=False).mean().droplevel(0)
    age = g.cumcount()
    out = pd.DataFrame({"load": daily, "acwr": (acute / chronic).where(chronic > 0)})
    out["acwr_uncoupled"] = (acute / before).where((before > 0) & (age >= 27))
    out["acwr_ewma"] = (ewa / ewc).where((age >= 27) & (ewc > 0))
    out["week"] = (out.index.get_level_values("day") + 3) // 7
    wk = out.groupby(["athlete", "week"])["load"].agg(["mean", "std", "size", "sum", "min", "max"])
    wk = wk[(wk["size"] == 7) & (wk["max"] > wk["min"])]
    wk["monotony"] = wk["mean"] / wk["std"]
    wk["strain"] = wk["sum"] * wk["monotony"]
    return {"ex": ex, "muscle": by_muscle, "daily": out, "weekly": wk}


# --- measuring ---------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def peak(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(peak MB allocated during one run, its result)."""
    gc.collect()
    tracemalloc.start()
    result = fn()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 1e6, result


def race(fast: Callable[[], Any], slow: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Best-of-``runs`` seconds of each, runs interleaved: the machine is shared, so the fastest
    run is the one least disturbed by others, and interleaving gives both sides the same
    neighbours."""
    tf, ts = [], []
    for _ in range(runs):
        tf.append(timed(fast))
        ts.append(timed(slow))
    return min(tf), min(ts)


def compare(fast: dict[str, Any], slow: dict[str, Any], d: Data) -> float:
    """Largest difference between the two results (they must agree)."""
    ew, lm = fast["ew"], fast["lm"]
    ex = slow["ex"]
    diffs = [
        float(np.max(np.abs(ew.hard_sets - ex["hard_sets"].to_numpy()))),
        float(np.max(np.abs(ew.tonnage - ex["tonnage"].to_numpy()))),
        float(np.nanmax(np.abs(ew.best_e1rm - ex["best_e1rm"].to_numpy()))),
    ]
    if not (np.array_equal(ew.athlete, ex.index.get_level_values(0))
            and np.array_equal(ew.exercise, ex.index.get_level_values(2))):  # fmt: skip
        return float("inf")
    daily = slow["daily"]
    a = daily.index.get_level_values("athlete").to_numpy()
    c = daily.index.get_level_values("day").to_numpy() - lm.start_day
    pairs = (
        (lm.load, "load"),
        (lm.acwr_rolling, "acwr"),
        (lm.acwr_uncoupled, "acwr_uncoupled"),
        (lm.acwr_ewma, "acwr_ewma"),
    )
    for mine, theirs in pairs:
        x, y = mine[a, c], daily[theirs].to_numpy()
        if not np.array_equal(np.isnan(x), np.isnan(y)):
            return float("inf")
        diffs.append(float(np.nanmax(np.abs(x - y), initial=0.0)))
    return max(diffs)


def store_bench(runs: int) -> None:
    """The daily tables in a real SQLite file: rebuilding one S-scale athlete (a big import),
    refreshing one day after a new session (goal ≤ 50 ms) and the club view of 1,000 athletes read
    from DailyLoad (goal ≤ 100 ms)."""
    import tempfile
    from datetime import date, datetime, timedelta

    from sqlalchemy import insert

    from legday.app import aggregates, analytics
    from legday.app.db import open_database
    from legday.store.models import Athlete, DailyLoad, SetEntry, TrainingSession

    d = generate(*SCALES["S"])
    c = d.cols
    epoch = date(1970, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        with db.write(db.local_actor()) as s:
            owner = db.local_actor().user_id
            s.add(Athlete(id=1, name="S", owner_id=owner, profile={}, limitations=[]))
            s.flush()
            first = np.r_[True, c.session[1:] != c.session[:-1]]
            midnight = datetime.min.time()
            s.execute(insert(TrainingSession), [
                {"id": int(sid) + 1, "athlete_id": 1, "warnings": [],
                 "started_at": datetime.combine(epoch + timedelta(days=int(day)), midnight),
                 "duration_s": int(m * 60), "session_rpe": None if np.isnan(r) else float(r)}
                for sid, day, m, r in zip(c.session[first], c.day[first], d.minutes[first],
                                          d.srpe[first], strict=True)
            ])  # fmt: skip
            ids = list(FACTS)
            s.execute(insert(SetEntry), [
                {"session_id": int(c.session[i]) + 1, "athlete_id": 1, "seq": i,
                 "exercise_id": ids[int(c.exercise[i])], "exercise_raw": "x",
                 "set_type": "working" if c.working[i] else "warmup",
                 "load_kg": float(c.load_kg[i]), "reps": int(c.reps[i])}
                for i in range(len(c))
            ])  # fmt: skip
        t0 = time.perf_counter()
        with db.write(db.local_actor()) as s:
            aggregates.rebuild(s, 1, facts=FACTS)
        t_rebuild = time.perf_counter() - t0
        one_day = [epoch + timedelta(days=int(c.day[len(c) // 2]))]
        times = []
        for _ in range(max(runs, 5)):
            with db.write(db.local_actor()) as s:
                t0 = time.perf_counter()
                aggregates.refresh(s, 1, one_day, facts=FACTS)
                times.append(time.perf_counter() - t0)
        t_refresh = statistics.median(times)
        # Club: 1,000 athletes × 5 years of daily rows.
        with db.write(db.local_actor()) as s:
            s.execute(insert(Athlete), [{"id": 1000 + a, "name": f"A{a}", "profile": {},
                                         "limitations": [], "owner_id": owner}
                                        for a in range(1000)])  # fmt: skip
            rng = np.random.default_rng(3)
            rows = []
            for a in range(1000):
                days = np.flatnonzero(rng.random(365 * 5) < 0.45) + 18000 + int(rng.integers(0, 60))
                rows += [{"athlete_id": 1000 + a, "day": epoch + timedelta(days=int(x)),
                          "load": 400.0, "minutes": 60.0, "sessions": 1, "lower_sets": 5,
                          "all_sets": 20} for x in days]  # fmt: skip
            s.execute(insert(DailyLoad), rows)
        times = []
        for _ in range(max(runs, 5)):
            t0 = time.perf_counter()
            club = analytics.club_view(db, db.local_actor()).as_json()
            times.append(time.perf_counter() - t0)
        db.dispose()
    print(f"store: rebuild {len(c):,} sets {t_rebuild:.2f} s; refresh one day "
          f"{t_refresh * 1000:.1f} ms (goal ≤ 50); club view of {len(club['athletes'])} athletes "
          f"{statistics.median(times) * 1000:.0f} ms (goal ≤ 100)")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--scales", default="S,M,L", help="comma list of S, M, L")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--store", action="store_true", help="also time the daily tables in SQLite")
    args = ap.parse_args()
    if args.store:
        store_bench(args.runs)
    print(f"{'scale':5} {'sets':>11} {'legday s':>9} {'MB':>7} {'pandas s':>9} {'MB':>7} "
          f"{'speed-up':>8} {'mem ratio':>9} {'max diff':>9}")  # fmt: skip
    for name in [s.strip().upper() for s in args.scales.split(",") if s.strip()]:
        if name not in SCALES:
            ap.error(f"unknown scale {name!r}: use S, M or L")
        data = generate(*SCALES[name])
        runs = min(args.runs, 2) if name == "L" else args.runs
        df = pandas_frame(data)
        fast_fn = partial(run_legday, data)
        slow_fn = partial(run_pandas, df, muscle_map(data.table))
        t_fast, t_pd = race(fast_fn, slow_fn, runs)
        m_fast, fast = peak(fast_fn)
        m_pd, slow = peak(slow_fn)
        diff = compare(fast, slow, data)
        print(f"{name:5} {len(data.cols):>11,} {t_fast:>9.3f} {m_fast:>7.0f} {t_pd:>9.3f} "
              f"{m_pd:>7.0f} {t_pd / t_fast:>7.1f}× {m_pd / max(m_fast, 1e-9):>8.1f}× "
              f"{diff:>9.1e}", flush=True)  # fmt: skip
        del df, fast, slow, data
        gc.collect()


if __name__ == "__main__":
    main()
