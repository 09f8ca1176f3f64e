"""Issue 13 item 7: load monitoring a coach can act on — unrated sessions are missing data, not
rest days; the club view is "as of" a day, shows absence as absence, marks stale data and puts
open test flags next to load flags, sorted by need of attention."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from tests.helpers import aid, me, run_cli

from legday.app import analytics, assess, athletes, training
from legday.app.athletes import AthleteFields
from legday.app.db import Database, open_database

START = date(2026, 1, 5)  # a Monday


def _train(db: Database, who: str, days: range, rpe: float | None, text: str = "rdl 60x8x3"):  # type: ignore[no-untyped-def]
    for k in days:
        d = START + timedelta(days=k)
        training.log_session(
            db,
            me(db),
            aid(db, who),
            text,
            day=d,
            session_rpe=rpe,
            minutes=None if rpe is None else 60,
            again=True,
        )


@pytest.fixture
def db(db_url: str) -> Database:
    d = open_database(db_url)
    for name in ("Rated", "Gaps", "Away", "Tested"):
        athletes.add(d, me(d), name, AthleteFields(age_years=72, sex="female"))
    return d


def test_unrated_sessions_raise_no_flag_and_are_counted(db: Database) -> None:
    # 5 weeks of sessions every other day at RPE 5 × 60 min, then a week of sessions logged
    # without a session RPE: counted as rest, the acute load would drop and flag "acwr_low".
    _train(db, "Gaps", range(0, 35, 2), 5)
    _train(db, "Gaps", range(35, 42, 2), None, "rdl 60x8x4")
    doc = analytics.analyze(db, me(db), aid(db, "Gaps"), None, None).as_json()
    last = doc["load"][-1]
    assert last["date"] == (START + timedelta(days=41)).isoformat()
    assert last["acwr_rolling"] is None and last["acwr_ewma"] is None and last["flags"] == []
    assert last["monotony"] is None and last["strain"] is None
    assert last["unrated_days_28d"] == 4  # days 35, 37, 39, 41
    # the labelled estimate: working sets over days 35–41 / 7 ÷ over days 14–41 / 28
    acute = 4 * 4 / 7  # days 35, 37, 39, 41 (4 sets each)
    chronic = (3 * 11 + 4 * 4) / 28  # days 14, 16, …, 34 (3 sets) and the four above
    assert last["acwr_sets_estimate"] == pytest.approx(acute / chronic)
    assert "ESTIMATE" in doc["definitions"]["acwr_sets_estimate"]
    # the same athlete fully rated: the ratio exists (and a real drop would flag)
    _train(db, "Rated", range(0, 35, 2), 5)
    _train(db, "Rated", range(36, 42, 2), 1)
    rated = analytics.analyze(db, me(db), aid(db, "Rated"), None, None).as_json()["load"][-1]
    assert rated["acwr_rolling"] is not None and rated["unrated_days_28d"] == 0
    assert rated["acwr_sets_estimate"] is None and "acwr_low" in rated["flags"]


def test_the_club_view_is_as_of_a_day(db: Database) -> None:
    as_of = START + timedelta(days=41)
    _train(db, "Rated", range(0, 42, 2), 5)
    _train(db, "Away", range(0, 10, 2), 5)  # last session (day 8) 33 days before as_of
    _train(db, "Gaps", range(0, 35, 2), 5)
    _train(db, "Gaps", range(35, 42, 2), None, "rdl 60x8x4")
    _train(db, "Tested", range(0, 42, 2), 5)
    assess.record(
        db, me(db), aid(db, "Tested"), "tug", {"value": 15}, taken_on=as_of - timedelta(3)
    )
    club = analytics.club_view(db, me(db), as_of).as_json()
    rows = {r["athlete"]: r for r in club["athletes"]}
    assert club["as_of"] == as_of.isoformat()
    away = rows["Away"]
    assert away["days_since_last_session"] == 33 and away["stale"]
    assert away["load_7d"] == 0 and away["last_day"] == (START + timedelta(days=8)).isoformat()
    gaps = rows["Gaps"]
    assert gaps["unrated_days_28d"] == 4 and gaps["acwr_rolling"] is None and gaps["flags"] == []
    assert gaps["acwr_estimate"] is not None and "estimate" in gaps["acwr_estimate"]["basis"]
    tested = rows["Tested"]
    assert tested["test_flags"] == [
        {"test_id": "tug", "flag": "fall-risk", "taken_on": (as_of - timedelta(3)).isoformat()}
    ]
    rated = rows["Rated"]
    assert rated["acwr_rolling"] == pytest.approx(1.0, abs=0.15) and not rated["stale"]
    # attention: an open test flag (2) > stale or unrated (1 each) > nothing
    order = [r["athlete"] for r in club["athletes"]]
    assert order[0] == "Tested" and order[-1] == "Rated"
    assert [
        r["athlete"] for r in analytics.club_view(db, me(db), as_of, "name").as_json()["athletes"]
    ] == sorted(rows)
    # a later normal result closes the test flag
    assess.record(db, me(db), aid(db, "Tested"), "tug", {"value": 8}, taken_on=as_of)
    tested = {
        r["athlete"]: r for r in analytics.club_view(db, me(db), as_of).as_json()["athletes"]
    }["Tested"]
    assert tested["test_flags"] == []


def test_club_test_flags_as_of_a_day_and_never_from_extrapolated_norms(db: Database) -> None:
    as_of = START + timedelta(days=41)
    _train(db, "Tested", range(0, 42, 2), 5)
    _train(db, "Rated", range(0, 42, 2), 5)
    flagged = as_of - timedelta(10)
    assess.record(db, me(db), aid(db, "Tested"), "tug", {"value": 15}, taken_on=flagged)
    # a normal result after the as-of day: as of then, the earlier (flagged) result still stands
    assess.record(db, me(db), aid(db, "Tested"), "tug", {"value": 8}, taken_on=as_of + timedelta(5))
    rows = {r["athlete"]: r for r in analytics.club_view(db, me(db), as_of).as_json()["athletes"]}
    assert rows["Tested"]["test_flags"] == [
        {"test_id": "tug", "flag": "fall-risk", "taken_on": flagged.isoformat()}
    ]
    later = {
        r["athlete"]: r
        for r in analytics.club_view(db, me(db), as_of + timedelta(5)).as_json()["athletes"]
    }
    assert later["Tested"]["test_flags"] == []
    # age 58 is outside the chair-stand table (60–94): scored on the nearest band, it carries a
    # raw "fall-risk" flag but is no finding, so it is not an open test flag either
    assess.record(
        db,
        me(db),
        aid(db, "Rated"),
        "chair-stand-30s",
        {"value": 5},
        taken_on=flagged,
        age=58,
        nearest_band=True,
    )
    with db.read(db.local_actor()) as s:
        stored = assess.latest_results(s, athletes.by_name(s, "Rated").id)["chair-stand-30s"]
    assert stored["extrapolated"] is True and stored["flags"] == ["fall-risk"]
    rows = {r["athlete"]: r for r in analytics.club_view(db, me(db), as_of).as_json()["athletes"]}
    assert rows["Rated"]["test_flags"] == []


def test_club_cli_as_of_and_sort(db: Database, db_url: str) -> None:
    _train(db, "Away", range(0, 10, 2), 5)
    r = run_cli("analyze", "--club", "--as-of", "2026-02-15", "--json", db=db_url)
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert doc["as_of"] == "2026-02-15" and doc["sort"] == "attention"
    away = next(x for x in doc["athletes"] if x["athlete"] == "Away")
    assert away["days_since_last_session"] == (date(2026, 2, 15) - START).days - 8
    table = run_cli("analyze", "--club", "--as-of", "2026-02-15", db=db_url)
    assert table.exit_code == 0 and "stale" in table.stdout and "as of 2026-02-15" in table.stdout
    assert run_cli("analyze", "--club", "--sort", "age", db=db_url).exit_code == 1
