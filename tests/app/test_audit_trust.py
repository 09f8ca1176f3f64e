"""Issue 13 item 8: the neglect audit fits the person — goals and plan decide what is audited,
mostly-leg training is not "neglect", jumps and sprints are not quad hard sets, walking is not a
strengthening day nor a plan session, and unknown names are listed with the share with and
without them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.helpers import aid, import_file, me

from legday.app import analytics, athletes, training
from legday.app.athletes import AthleteFields
from legday.app.db import Database, open_database
from legday.domain.track import neglect

MONDAY = date(2026, 1, 5)


def _input(**kw: object) -> neglect.AuditInput:
    base: dict[str, object] = dict(
        training_weeks=["2026-W02", "2026-W03"],
        lower_sets=[12.0, 12.0],
        all_sets=[14.0, 14.0],
        lower_tonnage=1.0,
        all_tonnage=1.2,
        pattern_weeks={"squat": 2, "balance": 2, "calf": 2, "knee-flexion": 2},
        muscle_sets={"quadriceps": [12.0, 12.0], "hamstrings": [10.0, 11.0]},
        lower_days_per_week=3.0,
        balance_days_per_week=3.0,
        age=75,
    )
    base.update(kw)
    return neglect.AuditInput(**base)  # type: ignore[arg-type]


def test_an_older_adult_is_not_audited_for_jumps() -> None:
    a = neglect.audit(_input())
    assert "plyometric" not in a.never_patterns and "plyometric" not in a.audited_patterns
    young = neglect.audit(_input(age=30))
    assert "plyometric" in young.never_patterns  # no goals known: jumps are audited
    strength_only = neglect.audit(_input(age=30, goals=("strength", "hypertrophy")))
    assert "plyometric" not in strength_only.never_patterns
    power = neglect.audit(_input(age=30, goals=("power:2",)))
    assert "plyometric" in power.never_patterns


def test_a_plan_decides_what_is_audited() -> None:
    # an Otago-style plan: strength (squat, calf, knee flexion) and balance, nothing else
    otago = frozenset({"squat", "calf", "knee-flexion", "balance", "hip-abduction"})
    a = neglect.audit(_input(age=75, plan_patterns=otago))
    assert set(a.audited_patterns) == {"squat", "calf", "knee-flexion", "balance", "hip-abduction"}
    assert a.never_patterns == ["hip-abduction"]  # in the plan, never trained
    assert "hinge" not in a.missing_patterns and "plyometric" not in a.missing_patterns


def test_unknown_names_are_listed_and_the_share_shown_without_them() -> None:
    # 10 leg sets, 10 sets of an unmatched "ATG-style" name, nothing else
    a = neglect.audit(
        _input(
            age=30,
            lower_sets=[5.0, 5.0],
            all_sets=[10.0, 10.0],
            unknown_sets={"Deep Pause Thingy Squat": 8, "Zottman Curl": 2},
        )
    )
    assert a.unknown_names == [
        {"name": "Deep Pause Thingy Squat", "sets": 8},
        {"name": "Zottman Curl", "sets": 2},
    ]
    assert a.lower_set_share == 0.5 and a.lower_set_share_known == 1.0
    assert any("Deep Pause Thingy Squat (8)" in r and "100%" in r for r in a.reasons)


def _db(url: str) -> Database:
    db = open_database(url)
    athletes.add(db, me(db), "Jo", AthleteFields(age_years=30))
    return db


def test_jumps_and_sprints_are_not_quad_hard_sets(db_url: str) -> None:
    db = _db(db_url)
    training.log_session(
        db,
        me(db),
        aid(db, "Jo"),
        "box-jump 5x5; acceleration-sprint 4x1; back-squat 100x5x3",
        day=MONDAY,
    )
    week = analytics.analyze(db, me(db), aid(db, "Jo")).as_json()["weeks"][0]
    # three squat sets only: the box jumps and sprints add nothing to the quads' hard sets
    assert week["sets_by_muscle"]["quadriceps"] == 3.0
    assert week["sets_by_pattern"]["plyometric"] == 5.0  # still counted as work done


def test_walking_is_not_a_strengthening_day_nor_a_plan_session(db_url: str) -> None:
    db = _db(db_url)
    for k in (0, 2, 4):
        training.log_session(
            db,
            me(db),
            aid(db, "Jo"),
            "walking 1x3000m",
            day=MONDAY + timedelta(days=k),
            minutes=40,
            session_rpe=3,
        )
    training.log_session(
        db, me(db), aid(db, "Jo"), "back-squat 100x5x3", day=MONDAY + timedelta(days=5)
    )
    doc = analytics.analyze(db, me(db), aid(db, "Jo")).as_json()
    (week,) = doc["guidelines"]["weeks"]
    assert week["training_days"] == 4 and week["strength_days"] == 1
    from legday.domain.track.guidelines import exercise_days
    from legday.domain.weeks import day_number

    with db.read(db.local_actor()) as s:
        a = athletes.by_name(s, "Jo")
        cols, sessions, table = analytics.load_columns(s, [a.id])
    days = exercise_days(cols, table, sessions.day.tolist())
    assert days == [day_number(MONDAY + timedelta(days=5))]


def test_analyze_lists_unmatched_names_from_an_import(db_url: str, tmp_path: Path) -> None:
    db = _db(db_url)
    csv = tmp_path / "strong.csv"
    rows = [
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE"
    ]
    for k in range(3):
        rows.append(f'2026-01-0{5 + k} 18:00:00,"A",1h,"Bench Press (Barbell)",1,60,8,0,0,"","",')
        rows.append(f'2026-01-0{5 + k} 18:00:00,"A",1h,"Practice Squat",1,60,8,0,0,"","",')
        rows.append(f'2026-01-0{5 + k} 18:00:00,"A",1h,"Practice Squat",2,60,8,0,0,"","",')
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_file(db, csv, "Jo", unit="kg")
    n = analytics.analyze(db, me(db), aid(db, "Jo")).as_json()["neglect"]
    assert n["unknown_exercises"] == [{"name": "Practice Squat", "sets": 6}]
    assert n["lower_set_share"] == 0.0 and n["lower_set_share_without_unknown"] == 0.0
    assert "Practice Squat (6)" in n["verdict"]
