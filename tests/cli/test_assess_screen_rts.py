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


def test_rep_max_names_its_exercise_in_the_athletes_unit(db_url: str) -> None:
    assert run_cli("athlete", "add", "Lee", "--unit", "lb", db=db_url).exit_code == 0
    r = run_cli("assess", "record", "rep-max", "--exercise", "back-squat", "--load-kg", "100",
                "--reps", "5", "--athlete", "Lee", "--date", "2026-04-01", "--json",
                db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    # Epley: 100 × (1 + 5/30) = 116.67 kg = 116.67 / 0.45359237 = 257.21 lb; 100 kg = 220.46 lb.
    assert doc["exercise_id"] == "back-squat" and doc["inputs"]["exercise"] == "back-squat"
    assert doc["unit"] == "kg" and doc["value"] == 116.67
    assert doc["in_athlete_unit"] == {"unit": "lb", "value": 257.2, "load": 220.5}
    # A name the catalog resolves; the load in the athlete's unit (lb): 225 lb × (1 + 3/30).
    by_name = run_cli("assess", "record", "rep-max", "--exercise", "Romanian Deadlift", "--load",
                      "225", "--reps", "3", "--athlete", "Lee", "--json", db=db_url)  # fmt: skip
    assert by_name.exit_code == 0, by_name.stderr
    assert by_name.json()["exercise_id"] == "romanian-deadlift"
    assert by_name.json()["in_athlete_unit"]["value"] == 247.5
    text = run_cli("assess", "record", "rep-max", "--exercise", "back-squat", "--load", "240",
                   "--reps", "5", "--athlete", "Lee", "--date", "2026-05-01",
                   db=db_url)  # fmt: skip
    assert "240 lb × 5" in text.stdout and "280 lb" in text.stdout  # 240 × 7/6
    h = run_cli("assess", "history", "--athlete", "Lee", "--test", "rep-max", "--json",
                db=db_url).json()  # fmt: skip
    groups = {t["exercise_id"]: [e["taken_on"] for e in t["entries"]] for t in h["tests"]}
    assert groups == {"back-squat": ["2026-04-01", "2026-05-01"],
                      "romanian-deadlift": [by_name.json()["taken_on"]]}  # fmt: skip


def test_rep_max_refuses_no_exercise_an_unknown_one_and_two_loads(db_url: str) -> None:
    assert run_cli("athlete", "add", "Lee", db=db_url).exit_code == 0
    base = ("assess", "record", "rep-max", "--reps", "5", "--athlete", "Lee")
    none = run_cli(*base, "--load", "100", db=db_url)
    assert none.exit_code == 1 and "needs the exercise" in none.stderr
    unknown = run_cli(*base, "--load", "100", "--exercise", "zzz qqq", db=db_url)
    assert unknown.exit_code == 1 and "zzz qqq" in unknown.stderr
    twice = run_cli(*base, "--load", "100", "--load-kg", "100", "--exercise", "back-squat",
                    db=db_url)  # fmt: skip
    assert twice.exit_code == 1 and "twice" in twice.stderr
    other = run_cli("assess", "score", "tug", "--value", "9", "--exercise", "back-squat")
    assert other.exit_code == 1 and "not done on a chosen exercise" in other.stderr
    h = run_cli("assess", "history", "--athlete", "Lee", "--json", db=db_url).json()
    assert h["tests"] == []


def test_an_implausible_value_is_refused_unless_confirmed(db_url: str) -> None:
    assert run_cli("athlete", "add", "Sam", db=db_url).exit_code == 0
    args = ("assess", "record", "nordic", "--left", "30", "--right", "310", "--athlete", "Sam")
    r = run_cli(*args, db=db_url)
    assert r.exit_code == 1
    assert "plausible range 80–750 N" in r.stderr and "--confirm" in r.stderr
    assert run_cli("assess", "history", "--athlete", "Sam", "--json", db=db_url).json()[
        "tests"] == []  # fmt: skip
    ok = run_cli(*args, "--confirm", "--json", db=db_url)
    assert ok.exit_code == 0, ok.stderr
    assert ok.json()["value"] == 30 and any("confirmed" in w for w in ok.json()["warnings"])
    jump = run_cli("assess", "score", "cmj", "--height-cm", "150")
    assert jump.exit_code == 1 and "above the plausible range" in jump.stderr


def test_explain_shows_plausible_ranges_and_what_results_mean() -> None:
    doc = run_cli("assess", "explain", "y-balance", "--json").json()
    assert {(r["flag"], r["kind"], r["sex"]) for r in doc["triage"]} == {
        ("asymmetry", "sport-screen-risk", None),
        ("injury-risk", "sport-screen-risk", "female"),
    }
    left = next(i for i in doc["inputs"] if i["name"] == "left")
    assert left["plausible"] == [20, 110] and left["plausible_why"]
    text = run_cli("assess", "explain", "nordic").stdout
    assert "Plausible ranges" in text and "kgf" in text and "nordic-weak" in text
