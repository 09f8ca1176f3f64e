"""`legday next` reading generated plans (issue 8 follow-up): warm-up routine blocks are named in
the title, not prescribed as exercises; sprints come out as repeats of their distance."""

from __future__ import annotations

from datetime import date

from tests.helpers import aid, me

from legday.app import athletes, next_session, planning
from legday.app.db import open_database

TODAY = date(2026, 11, 24)


def test_routines_and_sprints_reach_next(db_url: str) -> None:
    db = open_database(db_url)
    athletes.add(
        db,
        me(db),
        "Jo",
        athletes.AthleteFields(age_years=20, sex="female", body_mass_kg=62, level="intermediate"),
    )
    flags = {
        "goals": ["power"],
        "sport": "basketball",
        "days": 3,
        "minutes": 75,
        "equipment": "barbell,dumbbell,bench,box",
        "weeks": 4,
        "start": date(2026, 11, 30),
    }
    saved = planning.generate(db, me(db), aid(db, "Jo"), flags, today=TODAY)
    first = saved.plan.weeks[0].sessions[0]
    assert first.blocks[0].routine == "ramp"
    sprint = next(b for b in first.blocks if b.distance_m is not None)
    doc = next_session.next_session(db, me(db), aid(db, "Jo"), TODAY).as_json()
    assert doc["source"] == "plan" and "warm-up: RAMP warm-up" in doc["title"]
    ids = [x["exercise_id"] for x in doc["exercises"]]
    assert "" not in ids and len(ids) == len(first.blocks) - 1  # every block but the routine
    run = next(x for x in doc["exercises"] if x["exercise_id"] == sprint.exercise_id)
    assert run["rule"] == "repeat" and len(run["sets"]) == sprint.sets
    assert all(s["reps"] == 1 and s["contacts"] is None for s in run["sets"])
    assert f"{sprint.distance_m} m per run" in run["notes"]
