"""CLI start-up: `legday --help` wall time against bare `python -c pass`, same run, same machine.

Goal (issue 3): ≤150 ms over bare Python (bench_cli.py also measures the everyday commands).
Run: `.venv/bin/python bench/bench_startup.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time


def _wall(cmd: list[str], runs: int) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed
    subprocess.run(cmd, capture_output=True, check=False, env=env)  # warm the file cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    n = ap.parse_args().runs
    bare = _wall([sys.executable, "-c", "pass"], n)
    rows = [("python -c pass (baseline)", bare)]
    for args in (["--help"], ["--version"], ["athlete", "--help"]):
        rows.append((f"legday {' '.join(args)}", _wall([sys.executable, "-m", "legday", *args], n)))
    print(f"{'command':34} {'median ms':>10} {'over bare':>10} {'ratio':>7}")
    for name, ms in rows:
        print(f"{name:34} {ms:10.1f} {ms - bare:10.1f} {ms / bare:7.2f}")
    over = rows[1][1] - bare
    print(
        f"\n`legday --help` is {over:.0f} ms over bare Python (goal ≤ 150 ms): "
        + ("met" if over <= 150 else "NOT met")
    )


if __name__ == "__main__":
    main()
