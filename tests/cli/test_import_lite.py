"""`legday import` on a SQLite file runs on the standard sqlite3 driver: no SQLAlchemy is
imported (a third of a personal import's time, bench/bench_personal_import.py), into a file that
holds the athlete and into a new one; several imports starting one new file at once store each
set once, in one athlete."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import samples_dir
from tests.helpers import run_cli

PROBE = (
    "import sys; from legday.cli.main import main; sys.argv = ['legday', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
    "print('sqlalchemy' in sys.modules, file=sys.stderr)"
)


def _probe(url: str, *args: str) -> tuple[dict[str, object], bool]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", url, *args, "--json"],
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout), run.stderr.strip().splitlines()[-1] == "True"


def test_a_personal_import_starts_without_sqlalchemy(tmp_path: Path) -> None:
    sample = samples_dir() / "hevy" / "hevy_kg_2021_2024_setindex_gaps.csv"
    new = f"sqlite:///{tmp_path / 'new' / 'legday.db'}"
    doc, loaded = _probe(new, "import", str(sample), "--athlete", "Me", "--dry-run")
    assert not loaded and doc["sets_added"] == 3928
    doc, loaded = _probe(new, "import", str(sample), "--athlete", "Me")
    assert not loaded and doc["sets_added"] == 3928 and doc["format"] == "hevy"
    doc, loaded = _probe(new, "import", str(sample))  # the only athlete, all stored
    assert not loaded and doc["sets_added"] == 0 and doc["sets_skipped_duplicate"] == 3928
    # an existing file made by the full path, holding the athlete
    held = f"sqlite:///{tmp_path / 'held.db'}"
    assert run_cli("athlete", "add", "Sam", "--unit", "lb", db=held).exit_code == 0
    doc, loaded = _probe(held, "import", str(sample), "--athlete", "sam")
    assert not loaded and doc["sets_added"] == 3928
    listed = run_cli("sessions", "list", "--json", db=held).json()["sessions"]
    assert sum(r["set_count"] for r in listed) == 3928


def test_an_unknown_athlete_is_refused_as_before(tmp_path: Path) -> None:
    sample = samples_dir() / "hevy" / "hevy_kg_2021_2024_setindex_gaps.csv"
    url = f"sqlite:///{tmp_path / 'legday.db'}"
    assert run_cli("athlete", "add", "Sam", db=url).exit_code == 0
    r = run_cli("import", str(sample), "--athlete", "Nobody", db=url)
    assert r.exit_code == 1
    assert r.stderr == "error: no athlete called 'Nobody' (see `legday athlete list`)\n"


def test_first_imports_into_one_new_file_at_once(tmp_path: Path) -> None:
    sample = samples_dir() / "strong" / "strong_android_2023_semicolon_unit_columns.csv"
    url = f"sqlite:///{tmp_path / 'first' / 'legday.db'}"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "legday",
                "--db",
                url,
                "import",
                str(sample),
                "--athlete",
                "Sam",
                "--json",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outs = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    added = sorted(json.loads(o)["sets_added"] for o, _ in outs)
    assert added == [0, 0, 0, 3194]
    names = [a["name"] for a in run_cli("athlete", "list", "--json", db=url).json()["athletes"]]
    assert names == ["Sam"]
    listed = run_cli("sessions", "list", "--json", db=url).json()["sessions"]
    assert sum(r["set_count"] for r in listed) == 3194
