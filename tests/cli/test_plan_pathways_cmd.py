"""The pathway inputs on the command line: `athlete add/edit --months-since-surgery` is stored and
used by `plan generate`, which accepts it too; `--season in` changes the plan; a refusal names
its parts and the options to pass."""

from __future__ import annotations

import json

from tests.helpers import run_cli


def test_months_since_surgery_is_stored_and_planned(db_url: str) -> None:
    add = run_cli(
        "athlete", "add", "Alex", "--age", "22", "--level", "intermediate",
        "--limitation", "acl-reconstruction", "--months-since-surgery", "9", db=db_url,
    )  # fmt: skip
    assert add.exit_code == 0, add.stderr
    r = run_cli(
        "plan", "generate", "--athlete", "Alex", "--goal", "injury-prevention", "--sport",
        "soccer", "--days", "3", "--minutes", "60", "--weeks", "4", "--equipment",
        "barbell,dumbbell,machine,bench,band", "--json", db=db_url,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    body = json.loads(r.stdout)
    assert body["profile"]["months_since_surgery"] == 9  # stored by `athlete add`
    assert "acl-rehabilitation" in body["extras"]["components"]
    assert body["extras"]["return_to_sport"] is False  # no battery recorded yet
    edit = run_cli("athlete", "edit", "Alex", "--months-since-surgery", "10", db=db_url)
    assert edit.exit_code == 0
    again = run_cli("plan", "generate", "--athlete", "Alex", "--months-since-surgery", "11",
                    "--weeks", "4", "--json", db=db_url)  # fmt: skip
    assert json.loads(again.stdout)["profile"]["months_since_surgery"] == 11  # the flag wins
    bad = run_cli("athlete", "edit", "Alex", "--months-since-surgery", "-3", db=db_url)
    assert bad.exit_code == 1 and "months since surgery" in bad.stderr


def test_in_season_really_changes_the_plan(db_url: str) -> None:
    assert run_cli("athlete", "add", "Sam", "--age", "24", "--level", "intermediate",
                   db=db_url).exit_code == 0  # fmt: skip
    common = ["--athlete", "Sam", "--goal", "injury-prevention", "--sport", "soccer", "--days",
              "3", "--minutes", "60", "--weeks", "8", "--equipment", "barbell,bench,band",
              "--json"]  # fmt: skip

    def strength_sessions(season: str) -> list[int]:
        out = run_cli("plan", "generate", *common, "--season", season, db=db_url).stdout
        doc = json.loads(out)
        return [
            sum(1 for s in w["sessions"] if any(b["kind"] == "strength" for b in s["blocks"]))
            for w in doc["weeks"]
        ]

    assert max(strength_sessions("in")) <= 2 < max(strength_sessions("off"))  # R39


def test_a_refusal_names_its_parts_and_the_option(db_url: str) -> None:
    assert run_cli("athlete", "add", "Kim", "--age", "30", db=db_url).exit_code == 0
    r = run_cli("plan", "generate", "--athlete", "Kim", "--goal", "strength", "--minutes", "4",
                db=db_url)  # fmt: skip
    assert r.exit_code == 1
    assert "4 min per session cannot hold" in r.stderr and "--minutes" in r.stderr


def test_repeated_equipment_options_are_all_kept(db_url: str) -> None:
    # A repeated --equipment used to keep only its last value (bench): the ACL athlete then
    # got body-weight main lifts and no machine knee extension.
    assert run_cli("athlete", "add", "Alex", "--age", "22", "--level", "intermediate",
                   "--limitation", "acl-reconstruction", "--months-since-surgery", "9",
                   db=db_url).exit_code == 0  # fmt: skip
    r = run_cli(
        "plan", "generate", "--athlete", "Alex", "--goal", "injury-prevention", "--goal",
        "strength", "--sport", "soccer", "--days", "3", "--minutes", "60", "--weeks", "4",
        "--equipment", "barbell", "--equipment", "machine", "--equipment", "dumbbell,box",
        "--equipment", "bench", "--json", db=db_url,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    body = json.loads(r.stdout)
    assert {"barbell", "machine", "dumbbell", "box", "bench"} <= set(body["profile"]["equipment"])
    week1 = [b.get("exercise_id") for s in body["weeks"][0]["sessions"] for b in s["blocks"]]
    assert {"leg-extension", "single-leg-extension"} & set(week1)  # R47 open-chain on a machine
    assert not any("knee-extension" in w for w in body["warnings"])


def test_an_equipment_remedy_names_only_what_is_not_listed(db_url: str) -> None:
    assert run_cli("athlete", "add", "Alex", "--age", "22", "--level", "intermediate",
                   "--limitation", "acl-reconstruction", "--months-since-surgery", "9",
                   db=db_url).exit_code == 0  # fmt: skip
    r = run_cli(
        "plan", "generate", "--athlete", "Alex", "--goal", "injury-prevention", "--sport",
        "soccer", "--days", "3", "--minutes", "60", "--weeks", "4", "--equipment", "bench",
        db=db_url,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if "to --equipment" in ln]
    assert lines, r.stdout
    for ln in lines:
        added = ln.split("add ", 1)[1].split(" to --equipment")[0].split(",")
        assert "bench" not in added and added != [""]
