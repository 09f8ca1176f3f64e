"""Issue 13 item 5: units stay honest — a --unit the loads contradict is refused unless the user
says it is right; a --json document speaks one unit; short forms (lbs, f, m) are accepted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.helpers import aid, me, run_cli

from legday.app import athletes, training
from legday.app.athletes import AthleteFields
from legday.app.db import open_database
from legday.domain.records import parse_sex
from legday.domain.units import KG_PER_LB

HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)


def _strong(tmp_path: Path, heaviest: int) -> Path:
    p = tmp_path / "strong.csv"
    p.write_text(
        HEADER
        + '2024-01-02 18:00:00,"Legs",1h,"Squat (Barbell)",1,135,8,0,0,"","",\n'
        + f'2024-01-02 18:00:00,"Legs",1h,"Squat (Barbell)",2,{heaviest},5,0,0,"","",\n',
        encoding="utf-8",
    )
    return p


def test_a_unit_the_loads_contradict_is_refused_unless_confirmed(
    db_url: str, tmp_path: Path
) -> None:
    path = _strong(tmp_path, 315)  # 315 kg × 5 from a Strong file with no unit: pounds
    bad = run_cli("import", str(path), "-a", "Sam", "--unit", "kg", db=db_url)
    assert bad.exit_code == 1
    assert "does not say whether its loads are kg or lb" in bad.stderr
    assert "315" in bad.stderr and "suggests lb" in bad.stderr and "--unit-is-right" in bad.stderr
    listed = run_cli("sessions", "list", "-a", "Sam", "--json", db=db_url)
    assert listed.exit_code == 1 or listed.json()["sessions"] == []  # nothing was stored
    ok = run_cli("import", str(path), "-a", "Sam", "--unit", "kg", "--unit-is-right", db=db_url)
    assert ok.exit_code == 0, ok.stderr


def test_a_unit_that_fits_the_loads_passes(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    athletes.add(db, me(db), "A", AthleteFields())
    athletes.add(db, me(db), "B", AthleteFields(unit="lb"))
    assert run_cli("import", str(_strong(tmp_path, 140)), "-a", "A", "--unit", "kg",
                   db=db_url).exit_code == 0  # fmt: skip
    r = run_cli("import", str(_strong(tmp_path, 315)), "-a", "B", "--unit", "lbs", "--json",
                db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    shown = run_cli("records", "-a", "B", "--json", db=db_url).json()
    squat = shown["exercises"][0]
    assert squat["heaviest"]["load_kg"] == pytest.approx(315 * KG_PER_LB, abs=0.01)


def test_analyze_json_prs_give_e1rm_and_previous_in_one_unit(db_url: str) -> None:
    db = open_database(db_url)
    athletes.add(db, me(db), "Pat", AthleteFields(unit="lb"))
    training.log_session(db, me(db), aid(db, "Pat"), "back-squat 225x5", day=date(2024, 1, 2))
    training.log_session(db, me(db), aid(db, "Pat"), "back-squat 245x3", day=date(2024, 1, 16))
    doc = run_cli("analyze", "-a", "Pat", "--json", db=db_url).json()
    assert doc["athlete"]["unit"] == "lb"
    (pr,) = doc["strength"]["prs"]
    # Epley in lb: 225 × (1 + 5/30) = 262.5 before, 245 × 1.1 = 269.5 now
    assert pr["e1rm"] == pytest.approx(269.5, abs=0.05)
    assert pr["previous"] == pytest.approx(262.5, abs=0.05)
    assert pr["previous_kg"] == pytest.approx(262.5 * KG_PER_LB, abs=0.01)


@pytest.mark.parametrize(("text", "sex"), [("f", "female"), ("M", "male"), ("Female", "female")])
def test_short_sex_forms(text: str, sex: str) -> None:
    assert parse_sex(text) == sex


def test_athlete_add_accepts_lbs_and_f(db_url: str) -> None:
    r = run_cli("athlete", "add", "Jo", "--unit", "lbs", "--sex", "f", "--json", db=db_url)
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    athlete = doc.get("athlete", doc)
    assert (athlete["unit"], athlete["sex"]) == ("lb", "female")
    calc = run_cli("calc", "bmr", "--mass-kg", "60", "--height-cm", "165", "--age", "30",
                   "--sex", "f", "--json", db=db_url)  # fmt: skip
    assert calc.exit_code == 0, calc.stderr


def test_the_shorthand_takes_lbs_like_lb() -> None:
    from legday.domain.train.shorthand import parse

    (entry,) = parse("back-squat 225lbsx5, 225lbx5", "kg")
    assert [s.load_kg for s in entry.sets] == [pytest.approx(225 * KG_PER_LB)] * 2
