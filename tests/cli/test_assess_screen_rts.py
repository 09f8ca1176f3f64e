"""`legday assess record steadi-screen` and the return-to-sport battery, end to end."""

from __future__ import annotations

from tests.helpers import run_cli


def _athlete(db: str, name: str = "Ruth", *extra: str) -> None:
    r = run_cli("athlete", "add", name, "--age", "78", "--sex", "female", *extra, db=db)
    assert r.exit_code == 0, r.stderr


def test_steadi_screen_flags_are_yes_answers(db_url: str) -> None:
    _athlete(db_url)
    r = run_cli("assess", "record", "steadi-screen", "--fell", "--unsteady", "--athlete", "Ruth",
                "--date", "2026-03-01", "--json", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert doc["inputs"]["fell"] == "yes" and doc["inputs"]["unsteady"] == "yes"
    assert doc["inputs"]["worried"] == "no"
    assert doc["value"] == 2 and doc["flags"] == ["screen-positive", "fall-history"]
    none = run_cli("assess", "record", "steadi-screen", "--athlete", "Ruth", "--date",
                   "2026-03-02", "--json", db=db_url)  # fmt: skip
    assert none.exit_code == 0, none.stderr
    assert none.json()["flags"] == [] and none.json()["value"] == 0
    worried = run_cli("assess", "score", "steadi-screen", "--worried", "--json")
    assert worried.json()["flags"] == ["screen-positive"]
    h = run_cli("assess", "history", "--athlete", "Ruth", "--json", db=db_url).json()
    (screen,) = h["tests"]
    assert screen["test"] == "steadi-screen"
    assert [e["flags"] for e in screen["entries"]] == [["screen-positive", "fall-history"], []]
    text = run_cli("assess", "history", "--athlete", "Ruth", db=db_url)
    assert "STEADI" in text.stdout and "fall-history" in text.stdout


def test_a_screen_answer_on_another_test_is_refused() -> None:
    r = run_cli("assess", "score", "tug", "--value", "10", "--fell")
    assert r.exit_code == 1 and "tug does not take --fell" in r.stderr
