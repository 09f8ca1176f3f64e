"""Assessment use-cases on a real database: record, latest results, history, load units."""

from __future__ import annotations

from datetime import date

import pytest
from tests.helpers import aid, me

from legday.app import assess, assess_explain, athletes
from legday.app.db import open_database
from legday.domain.errors import InvalidInput, NotFound
from legday.store.models import Assessment


def _db(url: str):  # type: ignore[no-untyped-def]
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


def test_record_takes_age_and_sex_from_the_athlete(db_url: str) -> None:
    db = _db(db_url)
    rec = assess.record(
        db, me(db), aid(db, "Margaret"), "chair-stand-30s", {"value": 9}, taken_on=date(2026, 1, 5)
    )
    # Women 70–74: normal 10–15, STEADI below average under 10
    # (docs/evidence/norms.md#30-second-chair-stand and docs/evidence/norms.md#steadi-chair-stand).
    assert rec.result["rating"] == "below"
    assert rec.result["flags"] == ["fall-risk"]
    assert rec.result["inputs"]["age"] == 72 and rec.result["inputs"]["sex"] == "female"
    with db.read(db.local_actor()) as s:
        row = s.query(Assessment).one()
        assert (row.test_id, row.taken_on, row.value, row.unit, row.rating) == (
            "chair-stand-30s",
            date(2026, 1, 5),
            9.0,
            "stands",
            "below",
        )
        assert row.flags == ["fall-risk"] and row.result["normal_range"] == [10.0, 15.0]


def test_given_values_override_the_athlete(db_url: str) -> None:
    db = _db(db_url)
    rec = assess.record(
        db, me(db), aid(db, "Margaret"), "chair-stand-30s", {"value": 13}, age=66, sex="male"
    )
    assert rec.result["normal_range"] == [12.0, 18.0]  # men 65–69


def test_lb_athlete_load_is_stored_in_kg(db_url: str) -> None:
    db = _db(db_url)
    rec = assess.record(
        db, me(db), aid(db, "Pat"), "rep-max", {"load": 225, "reps": 1}, exercise="back-squat"
    )
    assert rec.result["inputs"]["load"] == pytest.approx(102.058, abs=1e-3)  # 225 × 0.45359237
    assert rec.result["value"] == pytest.approx(102.06, abs=0.01)
    assert rec.result["derived"]["ratio_to_body_mass"] == pytest.approx(1.28)  # 102.06 / 80


def test_a_bad_input_stores_nothing(db_url: str) -> None:
    db = _db(db_url)
    with pytest.raises(InvalidInput):
        assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": -3})
    with pytest.raises(NotFound):
        assess.record(db, me(db), aid(db, "Nobody"), "tug", {"value": 10})
    with pytest.raises(InvalidInput, match="future"):
        assess.record(
            db, me(db), aid(db, "Margaret"), "tug", {"value": 10}, taken_on=date(2999, 1, 1)
        )
    with db.read(db.local_actor()) as s:
        assert s.query(Assessment).count() == 0


def test_latest_results_and_history_trend(db_url: str) -> None:
    db = _db(db_url)
    for day, secs in ((date(2026, 1, 1), 14.2), (date(2026, 3, 1), 11.5), (date(2026, 2, 1), 13.0)):
        assess.record(db, me(db), aid(db, "Margaret"), "tug", {"value": secs}, taken_on=day)
    assess.record(
        db, me(db), aid(db, "Margaret"), "chair-stand-30s", {"value": 9}, taken_on=date(2026, 1, 1)
    )
    with db.read(db.local_actor()) as s:
        a = athletes.by_name(s, "Margaret")
        latest = assess.latest_results(s, a.id)
    assert set(latest) == {"tug", "chair-stand-30s"}
    assert latest["tug"]["value"] == 11.5 and latest["tug"]["flags"] == []
    assert latest["tug"]["taken_on"] == "2026-03-01"
    hist = assess.history(db, me(db), aid(db, "Margaret"), "tug")
    (tug,) = hist.tests
    assert [e.value for e in tug.entries] == [14.2, 13.0, 11.5]  # by date
    assert tug.trend == "improving"  # lower is better for the TUG
    assert tug.change == pytest.approx(-2.7)
    assert [e.flags for e in tug.entries] == [["fall-risk"], ["fall-risk"], []]
    assert hist.as_json()["tests"][0]["entries"][2]["taken_on"] == "2026-03-01"
    assert len(assess.history(db, me(db), aid(db, "Margaret")).tests) == 2
    assert assess.history(db, me(db), aid(db, "Pat")).tests == []


def test_explain_marks_unverified_cells() -> None:
    doc = assess_explain.explain("up-and-go-8ft").as_json()
    assert doc["tables"][0]["verified"] is False
    assert any("DISPUTED" in n for n in doc["notes"])
    assert assess_explain.explain("chair-stand-30s").tables[0].verified is True
    # 12 + STEADI screen, 3 hop tests, quadriceps LSI, the readiness check-in
    assert len(assess_explain.list_tests()) == 18


def test_rep_maxes_latest_per_exercise(db_url: str) -> None:
    db = _db(db_url)
    for ex, load, day in (
        ("back-squat", 100, 1),
        ("back-squat", 110, 9),
        ("conventional-deadlift", 140, 5),
    ):
        assess.record(
            db,
            me(db),
            aid(db, "Margaret"),
            "rep-max",
            {"load-kg": load, "reps": 3},
            taken_on=date(2026, 2, day),
            exercise=ex,
        )
    with db.read(db.local_actor()) as s:
        a = athletes.by_name(s, "Margaret")
        got = assess.rep_maxes(s, a.id)
    # Epley: 110 × 1.1 = 121; 140 × 1.1 = 154.
    assert {k: (v["value"], v["taken_on"]) for k, v in got.items()} == {
        "back-squat": (121.0, "2026-02-09"),
        "conventional-deadlift": (154.0, "2026-02-05"),
    }


def test_score_names_the_exercise_of_a_rep_max_in_its_document() -> None:
    # 225 lb × 5: 102.058 kg; Epley e1RM = 102.058 × (1 + 5/30) = 119.07 kg.
    scored = assess.score("rep-max", {"load": 225, "reps": 5}, load_unit="lb", exercise="Squat")
    assert scored.exercise_id == "back-squat" and scored.score.value == pytest.approx(119.07, 0.01)
    doc = scored.as_json()
    assert (doc["exercise_id"], doc["inputs"]["exercise"]) == ("back-squat", "back-squat")
    assert doc["derived"]["exercise"] == scored.exercise_name
    assert "exercise" not in scored.score.inputs  # the document is a copy; the score unchanged
    plain = assess.score("chair-stand-30s", {"value": 9}, age=72, sex="female").as_json()
    assert "exercise_id" not in plain and plain["rating"] == "below"
