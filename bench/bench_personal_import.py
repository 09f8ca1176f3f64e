"""A personal import from start to exit: `legday import` of the largest real sample export,
interleaved with a bare `pandas.read_csv` process on the same file.

Goal (issue 17): ≤ 1.0 s from start to exit and ≤ 2× the pandas process. Each round runs both,
one after the other, so a busy moment on the shared machine hits them alike; the medians of the
rounds are compared, in wall time and in CPU time (user + system of the process). The import
goes into a database that holds the athlete already (the everyday case); a first import into a
new file also creates the schema, shown on its own line.
Run: ``.venv/bin/python bench/bench_personal_import.py [--runs N] [--file PATH]``.

2026-12-06 ~19:58 UTC, 11 rounds each, load average 1.1 on 2 shared cores, the 23,709-row Strong
sample, before and after the record path ran on the standard sqlite3 driver
(legday.app.import_plain; a new file made from the schema snapshot on the same driver):
before: pandas 0.41 s; import 0.83 s = 2.02× (CPU 1.60×); into a new database 0.83 s = 2.01×.
after (two runs): pandas 0.41 / 0.38 s; import 0.57 / 0.55 s = 1.40 / 1.45× (CPU 1.09 / 1.12×);
into a new database 0.58 / 0.56 s = 1.42 / 1.48× (CPU 1.10 / 1.15×).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# ../shared/samples beside the checkout, or LEGDAY_SAMPLES.
SAMPLES = Path(
    os.environ.get("LEGDAY_SAMPLES")
    or Path(__file__).resolve().parents[1].parent / "shared" / "samples"
)


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall s, CPU s) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err.decode()[-600:]}")
    return wall, usage.ru_utime + usage.ru_stime


def largest_sample() -> Path:
    files = [p for p in SAMPLES.rglob("*.csv") if p.is_file()]
    if not files:
        raise SystemExit(f"no sample exports in {SAMPLES}; pass --file")
    return max(files, key=lambda p: p.stat().st_size)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--file", type=Path, help="the export (default: the largest sample)")
    ap.add_argument("--unit", default="lb", help="--unit for the import (the sample is in lb)")
    args = ap.parse_args()
    path = args.file or largest_sample()
    folder = Path(tempfile.mkdtemp(prefix="legday-bench-personal-"))
    template, db = folder / "template.db", folder / "bench.db"
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached
    env.pop("LEGDAY_HOME", None)
    legday = [sys.executable, "-m", "legday"]
    add = [*legday, "--db", f"sqlite:///{template}", "athlete", "add", "Me", "--unit", args.unit]
    _run(add, env)
    imp = [*legday, "--db", f"sqlite:///{db}", "import", str(path), "--athlete", "Me"]
    imp += ["--unit", args.unit]
    fresh = [*legday, "--db", f"sqlite:///{folder / 'fresh.db'}", "import", str(path)]
    fresh += ["--athlete", "Me", "--unit", args.unit]
    pandas = [sys.executable, "-c", "import sys, pandas; pandas.read_csv(sys.argv[1])", str(path)]

    def fresh_copy() -> None:
        for extra in ("", "-wal", "-shm"):
            Path(f"{db}{extra}").unlink(missing_ok=True)
            Path(f"{folder / 'fresh.db'}{extra}").unlink(missing_ok=True)
        shutil.copyfile(template, db)

    fresh_copy()
    _run(imp, env)  # warm the file cache and the bytecode
    _run(pandas, env)
    rows: dict[str, list[tuple[float, float]]] = {"pandas": [], "import": [], "fresh": []}
    for _ in range(args.runs):
        fresh_copy()
        rows["pandas"].append(_run(pandas, env))
        rows["import"].append(_run(imp, env))
        rows["fresh"].append(_run(fresh, env))
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in rows.items()}  # fmt: skip
    lines = sum(1 for _ in path.open(encoding="utf-8", errors="replace")) - 1
    load = os.getloadavg()[0]
    print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {lines:,} rows")
    print(f"{args.runs} interleaved rounds, load average {load:.1f} on {os.cpu_count()} cores")
    print(f"{'process':52} {'wall s':>7} {'× pandas':>9} {'CPU s':>7} {'× pandas':>9}")
    pw, pc = med["pandas"]
    for key, label in (
        ("pandas", "python -c 'pandas.read_csv(FILE)' (baseline)"),
        ("import", "legday import FILE (athlete already there)"),
        ("fresh", "legday import FILE into a new database"),
    ):
        w, c = med[key]
        print(f"{label:52} {w:7.2f} {w / pw:9.2f} {c:7.2f} {c / pc:9.2f}")
    w, _ = med["import"]
    verdict = "met" if w <= 1.0 and w <= 2 * pw else "NOT met"
    print(f"goal ≤ 1.0 s and ≤ 2× pandas (wall): {verdict}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
