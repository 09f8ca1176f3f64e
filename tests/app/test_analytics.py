"""`analytics.analyze` on a hand-worked three-week history (values worked out in the comments),
`club_view` and `analyze_all`, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import statistics
from datetime import date, datetime

import pytest
from tests.domain.track.gen import FACTS
from tests.helpers import aid, me

from legday.app import aggregates, analytics
from legday.app.db import Database, open_database
from legday.domain.track import facts
from legday.store.models import Athlete, SetEntry, TrainingSession

# (started_at, timezone, [(exercise, load, reps, rpe, set_type)])
HISTORY = [
    (datetime(2024, 1, 1, 18), None,  # Mon, 2024-W01
     [("bench-press", 100.0, 5, 8.0, "working")] * 3
     + [("back-squat", 60.0, 5, None, "warmup"), ("back-squat", 100.0, 5, None, "working"),
        ("back-squat", 100.0, 5, None, "working")]),
    (datetime(2024, 1, 3, 18), None, [("bench-press", 100.0, 5, None, "working")] * 3),  # Wed
    (datetime(2024, 1, 9, 7), None, [("bench-press", 80.0, 8, None, "working")] * 4),  # W02
    (datetime(2024, 1, 15, 18), None,  # Mon, 2024-W03
     [("back-squat", 110.0, 3, 9.0, "working")] * 3
     + [("romanian-deadlift", 100.0, 8, 6.0, "working")] * 3),
    # Sunday 23:30 in New York: stored as local wall time, it stays on Sunday (W03).
    (datetime(2024, 1, 21, 23, 30), "America/New_York",
     [("calf-raise", None, 15, None, "working")] * 2),
]  # fmt: skip


@pytest.fixture(autouse=True)
def _facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed catalog for these tests (the shipped one grows independently)."""
    monkeypatch.setattr(facts, "_cached", FACTS)


def seed(db: Database, name: str = "Sam", unit: str = "kg") -> None:
    with db.write(db.local_actor()) as s:
        a = Athlete(name=name, profile={}, limitations=[], age_years=30, sex="male",
                    body_mass_kg=80.0, level="intermediate", unit=unit)  # fmt: skip
        s.add(a)
        s.flush()
        for started, tz, sets in HISTORY:
            t = TrainingSession(athlete_id=a.id, started_at=started, timezone=tz,
                                duration_s=3600, session_rpe=7.0, warnings=[])  # fmt: skip
            s.add(t)
            s.flush()
            for i, (ex, load, reps, rpe, kind) in enumerate(sets):
                s.add(SetEntry(session_id=t.id, athlete_id=a.id, seq=i, exercise_id=ex,
                               exercise_raw=ex, load_kg=load, reps=reps, rpe=rpe, set_type=kind,
                               load_basis="external" if load else "bodyweight"))  # fmt: skip
        s.flush()
        aggregates.rebuild(s, a.id)


