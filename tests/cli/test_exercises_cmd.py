"""`legday exercises list|show|match` as a user types them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.helpers import aid, me, run_cli

FIELDS = [
    "id", "name", "aliases", "region", "pattern", "muscles", "laterality", "equipment", "level",
    "impact", "contacts_per_rep", "benefits", "contraindications", "met", "met_code",
    "regressions", "progressions", "cues",
]  # fmt: skip


def test_list_filters_and_json_fields() -> None:
    r = run_cli("exercises", "list", "--pattern", "calf", "--equipment", "none", "--json")
    assert r.exit_code == 0, r.stderr
    rows = r.json()["exercises"]
    ids = {x["id"] for x in rows}
    assert {"bodyweight-calf-raise", "single-leg-calf-raise"} <= ids
    assert "standing-calf-raise" not in ids  # needs a machine
    for x in rows:
        assert list(x)[: len(FIELDS)] == FIELDS
        assert x["pattern"] == "calf" and x["equipment"] == ["none"]
        assert all(set(m) == {"muscle", "weight"} for m in x["muscles"])


def test_list_by_muscle_group_region_and_benefit() -> None:
    r = run_cli("exercises", "list", "--muscle", "adductors", "--region", "lower", "--json")
    ids = {x["id"] for x in r.json()["exercises"]}
    assert {"copenhagen-adduction", "hip-adduction-machine", "sumo-deadlift"} <= ids
    r = run_cli("exercises", "list", "--benefit", "balance", "--json")
    assert all("balance" in x["benefits"] for x in r.json()["exercises"])
    r = run_cli("exercises", "list", "--equipment", "barbell,bench", "--pattern", "hip-extension",
                "--json")  # fmt: skip
    assert "hip-thrust" in {x["id"] for x in r.json()["exercises"]}


def test_list_table_and_bad_filter() -> None:
    r = run_cli("exercises", "list", "--pattern", "tibialis")
    assert r.exit_code == 0 and "tibialis-raise" in r.stdout
    r = run_cli("exercises", "list", "--pattern", "legs")
    assert r.exit_code == 1 and "unknown pattern 'legs'" in r.stderr


def test_show_names_progressions_and_regressions() -> None:
    r = run_cli("exercises", "show", "nordic-hamstring-curl", "--json")
    assert r.exit_code == 0, r.stderr
    ex = r.json()["exercise"]
    assert ex["pattern"] == "knee-flexion" and ex["muscles"][0] == {
        "muscle": "hamstrings",
        "weight": 1.0,
    }
    assert {"id": "band-assisted-nordic", "name": "Band-Assisted Nordic Hamstring Curl"} in ex[
        "regressions"
    ]
    assert ex["progressions"] == [{"id": "glute-ham-raise", "name": "Glute-Ham Raise"}]
    r = run_cli("exercises", "show", "depth-jump")
    assert r.exit_code == 0 and "shock" in r.stdout and "Box Jump" in r.stdout


def test_show_unknown_id_is_one_line_with_suggestions() -> None:
    r = run_cli("exercises", "show", "romanian-deadlifts")
    assert r.exit_code == 1
    assert r.stderr.strip().startswith("error: no exercise with id 'romanian-deadlifts'")
    assert "romanian-deadlift" in r.stderr and "Traceback" not in r.stderr


def test_match_json_shape_known_and_unknown() -> None:
    r = run_cli("exercises", "match", "Deadlift - Trap Bar", "--json")
    doc = r.json()
    assert list(doc) == ["query", "id", "name", "confidence", "candidates"]
    assert doc["id"] == "trap-bar-deadlift" and doc["confidence"] == 1.0
    r = run_cli("exercises", "match", "Zottman Curl", "--json")
    assert r.json()["id"] is None and r.json()["name"] is None
    r = run_cli("exercises", "match", "Seated Leg Curl (Machine)")
    assert "seated-leg-curl" in r.stdout and "1.00" in r.stdout


def test_match_uses_the_athletes_own_mappings(db_url: str) -> None:
    assert run_cli("athlete", "add", "Kim", db=db_url).exit_code == 0
    from legday.app.db import open_database
    from legday.app.mappings import map_exercise

    db = open_database(db_url)
    map_exercise(db, me(db), aid(db, "Kim"), "Beinpresse", "leg-press")
    r = run_cli("exercises", "match", "beinpresse", "--athlete", "Kim", "--json", db=db_url)
    assert r.exit_code == 0, r.stderr
    assert r.json()["id"] == "leg-press" and r.json()["confidence"] == 1.0
    r = run_cli("exercises", "match", "beinpresse", "--json", db=db_url)
    assert r.json()["id"] is None  # without the athlete there is no such name


def test_demo_catalog_step_writes_coverage(tmp_path: Path) -> None:
    from legday.app.db import open_database
    from legday.demo import DemoContext, catalog_step
    from legday.domain.catalog import load

    ctx = DemoContext(db=open_database(f"sqlite:///{tmp_path / 'd.db'}"), out=tmp_path,
                      today=date(2026, 1, 5))  # fmt: skip
    catalog_step.run(ctx)
    cov = json.loads((tmp_path / "catalog_coverage.json").read_text())
    cat = load()
    assert cov["exercises"] == len(cat)
    assert sum(cov["pattern"].values()) == len(cat)  # every exercise has exactly one pattern
    assert cov["pattern"]["hip-adduction"] == sum(ex.pattern == "hip-adduction" for ex in cat)
    assert cov["benefit"]["balance"] == sum("balance" in ex.benefits for ex in cat)
    assert any(line.startswith("Catalog:") for line in ctx.summary)


def test_programme_command() -> None:
    r = run_cli("exercises", "programme", "--json")
    assert {p["id"] for p in r.json()["programmes"]} == {"fifa-11-plus", "otago"}
    r = run_cli("exercises", "programme", "fifa-11-plus", "--json")
    parts = r.json()["programme"]["parts"]
    assert len(parts) == 3 and parts[1]["items"][5]["levels"][-1] == "fifa-box-jumps"
    r = run_cli("exercises", "programme", "otago")
    assert r.exit_code == 0 and "otago-front-knee" in r.stdout
    r = run_cli("exercises", "programme", "pilates")
    assert r.exit_code == 1 and "no programme 'pilates'" in r.stderr
