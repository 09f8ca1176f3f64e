"""`legday demo` runs the whole loop on its own throwaway database and says where to look."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import run_cli

from legday.demo import STEPS


def test_demo_runs_end_to_end_and_never_touches_user_data(tmp_path: Path) -> None:
    user_db = tmp_path / "home" / "legday.db"
    out = tmp_path / "demo-out"
    r = run_cli("demo", "--out", str(out), "--json")
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert Path(doc["database"]) == out / "demo.db"
    assert len(doc["summary"]) >= len(STEPS) - 1  # each step says what it did
    for f in doc["files"]:
        assert Path(f).is_file() and Path(f).stat().st_size > 0, f
    assert not user_db.exists(), "the demo must not create or touch the user's database"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["summary"] == doc["summary"]


def test_demo_twice_in_the_same_folder_starts_from_nothing(tmp_path: Path) -> None:
    out = tmp_path / "again"
    assert run_cli("demo", "--out", str(out), "--json").exit_code == 0
    r = run_cli("demo", "--out", str(out), "--json")
    assert r.exit_code == 0, r.stderr
    listed = run_cli("athlete", "list", "--json", db=f"sqlite:///{out / 'demo.db'}").json()
    assert len(listed["athletes"]) == 3


def test_demo_on_a_base_install_skips_reports_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A base install (no [report] extra) has no vl-convert: the demo must still finish.
    import legday.demo.report_step as step

    monkeypatch.setattr(step, "_available", lambda module: False)
    r = run_cli("demo", "--out", str(tmp_path / "base"), "--json")
    assert r.exit_code == 0, r.stderr
    assert any("pip install 'legday[report]'" in line for line in r.json()["summary"])
    assert not (tmp_path / "base" / "reports").exists()


def test_plain_output_prints_every_summary_line_verbatim(tmp_path: Path) -> None:
    # Summary lines may contain [brackets] (e.g. "[level 1: …]"): Rich must not eat them as markup.
    out = tmp_path / "plain"
    r = run_cli("demo", "--out", str(out))
    assert r.exit_code == 0, r.stderr
    printed = " ".join(r.stdout.split())
    for line in json.loads((out / "summary.json").read_text())["summary"]:
        assert " ".join(line.split()) in printed, line


def test_out_that_is_a_file_is_one_error_line(tmp_path: Path) -> None:
    in_the_way = tmp_path / "notes.txt"
    in_the_way.write_text("mine\n")
    r = run_cli("demo", "--out", str(in_the_way))
    assert r.exit_code == 1
    assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, r.stderr
    assert in_the_way.read_text() == "mine\n"
