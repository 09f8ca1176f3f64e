"""Everyday commands from start to exit, against bare `python -c pass`, interleaved.

Each round runs every command once, in turn with the bare interpreter, so a busy moment on the
shared machine hits them alike; the medians of the rounds are compared. The history is a
generated Strong export of 10,000 sets ending today, imported once into a scratch database.

Goals (issue 17): `legday --help` ≤ 150 ms over bare Python; `athlete list`, `log`, `next`
and `records` on the 10k-set history ≤ 350 ms over bare Python.
Run: ``.venv/bin/python bench/bench_cli.py [--runs N] [--sets N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import generate

SETS_PER_WORKOUT = 20  # bench_import.generate: 5 exercises × 4 sets, 20 hours apart
COMMANDS: tuple[tuple[str, list[str], int], ...] = (
    ("legday --help", ["--help"], 150),
    ("legday --version", ["--version"], 150),
    ("legday athlete list", ["athlete", "list"], 350),
    # --again: every round logs the same session, which legday otherwise refuses as a repeat.
    ("legday log 'back-squat 100x5x3' --again", ["log", "back-squat 100x5x3", "--again"], 350),
    ("legday next", ["next"], 350),
    ("legday records", ["records"], 350),
)


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run. CPU time (user + system, from wait4) is what the command
    itself costs; wall time adds whatever the other users of a shared machine take."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, close_fds=True
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err.decode()[-400:]}")
    return elapsed * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15, help="rounds (each command once per round)")
    ap.add_argument("--sets", type=int, default=10_000)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="legday-bench-cli-"))
    csv_path, db_path = folder / "history.csv", folder / "bench.db"
    workouts = args.sets // SETS_PER_WORKOUT + 1
    start = datetime.now().replace(microsecond=0) - timedelta(hours=20 * workouts)
    generate(csv_path, args.sets, start=start)
    env = {**os.environ, "LEGDAY_DATABASE_URL": f"sqlite:///{db_path}"}
    env.pop("LEGDAY_HOME", None)
    # As installed for a user: bytecode cached. (A session that sets PYTHONDONTWRITEBYTECODE
    # would have legday's own modules compiled from source on every run, ~100 ms.)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    legday = [sys.executable, "-m", "legday"]
    _run([*legday, "import", str(csv_path), "--athlete", "Bench", "--unit", "kg"], env)
    bare_cmd = [sys.executable, "-c", "pass"]
    for _, cmd, _ in COMMANDS:  # warm the file cache (and write the bytecode)
        _run([*legday, *cmd], env)
    bare: list[tuple[float, float]] = []
    times: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in COMMANDS}
    for _ in range(args.runs):
        for name, cmd, _ in COMMANDS:
            bare.append(_run(bare_cmd, env))
            times[name].append(_run([*legday, *cmd], env))
    base_wall = statistics.median(w for w, _ in bare)
    base_cpu = statistics.median(c for _, c in bare)
    load = os.getloadavg()[0]
    print(
        f"{args.runs} interleaved rounds, {args.sets:,}-set history, "
        f"load average {load:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"{'command':36} {'wall ms':>8} {'over bare':>10} {'CPU ms':>8} {'over bare':>10} "
        f"{'goal':>5}  verdict (wall)"
    )
    print(f"{'python -c pass (baseline)':36} {base_wall:8.1f} {'':>10} {base_cpu:8.1f}")
    for name, _, goal in COMMANDS:
        wall = statistics.median(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        over = wall - base_wall
        verdict = "met" if over <= goal else "NOT met"
        print(
            f"{name:36} {wall:8.1f} {over:10.1f} {cpu:8.1f} {cpu - base_cpu:10.1f} "
            f"{goal:5d}  {verdict}"
        )
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
