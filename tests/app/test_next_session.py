"""`legday next` use-cases: from history, from the current plan, settings; loads checked by hand."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from tests.helpers import aid, me

from legday.app import athletes, next_session, progression_settings, training
from legday.app.db import open_database
from legday.domain.errors import InvalidInput, NotFound
from legday.store.models import Athlete, Plan, TrainingSession

NOW = datetime(2026, 3, 1, 12, 0)


def _db(url: str, level: str = "beginner", unit: str = "kg"):
    db = open_database(url)
    athletes.add(db, me(db), "Ann", athletes.AthleteFields(level=level, unit=unit))
    return db


def _log(db, text: str, day: int) -> None:
    training.log_session(db, me(db), aid(db, "Ann"), text, day=date(2026, 2, day), now=NOW)


def _ex(doc: dict[str, Any], ex_id: str) -> dict[str, Any]:
    return next(e for e in doc["exercises"] if e["exercise_id"] == ex_id)


def test_from_history_each_rule_and_plates(db_url: str) -> None:
    db = _db(db_url)
    _log(db, "back-squat 100x5x3; leg-extension 30x12x3", 2)
    _log(db, "back-squat 102.5x5,5,4; leg-extension 32.5x12,11,10", 4)
    doc = next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 6)).as_json()
    assert doc["source"] == "history"
    sq = _ex(doc, "back-squat")
    assert sq["rule"] == "linear"  # novice, barbell, sets of 5
    assert [s["load_kg"] for s in sq["sets"]] == [102.5] * 3  # a failed set: repeat
    assert sq["sets"][0]["plates_per_side"] == [25.0, 15.0, 1.25]  # 20 + 2 × 41.25
    assert sq["rest_s"] == 180
    ext = _ex(doc, "leg-extension")
    assert ext["rule"] == "double"
    # 12, 11, 10 at 32.5 → lowest set +1: targets 12, 11, 11
    assert [(s["load_kg"], s["reps"]) for s in ext["sets"]] == [(32.5, 12), (32.5, 11), (32.5, 11)]
    assert ext["sets"][0]["plates_per_side"] is None  # a machine: no plates


def test_double_progression_on_a_machine_rounds_up_to_the_stack(db_url: str) -> None:
    db = _db(db_url)
    _log(db, "leg-extension 30x12x3", 2)
    ext = _ex(
        next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 4)).as_json(),
        "leg-extension",
    )
    # isolation +1 kg; the stack moves in 2.5 kg, so the next loadable weight is 32.5
    assert [(s["load_kg"], s["reps"]) for s in ext["sets"]] == [(32.5, 8)] * 3
    assert ext["why"].startswith("+2.5 kg: all 3 sets reached 12")


def test_alternating_sessions_pick_the_other_one(db_url: str) -> None:
    db = _db(db_url)
    _log(db, "back-squat 100x5x3", 2)
    _log(db, "romanian-deadlift 60x10x3", 4)
    doc = next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 6)).as_json()
    assert [e["exercise_id"] for e in doc["exercises"]] == ["back-squat"]
    assert doc["exercises"][0]["sets"][0]["load_kg"] == 102.5


def test_pounds_are_shown_in_pounds(db_url: str) -> None:
    db = _db(db_url, unit="lb")
    _log(db, "back-squat 225x5x3", 2)
    sq = _ex(
        next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 4)).as_json(),
        "back-squat",
    )
    # +5 lb (the pound increment) → 230 lb on a 45 lb bar + 2.5 lb plates
    assert sq["sets"][0]["load"] == pytest.approx(230.0, abs=0.01)
    assert sq["sets"][0]["plates_per_side"] == [45.0, 45.0, 2.5]  # 45 + 2 × 92.5
    assert "lb" in sq["why"]


def test_settings_change_the_progression(db_url: str) -> None:
    db = _db(db_url)
    _log(db, "back-squat 100x5x3", 2)
    shown = progression_settings.change_rules(db, me(db), aid(db, "Ann"), ["linear.increment_kg=5"])
    row = next(r for r in shown.settings if r["key"] == "linear.increment_kg")
    assert row["value"] == 5.0 and row["changed"] and row["default"] == 2.5
    sq = _ex(
        next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 4)).as_json(),
        "back-squat",
    )
    assert sq["sets"][0]["load_kg"] == 105.0
    progression_settings.change_rules(db, me(db), aid(db, "Ann"), ["back-squat:rule=double"])
    sq = _ex(
        next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 4)).as_json(),
        "back-squat",
    )
    assert sq["rule"] == "double"
    after = progression_settings.change_rules(
        db, me(db), aid(db, "Ann"), ["linear.increment_kg=default"]
    )
    assert not next(r for r in after.settings if r["key"] == "linear.increment_kg")["changed"]
    with pytest.raises(InvalidInput, match="unknown progression setting"):
        progression_settings.change_rules(db, me(db), aid(db, "Ann"), ["linear.incremnt_kg=5"])
    with pytest.raises(InvalidInput, match="out of range"):
        progression_settings.change_rules(db, me(db), aid(db, "Ann"), ["linear.fail_limit=0"])
    with pytest.raises(NotFound, match="no exercise"):
        progression_settings.change_rules(db, me(db), aid(db, "Ann"), ["back-squatt:rule=double"])


def _plan_body() -> dict[str, Any]:
    def block(ex: str, **kw: Any) -> dict[str, Any]:
        return {"kind": "strength", "exercise_id": ex, "rest_s": 150, **kw}

    return {
        "athlete": "Ann",
        "family": "test",
        "weeks": [
            {
                "week": 1,
                "deload": False,
                "sessions": [
                    {"day": 1, "date": "2026-02-02", "focus": "A", "blocks": [
                        block("back-squat", sets=3, reps=5, intensity={"rpe": 8}),
                        block("single-leg-stance", kind="balance", sets=2, seconds=30,
                              intensity={"level": 2}),
                    ]},
                    {"day": 4, "date": "2026-02-05", "focus": "B", "blocks": [
                        block("back-squat", sets=3, reps=5, intensity={"pct_1rm": 80}),
                        block("leg-extension", sets=2, reps=10, rep_range=[10, 15],
                              intensity={"rir": 2}, progression="double"),
                    ]},
                ],
            },
            {
                "week": 2,
                "deload": True,
                "sessions": [
                    {"day": 1, "date": "2026-02-09", "focus": "A", "blocks": [
                        block("back-squat", sets=2, reps=5, intensity={"rpe": 7}),
                    ]},
                ],
            },
        ],
    }  # fmt: skip


def _store_plan(url: str) -> int:
    from legday.app.db import open_database

    db = open_database(url)
    with db.write(db.local_actor()) as s:
        a = athletes.by_name(s, "Ann")
        p = Plan(athlete_id=a.id, is_current=True, family="test", body=_plan_body(), weeks=2)
        s.add(p)
        s.flush()
        return p.id


def _mark_done(url: str, plan_id: int, week: int, day: int) -> None:
    db = open_database(url)
    with db.write(db.local_actor()) as s:
        a = s.query(Athlete).one()
        ref = {"plan_id": plan_id, "week": week, "day": day}
        s.add(TrainingSession(athlete_id=a.id, started_at=NOW, status="closed", plan_ref=ref))


def test_from_the_plan_first_session_not_done(db_url: str) -> None:
    db = _db(db_url)
    _log(db, "back-squat 100x5x3 @8", 1)  # the day before the plan starts
    plan_id = _store_plan(db_url)
    doc = next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 4)).as_json()
    assert doc["source"] == "plan" and doc["plan_ref"] == {"plan_id": plan_id, "week": 1, "day": 1}
    sq = _ex(doc, "back-squat")
    assert sq["rule"] == "rpe" and sq["rest_s"] == 150
    assert [s["load_kg"] for s in sq["sets"]] == [100.0] * 3  # 5 @ 8 again: same load
    stance = _ex(doc, "single-leg-stance")
    assert stance["rule"] == "holds" and [s["seconds"] for s in stance["sets"]] == [30.0, 30.0]
    assert stance["sets"][0]["level"] == 2

    _mark_done(db_url, plan_id, 1, 1)
    doc = next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 5)).as_json()
    assert doc["plan_ref"]["day"] == 4
    sq = _ex(doc, "back-squat")
    # 80 % of e1RM; e1RM = 100 / 0.811 (5 @ 8) = 123.30 → 98.64 → 97.5 on the bar
    assert sq["rule"] == "percent" and sq["sets"][0]["load_kg"] == 97.5
    ext = _ex(doc, "leg-extension")
    assert ext["rule"] == "double" and [s["reps"] for s in ext["sets"]] == [10, 10]

    _mark_done(db_url, plan_id, 1, 4)
    doc = next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 9)).as_json()
    assert doc["deload_week"] is True
    sq = _ex(doc, "back-squat")
    # plan's deload already has 2 sets @7; the RPE rule then gives 5 @ 7: 123.30 × 0.786 =
    # 96.9 → 95, and the deload load cut × 0.9 = 85.5 → 85
    assert [s["load_kg"] for s in sq["sets"]] == [85.0, 85.0] and sq["deload"]


def test_open_sessions_do_not_count_and_no_history_says_so(db_url: str) -> None:
    db = _db(db_url)
    doc = next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 4)).as_json()
    assert doc["source"] == "none" and doc["exercises"] == []
    _log(db, "back-squat 100x5x3", 2)
    with db.write(db.local_actor()) as s:
        s.query(TrainingSession).update({"status": "open"})
    assert (
        next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 4)).as_json()["source"]
        == "none"
    )


def test_warm_ups_do_not_drive_progression(db_url: str) -> None:
    db = _db(db_url)
    _log(db, "back-squat w60x5 100x5x3", 2)
    sq = _ex(
        next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 4)).as_json(),
        "back-squat",
    )
    assert [s["load_kg"] for s in sq["sets"]] == [102.5] * 3


def test_a_plan_session_logged_on_its_day_counts_as_done(db_url: str) -> None:
    db = _db(db_url)
    plan_id = _store_plan(db_url)
    _log(db, "back-squat 100x5x3 @8", 2)  # plan week 1 day 1 is 2026-02-02 and has squats
    doc = next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 4)).as_json()
    assert doc["plan_ref"] == {"plan_id": plan_id, "week": 1, "day": 4}
    _log(db, "romanian-deadlift 60x10x3", 5)  # on day 4's date, but none of its exercises
    doc = next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 6)).as_json()
    assert doc["plan_ref"]["day"] == 4


def test_demo_train_step_without_a_plan(tmp_path) -> None:
    import json

    from legday.demo import DemoContext, athletes_step, train_step

    db = open_database(f"sqlite:///{tmp_path / 'demo.db'}")
    ctx = DemoContext(db=db, out=tmp_path, today=date(2026, 3, 2))
    athletes_step.run(ctx)
    train_step.run(ctx)
    doc = json.loads((tmp_path / "train_progression.json").read_text())
    assert not doc["plan_based"] and len(doc["sessions"]) == 12
    squat = [r["dose"] for r in doc["exercises"]["back-squat"]]
    # seeded at 40 × 5 × 3 → +2.5 kg per successful A session (six A sessions in four weeks)
    assert squat[:4] == ["42.5 kg×5", "45 kg×5", "47.5 kg×5", "50 kg×5"]
    assert any(line.startswith("Train: Jordan Hooper trained 12 sessions") for line in ctx.summary)
    nxt = next_session.next_session(
        db, me(db), aid(db, "Jordan Hooper"), date(2026, 3, 2)
    ).as_json()
    assert nxt["source"] == "history" and nxt["open_session"] is None


def test_a_finished_plan_falls_back_to_history(db_url: str) -> None:
    db = _db(db_url)
    _log(db, "back-squat 100x5x3", 1)
    plan_id = _store_plan(db_url)
    for week, day in ((1, 1), (1, 4), (2, 1)):
        _mark_done(db_url, plan_id, week, day)
    doc = next_session.next_session(db, me(db), aid(db, "Ann"), date(2026, 2, 12)).as_json()
    assert doc["source"] == "history" and doc["title"].startswith("every session of the current")
    assert _ex(doc, "back-squat")["sets"][0]["load_kg"] == 102.5
