"""`legday assess …` end to end: the JSON contract, text output, errors as one line + exit 1."""

from __future__ import annotations

import pytest
from tests.helpers import run_cli

KEYS = ["test", "inputs", "value", "unit", "rating", "normal_range", "percentile", "flags",
        "derived", "warnings", "sources", "extrapolated"]  # fmt: skip


def test_score_json_contract() -> None:
    r = run_cli("assess", "score", "chair-stand-30s", "--value", "9", "--age", "72", "--sex",
                "female", "--json")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert list(doc) == KEYS
    assert doc["rating"] == "below" and doc["normal_range"] == [10.0, 15.0]
    assert doc["flags"] == ["fall-risk"] and doc["percentile"] is None
    assert any("Rikli" in s for s in doc["sources"])


def test_score_text_and_lower_is_better() -> None:
    r = run_cli("assess", "score", "up-and-go-8ft", "--value", "7.5", "--age", "61", "--sex",
                "female")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert "below" in r.stdout and "lower is better" in r.stdout  # 7.5 > 6.0 s: slower


def test_specific_options() -> None:
    nordic = run_cli("assess", "score", "nordic", "--left", "300", "--right", "330",
                     "--population", "soccer", "--json").json()  # fmt: skip
    assert nordic["flags"] == ["injury-risk"] and nordic["value"] == 300  # < 337 N
    yb = run_cli("assess", "score", "y-balance", "--left", "60", "--right", "65", "--json").json()
    assert yb["flags"] == ["asymmetry"]
    rm = run_cli("assess", "score", "rep-max", "--load", "225", "--reps", "5", "--unit", "lb",
                 "--json").json()  # fmt: skip
    assert rm["value"] == 119.07  # 225 lb = 102.058 kg × (1 + 5/30)
    bal = run_cli("assess", "score", "four-stage-balance", "--stage", "3", "--json").json()
    assert bal["flags"] == []


def test_errors_are_one_line_and_exit_1() -> None:
    cases = [
        (("assess", "score", "sit-and-reach", "--value", "3"), "unknown test"),
        (("assess", "score", "chair-stand-30s", "--value", "9", "--sex", "female"), "--age"),
        (("assess", "score", "chair-stand-30s", "--value", "9", "--age", "70"), "--sex"),
        (("assess", "score", "chair-stand-30s", "--value", "9", "--age", "40", "--sex", "male"),
         "nearest band is 60–64"),
        (("assess", "score", "tug", "--value", "-4"), "impossible"),
        (("assess", "explain", "nope"), "unknown test"),
    ]  # fmt: skip
    for args, text in cases:
        r = run_cli(*args)
        assert r.exit_code == 1, (args, r.stdout)
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("error:") and text in lines[0], r.stderr


def test_nearest_band_scores_with_a_warning() -> None:
    r = run_cli("assess", "score", "chair-stand-30s", "--value", "13", "--age", "58", "--sex",
                "female", "--nearest-band", "--json")  # fmt: skip
    assert r.exit_code == 0
    assert r.json()["rating"] == "normal" and r.json()["warnings"]


def test_record_and_history(db_url: str) -> None:
    assert run_cli("athlete", "add", "Margaret", "--age", "72", "--sex", "female", "--mass-kg",
                   "64", db=db_url).exit_code == 0  # fmt: skip
    for day, secs in (("2026-01-10", "13.8"), ("2026-02-10", "12.4")):
        r = run_cli("assess", "record", "tug", "--value", secs, "--athlete", "Margaret",
                    "--date", day, "--json", db=db_url)  # fmt: skip
        assert r.exit_code == 0, r.stderr
        assert r.json()["flags"] == ["fall-risk"] and r.json()["taken_on"] == day
    text = run_cli("assess", "record", "four-stage-balance", "--stage", "2", "--athlete",
                   "Margaret", db=db_url)  # fmt: skip
    assert text.exit_code == 0 and "fall-risk" in text.stdout
    h = run_cli("assess", "history", "--athlete", "Margaret", "--test", "tug", "--json", db=db_url)
    tests = h.json()["tests"]
    assert [e["value"] for e in tests[0]["entries"]] == [13.8, 12.4]
    assert tests[0]["trend"] == "improving"
    every = run_cli("assess", "history", "--athlete", "Margaret", db=db_url)
    assert every.exit_code == 0 and "Timed Up and Go" in every.stdout


def test_list_and_explain() -> None:
    listed = run_cli("assess", "list", "--json").json()["tests"]
    assert len(listed) == 18 and all(t["sources"] for t in listed)  # 17 tests + readiness
    r = run_cli("assess", "explain", "up-and-go-8ft")
    assert r.exit_code == 0
    for text in ("UNVERIFIED", "Rikli", "4.3", "5.7", "Scoring rule"):
        assert text in r.stdout, text
    nordic = run_cli("assess", "explain", "nordic", "--json").json()
    assert {row["value"] for row in nordic["tables"][0]["rows"]} == {256, 279, 337}


def test_list_at_80_columns_shows_every_id_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # The id is what `assess score ID` wants; an ellipsis ("four-stage-balan…") leaves the user
    # guessing. Ids come from the JSON listing, not from the table code.
    monkeypatch.setenv("COLUMNS", "80")
    ids = [t["id"] for t in run_cli("assess", "list", "--json").json()["tests"]]
    out = run_cli("assess", "list").stdout
    assert "…" not in out
    firsts = {line.split("│")[1].strip() for line in out.splitlines() if line.count("│") > 2}
    assert set(ids) <= firsts
    assert max(len(line) for line in out.splitlines()) <= 80


def test_history_shows_a_rep_max_in_the_athletes_unit(db_url: str) -> None:
    assert run_cli("athlete", "add", "Lee", "--unit", "lb", db=db_url).exit_code == 0
    r = run_cli("assess", "record", "rep-max", "--load", "50", "--reps", "8", "--athlete", "Lee",
                "--exercise", "goblet-squat", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    out = run_cli("assess", "history", "--athlete", "Lee", "--test", "rep-max", db=db_url).stdout
    # Epley (1985): 1RM = w × (1 + r/30) = 50 × (1 + 8/30) = 63.33 lb
    assert "(lb)" in out and "63.3" in out
    assert "(kg)" not in out


def test_a_difference_is_labelled_as_one_not_as_a_bare_value() -> None:
    # Y-Balance anterior reach 60 vs 62 cm: the score is their difference, 2 cm (Plisky 2006).
    r = run_cli("assess", "score", "y-balance", "--left", "60", "--right", "62")
    assert r.exit_code == 0, r.stderr
    (row,) = [line for line in r.stdout.splitlines() if "2 cm" in line]
    assert "difference" in row
    # a test whose score is the measurement itself keeps the plain label
    tug = run_cli("assess", "score", "tug", "--value", "9").stdout
    assert any(line.split("│")[1].strip() == "value" for line in tug.splitlines() if "9 s" in line)
