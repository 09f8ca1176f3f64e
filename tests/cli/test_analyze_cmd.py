"""`legday analyze` and `legday audit` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.app.test_analytics import seed
from tests.conftest import samples_dir
from tests.domain.track.gen import FACTS
from tests.helpers import run_cli

from legday.app.db import open_database
from legday.domain.track import facts


@pytest.fixture
def seeded(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(facts, "_cached", FACTS)
    seed(open_database(sqlite_url))
    return sqlite_url


def test_json_has_the_contract_keys(seeded: str) -> None:
    r = run_cli("analyze", "--athlete", "Sam", "--json", db=seeded)
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    for key in ("weeks", "neglect", "e1rm", "load", "symmetry", "guidelines", "adherence"):
        assert key in doc
    assert set(doc["weeks"][0]) >= {
        "week", "sets_by_muscle", "sets_by_pattern", "tonnage_by_region", "lower_set_share"
    }  # fmt: skip
    assert set(doc["neglect"]) >= {
        "lower_set_share", "lower_tonnage_share", "missing_patterns", "weeks_without_legs",
        "verdict", "prescription",
    }  # fmt: skip
    assert set(doc["load"][0]) >= {
        "date", "load", "acwr_rolling", "acwr_rolling_uncoupled", "acwr_ewma", "monotony",
        "strain", "flags",
    }  # fmt: skip
    assert "Impellizzeri" in doc["acwr_criticism"] and "Lolli" in doc["acwr_criticism"]


def test_tables_start_with_the_verdict(seeded: str) -> None:
    r = run_cli("analyze", "--athlete", "Sam", db=seeded)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.lstrip().startswith("You have neglected your legs")
    assert "legday plan generate" in r.stdout
    assert "Lolli" in r.stdout


def test_range_option(seeded: str) -> None:
    r = run_cli("analyze", "--from", "2024-01-15", "--to", "2024-01-21", "--json", db=seeded)
    assert r.exit_code == 0, r.stderr
    assert [w["week"] for w in r.json()["weeks"]] == ["2024-W03"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2024-13-01"), "--from '2024-13-01' is not a date"),
        (("--from", "2024-02-01", "--to", "2024-01-01"), "is after --to"),
        (("--athlete", "Nobody"), "no athlete called 'Nobody'"),
        (("--all",), "--all needs --out"),
        (("--out", "x"), "--out goes with --all"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(seeded: str, args: tuple[str, ...], message: str) -> None:
    r = run_cli("analyze", *args, db=seeded)
    assert r.exit_code == 1
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_all_writes_parquet(seeded: str, tmp_path: Path) -> None:
    r = run_cli("analyze", "--all", "--out", str(tmp_path / "pq"), "--json", db=seeded)
    assert r.exit_code == 0, r.stderr
    tables = r.json()["tables"]
    assert set(tables) == {"weekly_exercise", "weekly_muscle", "weekly_pattern", "daily_load",
                           "neglect"}  # fmt: skip
    assert all(Path(t["path"]).exists() for t in tables.values())
    assert tables["daily_load"]["rows"] == 21


def test_club(seeded: str) -> None:
    r = run_cli("analyze", "--club", "--json", db=seeded)
    assert r.exit_code == 0, r.stderr
    assert r.json()["athletes"][0]["athlete"] == "Sam"


def _sample(pattern: str) -> Path:
    found = sorted(samples_dir().glob(pattern))
    if not found:
        pytest.skip(f"no sample {pattern}")
    return found[0]


def test_audit_leaves_the_users_database_alone(sqlite_url: str, tmp_path: Path) -> None:
    assert run_cli("athlete", "add", "Sam", db=sqlite_url).exit_code == 0
    before = run_cli("athlete", "list", "--json", db=sqlite_url).json()
    path = _sample("hevy/hevy_kg_2021_2024_setindex_gaps.csv")
    r = run_cli("audit", str(path), "--json", db=sqlite_url)
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert doc["sets"] > 0 and doc["neglect"]["verdict"]
    assert 0.0 <= doc["neglect"]["lower_set_share"] <= 1.0
    assert run_cli("athlete", "list", "--json", db=sqlite_url).json() == before


def test_audit_of_a_missing_file(sqlite_url: str, tmp_path: Path) -> None:
    r = run_cli("audit", str(tmp_path / "nope.csv"), db=sqlite_url)
    assert r.exit_code == 1
    assert "nope.csv" in r.stderr


def test_audit_errors_are_exactly_one_line(sqlite_url: str, tmp_path: Path) -> None:
    # Nothing before the error (a progress bar that has nothing to show prints nothing).
    for target in (tmp_path / "nope.csv", tmp_path):
        r = run_cli("audit", str(target), db=sqlite_url)
        assert r.exit_code == 1
        assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, repr(r.stderr)


def test_audit_fix_line_is_one_runnable_command(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Seen in use: the printed fix named the audit's throwaway athlete ("--athlete you") and
    # wrapped at 80 columns, so pasting it ran half a command against an athlete nobody has.
    import shlex

    monkeypatch.setenv("COLUMNS", "80")
    path = _sample("hevy/hevy_kg_2021_2024_setindex_gaps.csv")
    r = run_cli("audit", str(path), db=sqlite_url)
    assert r.exit_code == 0, r.stderr
    (line,) = [x for x in r.stdout.splitlines() if x.startswith("Fix: ")]
    argv = shlex.split(line.removeprefix("Fix: "))
    assert argv[:3] == ["legday", "plan", "generate"] and "--minutes" in argv
    assert "--athlete" not in argv
    js = run_cli("audit", str(path), "--json", db=sqlite_url).json()
    assert js["neglect"]["prescription"] == shlex.join(argv)
    assert run_cli("athlete", "add", "Ana", "--age", "34", db=sqlite_url).exit_code == 0
    done = run_cli(*argv[1:], "--json", db=sqlite_url)
    assert done.exit_code == 0, done.stderr
    assert done.json()["athlete"] == "Ana"
