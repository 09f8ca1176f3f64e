"""`legday log` and `legday records` as a user types them."""

from __future__ import annotations

from tests.helpers import run_cli

EXAMPLE = (
    "back-squat 100x5x3 @8; rdl 80x8,8,7 rir2; split-squat 20x10/10 L/R; "
    "single-leg-stance 3x30s; box-jump 5x5"
)


def _athlete(db: str, unit: str = "kg") -> None:
    assert run_cli("athlete", "add", "Sam", "--unit", unit, db=db).exit_code == 0


def test_log_json(db_url: str) -> None:
    _athlete(db_url)
    r = run_cli("log", EXAMPLE, "--athlete", "Sam", "--date", "2026-03-02", "--time", "18:05",
                "--session-rpe", "7", "--minutes", "55", "--json", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    s = r.json()["session"]
    assert s["started_at"] == "2026-03-02T18:05:00" and s["srpe_load"] == 385  # 7 × 55
    assert s["set_count"] == 16 and s["working_sets"] == 16
    assert s["exercises"] == ["back-squat", "romanian-deadlift", "split-squat",
                              "single-leg-stance", "box-jump"]  # fmt: skip
    assert [x["contacts"] for x in s["sets"][-5:]] == [5] * 5


def test_log_text_shows_sets_and_load(db_url: str) -> None:
    _athlete(db_url, "lb")
    r = run_cli("log", "back-squat 225x5x2", "--date", "2026-03-02", "--session-rpe", "8",
                "--minutes", "30", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert "225 lb" in r.stdout and "load 240 AU" in r.stdout  # 8 × 30


def test_log_errors_are_one_line_and_store_nothing(db_url: str) -> None:
    _athlete(db_url)
    for args in (
        ["back-squat 100x5 banana"],
        ["back-squat 100x5", "--date", "2026-02-30"],
        ["back-squat 100x5", "--time", "25:00"],
        ["back-squat 100x5", "--session-rpe", "11"],
        ["back-squat 100x5", "--athlete", "Nobody"],
    ):
        r = run_cli("log", *args, db=db_url)
        assert r.exit_code == 1, args
        assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, r.stderr
    assert run_cli("sessions", "list", "--json", db=db_url).json() == {"sessions": []}


def test_records(db_url: str) -> None:
    _athlete(db_url)
    run_cli("log", "back-squat w60x5 100x5x3", "--date", "2026-03-01", db=db_url)
    r = run_cli("log", "back-squat 105x3 110x1", "--date", "2026-03-04", db=db_url)
    assert "New record" in r.stdout and "heaviest lift 110 kg (was 100)" in r.stdout
    doc = run_cli("records", "--json", db=db_url).json()
    assert doc["formula"] == "epley" and doc["unit"] == "kg"
    (sq,) = doc["exercises"]
    assert sq["heaviest"]["load"] == 110
    assert [(m["reps"], m["load"]) for m in sq["rep_maxes"]] == [(1, 110), (3, 105), (5, 100)]
    # Epley: 100 × (1 + 5/30) = 116.67 from the first session.
    assert sq["e1rm"]["value"] == 116.7 and sq["e1rm"]["date"] == "2026-03-01"
    text = run_cli("records", db=db_url)
    assert text.exit_code == 0 and "Back Squat" in text.stdout and "5: 100" in text.stdout
    bad = run_cli("records", "--formula", "guess", db=db_url)
    assert bad.exit_code == 1 and "formula" in bad.stderr


def test_help_documents_the_grammar() -> None:
    r = run_cli("log", "--help")
    assert r.exit_code == 0
    for piece in ("100x5x3", "80x8,8,7", "w60x5", "bw+10x5x3", "bw-20x8", "20x10/10", "3x30s",
                  "@8.5", "rir2", "box-jump 5x5", "40x20mx2", "100kgx5", "d80x6", "100x8f",
                  "100x5 @8, 100x5 @8.5, 105x3 @9", "100x5@8,105x3@9"):  # fmt: skip
        assert piece in r.stdout, piece


def test_log_drop_failure_and_comma_groups(db_url: str) -> None:
    _athlete(db_url)
    r = run_cli("log", "back-squat 100x5 @8, 100x5 @8.5, 105x3 @9; leg-press 200x10 d160x8 "
                "100x12F", "--date", "2026-03-02", "--json", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    s = r.json()["session"]
    assert [(x["set_type"], x["load_kg"], x["reps"], x["rpe"]) for x in s["sets"]] == [
        ("working", 100, 5, 8), ("working", 100, 5, 8.5), ("working", 105, 3, 9),
        ("working", 200, 10, None), ("drop", 160, 8, None), ("failure", 100, 12, None),
    ]  # fmt: skip
    assert s["shorthand"].endswith("leg-press 200x10 d160x8 f100x12")
    shown = run_cli("sessions", "show", str(s["id"]), db=db_url)
    assert "drop" in shown.stdout and "failure" in shown.stdout
    bad = run_cli("log", "back-squat 100x5 @8,", "--date", "2026-03-02", db=db_url)
    assert bad.exit_code == 1 and "end with a comma" in bad.stderr
