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


def _rec(db: str, test: str, *args: str) -> None:
    r = run_cli("assess", "record", test, *args, "--athlete", "Kim", "--date", "2026-05-02",
                db=db)  # fmt: skip
    assert r.exit_code == 0, r.stderr


def test_rts_battery_shows_what_is_missing_and_never_clears_one_hop(db_url: str) -> None:
    assert (
        run_cli("athlete", "add", "Kim", "--age", "23", "--sex", "female", db=db_url).exit_code == 0
    )
    # 200 vs 200 cm: a perfect single hop, and still not cleared.
    _rec(db_url, "single-leg-hop", "--left", "200", "--right", "200", "--involved", "left")
    one = run_cli("assess", "rts", "--athlete", "Kim", "--json", db=db_url).json()
    assert one["met"] is False
    assert one["missing"] == ["triple-hop", "crossover-hop", "timed-hop-6m", "quad-strength"]
    text = run_cli("assess", "rts", "--athlete", "Kim", db=db_url).stdout
    assert "Does not yet meet" in text and "quad-strength" in text
    single = run_cli("assess", "score", "single-leg-hop", "--left", "200", "--right", "200",
                     "--json").json()  # fmt: skip
    assert "meets_return_to_sport" not in single["derived"]
    # Triple 560/600 = 93.3 %; 6-m timed 2.0 s uninvolved ÷ 2.1 s involved = 95.2 %;
    # quadriceps isokinetic 170/200 Nm = 85 % → still below.
    _rec(db_url, "triple-hop", "--left", "560", "--right", "600", "--involved", "left")
    _rec(db_url, "timed-hop-6m", "--left", "2.1", "--right", "2.0", "--involved", "left")
    _rec(db_url, "quad-strength", "--left", "170", "--right", "200", "--involved", "left")
    weak = run_cli("assess", "rts", "--athlete", "Kim", "--json", db=db_url).json()
    assert weak["met"] is False and weak["missing"] == [] and weak["failing"] == ["quad-strength"]
    assert {r["test"]: r["status"] for r in weak["tests"]} == {
        "single-leg-hop": "passing", "triple-hop": "passing", "crossover-hop": "not recorded",
        "timed-hop-6m": "passing", "quad-strength": "failing",
    }  # fmt: skip
    # A later quadriceps test at 184/200 = 92 % completes the battery.
    r = run_cli("assess", "record", "quad-strength", "--left", "184", "--right", "200",
                "--involved", "left", "--method", "isometric", "--athlete", "Kim", "--date",
                "2026-06-01", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    done = run_cli("assess", "rts", "--athlete", "Kim", "--json", db=db_url).json()
    assert done["met"] is True and done["quad_lsi"] == 92.0
    assert dict((h["test"], h["lsi"]) for h in done["hop_tests"]) == {
        "single-leg-hop": 100.0, "triple-hop": 93.33, "timed-hop-6m": 95.24}  # fmt: skip
    assert "Meets the return-to-sport criteria" in run_cli(
        "assess", "rts", "--athlete", "Kim", db=db_url).stdout  # fmt: skip
