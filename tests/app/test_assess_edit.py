"""Repeated tests, edits and deletes: every derived figure follows the corrected inputs."""

from __future__ import annotations

from datetime import date

import pytest
from tests.helpers import aid, me

from legday.app import assess, assess_edit, athletes
from legday.app.db import Database, open_database
from legday.domain.assess.scoring import ImplausibleValue
from legday.domain.assess.triage import return_to_sport, triage
from legday.domain.errors import Conflict, NotFound
from legday.store.models import Assessment

D = date(2026, 1, 5)


def _db(url: str) -> Database:
    db = open_database(url)
    athletes.add(db, me(db), "Margaret", athletes.AthleteFields(age_years=72, sex="female",
                                                        body_mass_kg=64, unit="kg"))  # fmt: skip
    athletes.add(
        db,
        me(db),
        "Pat",
        athletes.AthleteFields(age_years=30, sex="male", body_mass_kg=80, unit="lb"),
    )
    return db


def _latest(db: Database, name: str) -> dict[str, dict[str, object]]:
    with db.read(db.local_actor()) as s:
        return assess.latest_results(s, athletes.by_name(s, name).id)


def _count(db: Database) -> int:
    with db.read(db.local_actor()) as s:
        return s.query(Assessment).count()


def test_an_exact_repeat_on_the_same_day_is_refused_unless_again(db_url: str) -> None:
    db = _db(db_url)
    first = assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": 13.8}, taken_on=D)
    with pytest.raises(Conflict, match=f"already recorded on {D} \\(id {first.id}\\)"):
        assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": 13.8}, taken_on=D)
    assert _count(db) == 1
    assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": 13.8}, taken_on=D, again=True)
    # Not repeats: another value the same day, the same value another day, another athlete.
    assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": 12.9}, taken_on=D)
    assess.record(
        db, me(db), aid(db, "Margaret"), "tug", {"value": 13.8}, taken_on=date(2026, 1, 6)
    )
    assess.record(db, me(db), aid(db, "Pat"), "tug", {"value": 13.8}, taken_on=D)
    assert _count(db) == 5


def test_editing_recomputes_value_rating_flags_and_what_reads_them(db_url: str) -> None:
    db = _db(db_url)
    rec = assess.record(
        db, me(db), aid(db, "Margaret"), "chair-stand-30s", {"value": 9}, taken_on=D
    )
    assert triage(_latest(db, "Margaret"), age=72, sex="female")[0].kind == (
        "steadi-test-below-cutoff"
    )
    # Women 70–74: normal 10–15, below average under 10 → 12 is normal, no flag.
    edited = assess_edit.edit(db, me(db), rec.id, {"value": 12})
    new, before = edited.record, edited.before
    assert before["rating"] == "below" and before["flags"] == ["fall-risk"]
    # The JSON document: the new record, and under "before" only what a correction changes.
    doc = edited.as_json()
    assert (doc["id"], doc["value"], doc["rating"]) == (rec.id, 12, "normal")
    assert set(doc["before"]) == {"value", "unit", "rating", "flags", "inputs", "derived"}
    assert (doc["before"]["value"], doc["before"]["inputs"]["value"]) == (9, 9)
    assert (new.result["value"], new.result["rating"], new.result["flags"]) == (12, "normal", [])
    with db.read(db.local_actor()) as s:
        row = s.get(Assessment, rec.id)
        assert row is not None
        assert (row.value, row.rating, row.flags, row.inputs["value"]) == (12, "normal", [], 12)
        assert row.result["normal_range"] == [10.0, 15.0]
    assert triage(_latest(db, "Margaret"), age=72, sex="female") == ()


def test_editing_a_hop_changes_the_battery_and_keeps_other_inputs(db_url: str) -> None:
    db = _db(db_url)
    hop = assess.record(
        db,
        me(db),
        aid(db, "Pat"),
        "triple-hop",
        {"left": 500, "right": 600, "involved": "left"},
        taken_on=D,
    )
    assert return_to_sport(_latest(db, "Pat")).failing == ("triple-hop",)  # 83.3 %
    new = assess_edit.edit(db, me(db), hop.id, {"left": 570}).record
    assert new.result["value"] == 95.0 and new.result["inputs"]["involved"] == "left"
    assert new.result["flags"] == [] and return_to_sport(_latest(db, "Pat")).failing == ()


def test_editing_a_rep_max_load_in_lb_and_keeping_the_exercise(db_url: str) -> None:
    db = _db(db_url)
    rm = assess.record(
        db,
        me(db),
        aid(db, "Pat"),
        "rep-max",
        {"load": 225, "reps": 5},
        taken_on=D,
        exercise="back-squat",
    )
    new = assess_edit.edit(db, me(db), rm.id, {"reps": 3}).record
    # 225 lb = 102.058 kg; Epley × (1 + 3/30) = 112.26 kg.
    assert new.result["inputs"]["load"] == pytest.approx(102.058, abs=1e-3)
    assert new.result["value"] == pytest.approx(112.26, abs=0.01)
    assert new.result["exercise_id"] == "back-squat"
    lb = assess_edit.edit(db, me(db), rm.id, {"load": 245}).record  # athlete's unit, lb
    assert lb.result["inputs"]["load"] == pytest.approx(111.13, abs=0.01)


def test_a_confirmed_value_stays_confirmed_while_unchanged(db_url: str) -> None:
    db = _db(db_url)
    rec = assess.record(
        db, me(db), aid(db, "Pat"), "nordic", {"left": 60, "right": 300}, taken_on=D, confirm=True
    )
    new = assess_edit.edit(db, me(db), rec.id, {"right": 320}).record
    assert new.result["value"] == 60 and new.result["inputs"]["right"] == 320
    with pytest.raises(ImplausibleValue):
        assess_edit.edit(db, me(db), rec.id, {"left": 50})


def test_an_edit_into_a_repeat_is_refused(db_url: str) -> None:
    db = _db(db_url)
    assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": 11}, taken_on=D)
    other = assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": 12}, taken_on=D)
    with pytest.raises(Conflict):
        assess_edit.edit(db, me(db), other.id, {"value": 11})
    moved = assess_edit.edit(db, me(db), other.id, {"value": 11}, taken_on=date(2026, 1, 4)).record
    assert moved.taken_on == date(2026, 1, 4)


def test_delete_falls_back_to_the_previous_result(db_url: str) -> None:
    db = _db(db_url)
    assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": 14}, taken_on=date(2026, 1, 1))
    later = assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": 10}, taken_on=D)
    assert triage(_latest(db, "Margaret"), age=72, sex="female") == ()
    gone = assess_edit.delete(db, me(db), later.id)
    assert gone.value == 10 and gone.test == "tug" and gone.taken_on == D
    assert _latest(db, "Margaret")["tug"]["value"] == 14
    assert [f.kind for f in triage(_latest(db, "Margaret"), age=72, sex="female")] == [
        "steadi-test-below-cutoff"
    ]
    with pytest.raises(NotFound):
        assess_edit.delete(db, me(db), later.id)


def test_an_id_of_another_athlete_is_not_found(db_url: str) -> None:
    db = _db(db_url)
    rec = assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": 9}, taken_on=D)
    with pytest.raises(NotFound, match="belongs to Margaret"):
        assess_edit.edit(db, me(db), rec.id, {"value": 10}, athlete_id=aid(db, "Pat"))
    with pytest.raises(NotFound):
        assess_edit.delete(db, me(db), rec.id, athlete_id=aid(db, "Pat"))
    assert _count(db) == 1