def test_hand_worked_history(db_url: str) -> None:
    db = open_database(db_url)
    seed(db)
    r = analytics.analyze(db, me(db), aid(db, "Sam")).as_json()
    assert [w["week"] for w in r["weeks"]] == ["2024-W01", "2024-W02", "2024-W03"]
    w1, w2, w3 = r["weeks"]
    # W01: 6 bench + 2 squat working sets (the warm-up excluded); bench hard (RPE 8, no RPE).
    assert (w1["working_sets"], w1["lower_sets"], w1["lower_set_share"]) == (8, 2, 0.25)
    assert w1["sets_by_muscle"] == {
        "pectorals": 6.0,
        "triceps": 3.0,
        "anterior-deltoid": 3.0,
        "quadriceps": 2.0,
        "gluteus-maximus": 2.0,
        "adductors": 1.0,
    }
    assert w1["tonnage_by_region"] == {"upper": 3000.0, "lower": 1000.0}
    assert w2["lower_set_share"] == 0.0
    # W03: RDL at RPE 6 is a working set, not a hard one; the Sunday calf raises count.
    assert w3["sets_by_pattern"] == {"squat": 3.0, "hinge": 3.0, "calf": 2.0}
    assert "hamstrings" not in w3["sets_by_muscle"]
    assert w3["sets_by_muscle"]["quadriceps"] == 3.0

    n = r["neglect"]
    assert n["lower_set_share"] == pytest.approx(10 / 20)
    # lower tonnage 1000 + 990 + 2400; all 3000 + 1000 + 2560 + 990 + 2400.
    assert n["lower_tonnage_share"] == pytest.approx(4390 / 9950)
    assert n["weeks_without_legs"] == ["2024-W02"]
    assert set(n["never_trained_patterns"]) == {
        "lunge-or-single-leg", "knee-flexion", "hip-adduction", "hip-abduction", "balance",
        "plyometric",
    }  # fmt: skip
    assert n["rarely_trained_patterns"] == []  # hinge and calf: 1 of 3 weeks ≥ 1 in 4
    # quads (2 + 0 + 3) / 3 = 1.67 hard sets/week < 6 (RP maintenance) → neglected.
    assert n["verdict_level"] == "neglected"
    assert n["verdict"].startswith("You have neglected your legs: 50% of working sets")
    # The fix as values (each shell words it; the CLI's command line: tests/cli/test_words.py).
    assert n["fix"] == {
        "goals": ["strength:2", "hypertrophy", "injury-prevention"], "days": 2, "minutes": 30
    }  # fmt: skip

    # Epley: 100 × (1 + 5/30) = 116.67; 110 × (1 + 3/30) = 121.0 → a PR in W03.
    e1 = pytest.approx(116.6666667)
    assert r["e1rm"]["back-squat"] == [
        {"week": "2024-W01", "e1rm": e1, "e1rm_kg": e1},
        {"week": "2024-W03", "e1rm": pytest.approx(121.0), "e1rm_kg": pytest.approx(121.0)},
    ]
    assert [(p["exercise_id"], p["week"]) for p in r["strength"]["prs"]] == [
        ("back-squat", "2024-W03")
    ]
    assert r["strength"]["relative_strength"]["back-squat"] == pytest.approx(121.0 / 80)

    load = r["load"]
    assert load[0]["date"] == "2024-01-01" and load[-1]["date"] == "2024-01-21"
    assert len(load) == 21
    assert sum(d["load"] for d in load) == pytest.approx(5 * 7 * 60)
    assert all(d["acwr_rolling"] is None and d["acwr_ewma"] is None for d in load)  # < 28 days
    week1 = [420.0, 0, 420.0, 0, 0, 0, 0]
    mono = statistics.mean(week1) / statistics.stdev(week1)
    assert load[0]["monotony"] == pytest.approx(mono)
    assert load[6]["strain"] == pytest.approx(840 * mono)
    # W02 is [0, 420, 0, 0, 0, 0, 0]: one training day, SD ≠ 0, so monotony is defined.
    week2 = [0, 420.0, 0, 0, 0, 0, 0]
    mono2 = statistics.mean(week2) / statistics.stdev(week2)
    assert [d["monotony"] for d in load[7:14]] == [pytest.approx(mono2)] * 7

    g = r["guidelines"]
    # Strengthening days (a hard set): W01 Mon + Wed, W02 Tue, W03 Mon + Sun.
    assert [w["strength_days"] for w in g["weeks"]] == [2, 1, 2]
    assert g["weeks_meeting_strength"] == 2
    assert (g["streak_longest_weeks"], g["streak_current_weeks"]) == (1, 1)
    assert r["adherence"]["plan_id"] is None


