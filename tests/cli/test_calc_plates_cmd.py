"""`legday calc plates` and `legday calc warmup` as a user types them (values worked by hand)."""

from __future__ import annotations

import pytest
from tests.helpers import aid, me, run_cli


def test_plates_json_exact_not_greedy() -> None:
    r = run_cli("calc", "plates", "--load", "90", "--plates", "25,20,15", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json() == {
        "per_side": [20, 15],
        "achievable_load": 90,
        "unit": "kg",
        "target_load": 90,
        "bar": 20,
        "plate_count": 4,
    }


def test_plates_pairs_and_pounds() -> None:
    # One pair of 45s: 315 lb needs 135 a side → 45 + 35 + 35 + 10 + 10 (5 plates; 45+45+45 is
    # not allowed). With 35s limited too (1 pair): 45+35+25+25+5 = 135.
    r = run_cli("calc", "plates", "--load", "315", "--unit", "lb", "--pairs", "45:1", "--json")
    assert r.json()["per_side"] == [45, 35, 35, 10, 10] and r.json()["unit"] == "lb"
    r = run_cli("calc", "plates", "--load", "315", "--unit", "lb", "--pairs", "45:1,35:1", "--json")
    assert r.json()["per_side"] == [45, 35, 25, 25, 5]
    # --pairs 1 with the default kg plates: at most 78.75 a side → 177.5.
    r = run_cli("calc", "plates", "--load", "200", "--pairs", "1", "--json")
    assert r.json()["achievable_load"] == 177.5


def test_plates_text() -> None:
    r = run_cli("calc", "plates", "--load", "101")
    assert r.exit_code == 0
    assert "100 kg" in r.stdout and "25 + 15" in r.stdout and "cannot be built" in r.stdout


def test_warmup_json() -> None:
    r = run_cli("calc", "warmup", "--load", "100", "--reps", "5", "--json")
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert [(w["load"], w["sets"], w["reps"]) for w in doc["warmup"]] == [
        (20, 2, 5), (40, 1, 5), (60, 1, 3), (80, 1, 2),
    ]  # fmt: skip
    assert doc["warmup"][-1]["per_side"] == [25, 5]
    assert doc["work"] == {"load": 100, "reps": 5, "per_side": [25, 15]}


def test_warmup_text() -> None:
    r = run_cli("calc", "warmup", "--load", "225", "--reps", "3", "--unit", "lb")
    assert r.exit_code == 0 and "Warm-up" in r.stdout and "135" in r.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plates", "--load", "10"], "lighter than the bar"),
        (["plates", "--load", "100", "--plates", "25,x"], "--plates"),
        (["plates", "--load", "100", "--pairs", "two"], "--pairs"),
        (["plates", "--load", "100", "--unit", "stone"], "unknown unit"),
        (["warmup", "--load", "100", "--reps", "0"], "work reps"),
    ],
)
def test_bad_input_is_one_line(args: list[str], message: str) -> None:
    r = run_cli("calc", *args)
    assert r.exit_code == 1 and message in r.stderr
    assert r.stderr.count("\n") == 1


def test_plates_from_the_athletes_own_equipment(db_url: str) -> None:
    from legday.app import athletes
    from legday.app.db import forget_open_databases, open_database

    assert run_cli("athlete", "add", "Sam", "--unit", "lb", db=db_url).exit_code == 0
    loading = {"bar": 35, "plates": [45, 25, 10], "pairs": {"45": 1}}
    athletes.update_profile(
        open_database(db_url),
        me(open_database(db_url)),
        aid(open_database(db_url), "Sam"),
        {"equipment_loading": loading},
    )
    forget_open_databases()
    # 240 lb on a 35 lb bar leaves 102.5 a side; with one pair of 45s the best is 100, and four
    # 25s (4 plates) beat 45+25+10+10+10 (5 plates): 35 + 2·100 = 235.
    r = run_cli("calc", "plates", "--load", "240", "--athlete", "Sam", "--json", db=db_url)
    assert r.exit_code == 0, r.stderr
    assert r.json()["per_side"] == [25, 25, 25, 25] and r.json()["achievable_load"] == 235
    assert r.json()["unit"] == "lb"
    # An explicit --bar still wins: 45 lb bar leaves 97.5 a side → 45 + 25 + 25 = 95.
    r = run_cli("calc", "plates", "--load", "240", "--athlete", "Sam", "--bar", "45", "--json",
                db=db_url)  # fmt: skip
    assert r.json()["per_side"] == [45, 25, 25] and r.json()["achievable_load"] == 235
