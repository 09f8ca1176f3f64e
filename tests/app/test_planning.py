"""Plan use-cases on a real database: generate + save, profile persistence, assessments and
history shaping the plan, show/why/check/import/export."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from tests.helpers import aid, me

from legday.app import assess, athletes, planning
from legday.app.db import Database, open_database
from legday.app.plan_checks import PlanBreaksRules
from legday.domain.errors import FileFormatError, InvalidInput, NotFound
from legday.store.models import Plan as PlanRow
from legday.store.models import SetEntry, TrainingSession

TODAY = date(2026, 11, 24)
GYM = "barbell,dumbbell,machine,bench,cable,box,band"


def _db(url: str) -> Database:
    db = open_database(url)
    athletes.add(
        db,
        me(db),
        "Sam",
        athletes.AthleteFields(age_years=29, sex="male", body_mass_kg=82, level="intermediate"),
    )
    athletes.add(
        db,
        me(db),
        "Margaret",
        athletes.AthleteFields(age_years=72, sex="female", body_mass_kg=64, level="beginner"),
    )
    return db


def _gen(db: Database, who: str = "Sam", **flags: object) -> planning.Saved:
    base: dict[str, object] = {"equipment": GYM, "weeks": 6, "start": date(2026, 11, 30)}
    return planning.generate(db, me(db), aid(db, who), {**base, **flags}, today=TODAY)


def test_generate_saves_current_plan_and_remembers_profile(db_url: str) -> None:
    db = _db(db_url)
    first = _gen(db, goals=["strength"], days=3, minutes=60)
    second = _gen(db, minutes=45)  # days and goals now come from the stored profile
    with db.read(db.local_actor()) as s:
        rows = s.query(PlanRow).order_by(PlanRow.id).all()
        assert [r.is_current for r in rows] == [False, True]
        assert rows[1].id == second.plan_id != first.plan_id
        assert rows[1].body["profile"]["days"] == 3 and rows[1].body["profile"]["minutes"] == 45
        assert rows[1].start_date == date(2026, 11, 30) and rows[1].weeks == 6
    stored = athletes.show(db, me(db), aid(db, "Sam")).profile.plan
    assert stored["days"] == 3 and stored["goals"] == {"strength": 1.0}
    assert "start" not in stored


def test_profile_file_layer(db_url: str) -> None:
    db = _db(db_url)
    layer = planning.read_profile(b'[plan]\ngoals = ["hypertrophy"]\ndays = 4\nminutes = 60\n', "p")
    saved = planning.generate(
        db, me(db), aid(db, "Sam"), {"equipment": GYM, "weeks": 5}, layer, today=TODAY
    )
    assert saved.plan.family == "hypertrophy"
    assert all(len(w.sessions) == 4 for w in saved.plan.weeks)
    with pytest.raises(FileFormatError, match=r"bad\.toml"):
        planning.read_profile(b"days = = 3", "bad.toml")
    with pytest.raises(FileFormatError, match=r"\[plan\] is not a table"):
        planning.read_profile(b'plan = "strength"', "p.toml")
    assert planning.read_profile(b"days = 3\nminutes = 40", "flat.toml") == {
        "days": 3,
        "minutes": 40,
    }


def test_assessments_shift_emphasis(db_url: str) -> None:
    db = _db(db_url)
    # Women 70–74: 9 stands is below the STEADI cut-off 10 → fall-risk
    # (docs/evidence/norms.md#steadi-chair-stand)
    assess.record(db, me(db), aid(db, "Margaret"), "chair-stand-30s", {"value": 9}, taken_on=TODAY)
    saved = _gen(
        db,
        "Margaret",
        goals=["strength"],
        days=3,
        minutes=45,
        equipment="chair,ankle-weights,wall",
        weeks=12,
    )
    assert saved.plan.family == "older-adult"
    assert saved.body["extras"]["signals"] == ["chair-stand-30s"]
    functional = [
        b
        for s in saved.plan.weeks[0].sessions
        for b in s.blocks
        if b.why and "chair stand" in b.why
    ]
    assert functional  # extra sit-to-stand work for the below-average chair stand


def test_history_gives_starting_loads(db_url: str) -> None:
    db = _db(db_url)
    with db.write(db.local_actor()) as s:
        sam = athletes.by_name(s, "Sam")
        t = TrainingSession(athlete_id=sam.id, started_at=datetime(2026, 11, 10, 18, 0))
        s.add(t)
        s.flush()
        # Epley: 100 × (1 + 6/30) = 120 kg; a 12-rep set is ignored (> 10 reps)
        s.add(
            SetEntry(
                session_id=t.id,
                athlete_id=sam.id,
                seq=1,
                exercise_id="back-squat",
                exercise_raw="Squat",
                load_kg=100.0,
                reps=6,
            )
        )
        s.add(
            SetEntry(
                session_id=t.id,
                athlete_id=sam.id,
                seq=2,
                exercise_id="back-squat",
                exercise_raw="Squat",
                load_kg=105.0,
                reps=12,
            )
        )
        old = TrainingSession(athlete_id=sam.id, started_at=datetime(2025, 1, 1, 18, 0))
        s.add(old)
        s.flush()
        s.add(
            SetEntry(
                session_id=old.id,
                athlete_id=sam.id,
                seq=1,
                exercise_id="back-squat",
                exercise_raw="Squat",
                load_kg=200.0,
                reps=1,
            )
        )  # too old to count
    with db.read(db.local_actor()) as s:
        assert planning.best_e1rm(s, athletes.by_name(s, "Sam").id, TODAY) == {"back-squat": 120.0}
    saved = _gen(db, goals=["strength", "health"], days=2, minutes=30)
    squat = [
        b
        for s in saved.plan.weeks[0].sessions
        for b in s.blocks
        if b.exercise_id == "back-squat" and b.kind == "strength"
    ]
    # 3 × 5 at RPE 8 → 0.811 × 120 = 97.3 → 95 kg (RTS chart, 2.5-kg steps)
    assert squat and squat[0].load_kg == 95.0


def test_old_sets_still_give_a_starting_load(db_url: str) -> None:
    db = _db(db_url)
    with db.write(db.local_actor()) as s:
        sam = athletes.by_name(s, "Sam")
        old = TrainingSession(athlete_id=sam.id, started_at=datetime(2024, 3, 1, 18, 0))
        s.add(old)
        s.flush()
        s.add(SetEntry(session_id=old.id, athlete_id=sam.id, seq=1, exercise_id="back-squat",
                       exercise_raw="Squat", load_kg=90.0, reps=5))  # fmt: skip
    with db.read(db.local_actor()) as s:
        # Epley 90 × (1 + 5/30) = 105 kg: two years old, and the only squat on record
        assert planning.best_e1rm(s, athletes.by_name(s, "Sam").id, TODAY) == {"back-squat": 105.0}


def test_a_rep_max_test_names_its_exercise_and_sets_loads(db_url: str) -> None:
    db = _db(db_url)
    # 100 kg × 5 on the back squat: Epley 100 × (1 + 5/30) = 116.67 kg
    assess.record(
        db,
        me(db),
        aid(db, "Sam"),
        "rep-max",
        {"load": 100, "reps": 5},
        taken_on=TODAY,
        exercise="back-squat",
    )
    with db.read(db.local_actor()) as s:
        tested = planning.tested_e1rm(assess.rep_maxes(s, athletes.by_name(s, "Sam").id))
    assert tested == {"back-squat": 116.67}
    saved = _gen(db, goals=["strength"], days=2, minutes=45, equipment="barbell,bench")
    squat = [b for w in saved.plan.weeks for s in w.sessions for b in s.blocks
             if b.exercise_id == "back-squat" and b.kind == "strength"]  # fmt: skip
    first = squat[0]
    assert first.intensity_key == "pct_1rm" and first.load_kg is not None
    # the load is the prescribed % of 116.67 kg, rounded down to 2.5 kg
    assert first.load_kg == math.floor(116.67 * float(first.intensity) / 100 / 2.5) * 2.5


def test_show_why_check_and_errors(db_url: str) -> None:
    db = _db(db_url)
    with pytest.raises(NotFound):
        planning.show(db, me(db), aid(db, "Sam")).as_json()
    _gen(db, goals=["strength"], days=3, minutes=60)
    body = planning.show(db, me(db), aid(db, "Sam"), week=2).as_json()
    assert [w["week"] for w in body["weeks"]] == [2]
    with pytest.raises(InvalidInput):
        planning.show(db, me(db), aid(db, "Sam"), week=40).as_json()
    first = body["weeks"][0]["sessions"][0]["blocks"][2]["exercise_id"]
    out = planning.why(db, me(db), aid(db, "Sam"), first)
    assert out.exercise_id == first and out.weeks and out.reasons
    assert out.plan_id == planning.check(db, me(db), aid(db, "Sam")).plan_id
    with pytest.raises(NotFound):
        planning.why(db, me(db), aid(db, "Sam"), "underwater basket weaving")
    result = planning.check(db, me(db), aid(db, "Sam")).as_json()
    assert result["ok"] and result["violations"] == []


def test_edited_plan_is_checked_on_import(db_url: str, tmp_path: Path) -> None:
    db = _db(db_url)
    _gen(db, goals=["strength"], days=3, minutes=60)
    path = tmp_path / "plan.json"
    path.write_bytes(planning.export(db, me(db), aid(db, "Sam"), "json").data)
    doc = json.loads(path.read_text(encoding="utf-8"))
    # The coach moves Wednesday's session to Tuesday and makes its main lift heavy (3 @ 85 %):
    # heavy lower-body work on consecutive days (R6).
    s2 = doc["weeks"][0]["sessions"][1]
    s2["date"] = (date.fromisoformat(s2["date"]) - timedelta(days=1)).isoformat()
    main = next(b for b in s2["blocks"] if b["kind"] == "strength")
    main["intensity"], main["reps"] = {"pct_1rm": 85.0}, 3
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = planning.check(db, me(db), aid(db, "Sam")).plan_id
    with pytest.raises(PlanBreaksRules) as refused:  # issue 13: refused, nothing stored
        planning.import_plan(db, me(db), aid(db, "Sam"), path.read_bytes(), str(path))
    assert "R6" in {r.rule for r in refused.value.rows}
    assert planning.check(db, me(db), aid(db, "Sam")).plan_id == before
    result = planning.import_plan(
        db, me(db), aid(db, "Sam"), path.read_bytes(), str(path), force=True
    )
    assert not result.ok and {v.rule for v in result.violations} >= {"R6"}
    assert result.forced and "R6" in {r.rule for r in result.violations_by_rule}
    assert planning.check(db, me(db), aid(db, "Sam")).plan_id == result.plan_id
    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(Exception) as e:
        planning.import_plan(
            db, me(db), aid(db, "Sam"), (tmp_path / "junk.json").read_bytes(), "junk.json"
        )
    assert "junk.json" in str(e.value)


def test_export_formats(db_url: str, tmp_path: Path) -> None:
    db = _db(db_url)
    saved = _gen(db, goals=["strength"], days=3, minutes=60)
    html = tmp_path / "p.html"
    html.write_bytes(planning.export(db, me(db), aid(db, "Sam"), "html").data)
    text = html.read_text(encoding="utf-8")
    assert "Week 6" in text and "ACSM09" in text
    with pytest.raises(InvalidInput):
        planning.export(db, me(db), aid(db, "Sam"), "docx")
    ics = tmp_path / "p.ics"
    result = planning.export(db, me(db), aid(db, "Sam"), "ics")
    ics.write_bytes(result.data)
    assert result.sessions == sum(len(w.sessions) for w in saved.plan.weeks) == 18


def test_exports_show_loads_in_the_athletes_unit(db_url: str, tmp_path: Path) -> None:
    db = _db(db_url)
    athletes.edit(db, me(db), aid(db, "Sam"), athletes.AthleteFields(unit="lb"))
    with db.write(db.local_actor()) as s:
        sam = athletes.by_name(s, "Sam")
        t = TrainingSession(athlete_id=sam.id, started_at=datetime(2026, 11, 10, 18, 0))
        s.add(t)
        s.flush()
        s.add(SetEntry(session_id=t.id, athlete_id=sam.id, seq=1, exercise_id="back-squat",
                       exercise_raw="Squat", load_kg=100.0, reps=6))  # fmt: skip
    _gen(db, goals=["strength", "health"], days=2, minutes=30)
    # 95 kg start (see test_history_gives_starting_loads) = 95 / 0.45359237 = 209.4 lb
    ics = tmp_path / "p.ics"
    ics.write_bytes(planning.export(db, me(db), aid(db, "Sam"), "ics").data)
    assert "start 209.4 lb" in ics.read_bytes().decode("utf-8").replace("\r\n ", "")
    html = tmp_path / "p.html"
    html.write_bytes(planning.export(db, me(db), aid(db, "Sam"), "html").data)
    assert "start 209.4 lb" in html.read_text(encoding="utf-8")
    with db.read(db.local_actor()) as s:
        body = s.query(PlanRow).one().body
    blocks = [b for w in body["weeks"] for x in w["sessions"] for b in x["blocks"]]
    loads = [b["load_kg"] for b in blocks if "load_kg" in b and b["kind"] != "warmup"]
    assert loads == [95.0]  # stored in kg, once: the starting load
    ramp = [b["load_kg"] for b in blocks if "load_kg" in b and b["kind"] == "warmup"]
    # the ramp to it: 40 / 60 / 80 % of 95 kg rounded down to 2.5 kg (as `calc warmup`)
    assert ramp == [37.5, 55.0, 75.0]