def test_date_range_filters_weeks_but_not_history(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    seed(db)
    r = analytics.analyze(db, me(db), aid(db, "Sam"), date(2024, 1, 8), date(2024, 1, 14)).as_json()
    assert [w["week"] for w in r["weeks"]] == ["2024-W02"]
    assert r["neglect"]["verdict_level"] == "neglected"
    assert r["neglect"]["lower_set_share"] == 0.0
    assert [d["date"] for d in r["load"]] == [f"2024-01-{d:02d}" for d in range(8, 15)]


def test_pounds_athlete_sees_pounds(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    seed(db, unit="lb")
    r = analytics.analyze(db, me(db), aid(db, "Sam")).as_json()
    first = r["e1rm"]["back-squat"][0]
    assert first["e1rm_kg"] == pytest.approx(116.6666667)
    assert first["e1rm"] == pytest.approx(116.6666667 / 0.45359237)


def test_club_view_and_parquet(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    seed(db)
    club = analytics.club_view(db, me(db), date(2024, 1, 21)).as_json()
    (row,) = club["athletes"]
    assert row["last_day"] == "2024-01-21"
    assert row["acwr_rolling"] is None  # 21 days of history: the 28-day window is not full
    # Days 2024-01-01..21 inside the window: lower sets (2 + 0 + 0 + 6 + 2) / (8 + 3 + 4 + 6 + 2)
    assert row["lower_set_share_28d"] == pytest.approx(10 / 20)
    assert row["load_28d"] == pytest.approx(5 * 420)

    import polars as pl

    info = analytics.analyze_all(db, me(db))
    files = {t.name: t for t in info.tables}
    assert {t.media_type for t in info.tables} == {"application/vnd.apache.parquet"}
    neglect = pl.read_parquet(io.BytesIO(files["neglect"].data))
    assert neglect["lower_set_share"].to_list() == [pytest.approx(0.5)]
    assert neglect["weeks_without_legs"].to_list() == [1]
    daily = pl.read_parquet(io.BytesIO(files["daily_load"].data))
    assert daily.height == 21 and daily["date"].min() == date(2024, 1, 1)
    assert files["daily_load"].rows == 21
    assert info.as_json()["tables"]["daily_load"]["rows"] == 21
    ex = pl.read_parquet(io.BytesIO(files["weekly_exercise"].data))
    squat = ex.filter(pl.col("exercise_id") == "back-squat").sort("week")
    assert squat["week"].to_list() == ["2024-W01", "2024-W03"]
    assert squat["best_e1rm_kg"].to_list() == [pytest.approx(116.6666667), pytest.approx(121.0)]


def test_plan_adherence_and_hop_test_symmetry(sqlite_url: str) -> None:
    from legday.store.models import Assessment, Plan

    db = open_database(sqlite_url)
    seed(db)
    with db.write(db.local_actor()) as s:
        aid = s.query(Athlete).one().id
        week = {"sessions": [{"day": 1}, {"day": 3}, {"day": 5}]}
        s.add(Plan(athlete_id=aid, is_current=True, start_date=date(2024, 1, 1), weeks=4,
                   body={"weeks": [week] * 4}, inputs={}))  # fmt: skip
        s.add(Assessment(athlete_id=aid, test_id="single-leg-hop", taken_on=date(2024, 1, 10),
                         value=85.0, unit="%", flags=["asymmetry"], inputs={},
                         result={"derived": {"lsi_threshold_pct": 90.0,
                                             "meets_return_to_sport": False}}))  # fmt: skip
        s.add(Assessment(athlete_id=aid, test_id="chair-stand-30s", taken_on=date(2024, 1, 10),
                         value=12.0, unit="stands", flags=[], inputs={}, result={}))  # fmt: skip
    r = analytics.analyze(db, me(db), aid).as_json()
    adh = r["adherence"]
    # Weeks from 1, 8 and 15 January have begun by the 21st (the 22nd's week has not):
    # done 2, 1 and 2 of 3 planned each.
    assert [(w["planned"], w["done"]) for w in adh["weeks"]] == [(3, 2), (3, 1), (3, 2)]
    assert adh["adherence"] == pytest.approx(5 / 9)
    hop = [x for x in r["symmetry"] if x.get("source") == "assessment"]
    assert hop == [{"date": "2024-01-10", "test_id": "single-leg-hop", "lsi": 85.0,
                    "meets_lsi_criterion": False, "source": "assessment"}]  # fmt: skip
    # The test catalog has no MET values: no energy estimates, and it says so.
    assert r["energy"]["total_kcal"] is None
    assert r["energy"]["sessions_without_estimate"] == 5
