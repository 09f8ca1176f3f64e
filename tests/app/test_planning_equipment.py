"""Equipment when the user names none (issue 8 follow-up): inferred from the exercises the
athlete logged in the 6 months up to their latest session and said so in the warnings; body
weight with a warning when there is no history; never remembered, so a later plan follows the
history."""

from __future__ import annotations

from datetime import date, datetime

from tests.helpers import aid, me

from legday.app import athletes, planning
from legday.app.db import Database, open_database
from legday.domain.catalog import load
from legday.store.models import SetEntry, TrainingSession

TODAY = date(2026, 11, 24)
BASE: dict[str, object] = {"weeks": 4, "start": date(2026, 11, 30), "days": 3, "minutes": 60}


def _db(url: str) -> Database:
    db = open_database(url)
    athletes.add(
        db,
        me(db),
        "Lee",
        athletes.AthleteFields(age_years=31, sex="male", body_mass_kg=84, level="intermediate"),
    )
    return db


def _log(db: Database, when: datetime, *exercises: str) -> None:
    with db.write(db.local_actor()) as s:
        lee = athletes.by_name(s, "Lee")
        t = TrainingSession(athlete_id=lee.id, started_at=when)
        s.add(t)
        s.flush()
        for i, eid in enumerate(exercises, 1):
            s.add(
                SetEntry(
                    session_id=t.id,
                    athlete_id=lee.id,
                    seq=i,
                    exercise_id=eid,
                    exercise_raw=eid,
                    load_kg=100.0,
                    reps=5,
                )
            )


def test_equipment_is_inferred_from_recent_history(db_url: str) -> None:
    db = _db(db_url)
    # back squat: barbell; hip thrust: barbell + bench; leg press: machine (catalog equipment)
    _log(db, datetime(2026, 11, 10, 18), "back-squat", "hip-thrust", "leg-press")
    _log(db, datetime(2026, 4, 1, 18), "sled-push")  # > 6 months before the latest: not counted
    saved = planning.generate(
        db, me(db), aid(db, "Lee"), {**BASE, "goals": ["strength"]}, today=TODAY
    )
    assert saved.plan.profile["equipment"] == ["barbell", "bench", "machine", "none"]
    assert saved.plan.warnings[0] == (
        "equipment inferred from your history: barbell, bench, machine; pass --equipment to change"
    )
    cat = {e.id: e for e in load()}
    ids = {b.exercise_id for w in saved.plan.weeks for s in w.sessions for b in s.blocks}
    used = {e for i in ids if i for e in cat[i].equipment}
    assert "barbell" in used  # the lifter gets barbell lifts, not FIFA 11+ drills
    assert not any(i.startswith("fifa-") for i in ids)
    # Not remembered: the stored profile has no equipment, so the next plan re-infers.
    with db.read(db.local_actor()) as s:
        stored = athletes.by_name(s, "Lee").profile["plan"]
    assert "equipment" not in stored


def test_no_history_falls_back_to_body_weight_with_a_warning(db_url: str) -> None:
    db = _db(db_url)
    saved = planning.generate(
        db, me(db), aid(db, "Lee"), {**BASE, "goals": ["strength"]}, today=TODAY
    )
    assert saved.plan.profile["equipment"] == ["none"]
    assert saved.plan.warnings[0].startswith("no equipment given and no training history")
    assert "--equipment" in saved.plan.warnings[0]


def test_given_equipment_wins_and_nothing_is_inferred(db_url: str) -> None:
    db = _db(db_url)
    _log(db, datetime(2026, 11, 10, 18), "back-squat")
    saved = planning.generate(
        db,
        me(db),
        aid(db, "Lee"),
        {**BASE, "goals": ["strength"], "equipment": "dumbbell"},
        today=TODAY,
    )
    assert saved.plan.profile["equipment"] == ["dumbbell", "none"]
    assert not any("inferred" in w for w in saved.plan.warnings)


def test_an_old_export_still_counts(db_url: str) -> None:
    # A Strong export imported a year after its last workout: the 6 months before that workout
    # say what the lifter trains with.
    db = _db(db_url)
    _log(db, datetime(2025, 9, 1, 18), "trap-bar-deadlift")
    _log(db, datetime(2025, 11, 20, 18), "dumbbell-split-squat")
    saved = planning.generate(
        db, me(db), aid(db, "Lee"), {**BASE, "goals": ["strength"]}, today=TODAY
    )
    assert saved.plan.profile["equipment"] == ["dumbbell", "none", "trap-bar"]
