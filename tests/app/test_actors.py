"""Every use-case runs as an actor and takes ids: someone else's athlete, session, test or plan
answers exactly like a missing one (same error class, same message but for the id), and reads
that list athletes see only the actor's own. On SQLite and PostgreSQL.

Two owners: the local user (the CLI's actor) keeps "Ann"; another account keeps "Ben", whose
records are made through the same use-cases as Ben's owner."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legday.app import (
    analytics,
    assess,
    assess_edit,
    athletes,
    catalog,
    exporting,
    gym,
    importing,
    mappings,
    next_session,
    planning,
    progression_settings,
    readiness,
    reporting,
    training,
)
from legday.app.db import Database, open_database
from legday.domain.access import Actor, Scope
from legday.domain.errors import LegdayError
from legday.store.models import CareLink, CareLinkScope, DailyAggregate, SetEntry, User

DAY = date.today() - timedelta(days=3)
MISSING = 2_000_000_000  # an id no test database reaches
CHECK_IN = {"fatigue": 3, "sleep": 3, "soreness": 3, "stress": 3, "mood": 3}
PLAN = {"goals": ["strength"], "days": 2, "minutes": 45, "weeks": 4, "equipment": "barbell"}


def _user(db: Database, name: str) -> Actor:
    with Session(db.engine) as s, s.begin():
        u = User(email=f"{name}@example.org", display_name=name, kind="person")
        s.add(u)
        s.flush()
        return Actor(user_id=u.id)


def _link(db: Database, athlete_id: int, member: Actor, *scopes: Scope) -> None:
    with Session(db.engine) as s, s.begin():
        link = CareLink(
            athlete_id=athlete_id, member_id=member.user_id, role="coach", status="accepted"
        )
        s.add(link)
        s.flush()
        s.add_all(CareLinkScope(care_link_id=link.id, scope=sc.value) for sc in scopes)


@dataclass
class Records:
    athlete: int
    session: int
    assessment: int


def _records(db: Database, actor: Actor, name: str) -> Records:
    a = athletes.add(db, actor, name, athletes.AthleteFields(age_years=30, sex="male"))
    v = training.log_session(db, actor, a.id, "back-squat 100x5x3", day=DAY)
    rec = assess.record(db, actor, a.id, "tug", {"value": 9.0}, taken_on=DAY)
    readiness.record(db, actor, a.id, CHECK_IN, day=DAY)
    mappings.map_exercise(db, actor, a.id, "Squat (Barbell)", "back-squat")
    planning.generate(db, actor, a.id, PLAN, today=DAY)
    return Records(a.id, v.id, rec.id)


@dataclass
class World:
    db: Database
    me: Actor
    ben: Actor
    mine: Records
    his: Records


@pytest.fixture
def world(db_url: str) -> World:
    db = open_database(db_url)
    me = db.local_actor()
    ben = _user(db, "ben")
    return World(db, me, ben, _records(db, me, "Ann"), _records(db, ben, "Ben"))


def _refusal(call: Callable[[], Any]) -> LegdayError:
    with pytest.raises(LegdayError) as info:
        call()
    return info.value


def _same_as_missing(call: Callable[[int], Any], foreign: int) -> None:
    """``call(foreign id)`` fails exactly as ``call(missing id)`` does."""
    theirs, missing = _refusal(lambda: call(foreign)), _refusal(lambda: call(MISSING))
    assert type(theirs) is type(missing)

    def shape(e: LegdayError, n: int) -> tuple[str, str | None]:
        return re.sub(rf"\b{n}\b", "N", e.message), e.hint

    assert shape(theirs, foreign) == shape(missing, MISSING)


ATHLETE_CASES: dict[str, Callable[[Database, Actor, int], Any]] = {
    "athlete show": lambda db, me, i: athletes.show(db, me, i),
    "athlete edit": lambda db, me, i: athletes.edit(
        db, me, i, athletes.AthleteFields(age_years=40)
    ),
    "athlete remove": lambda db, me, i: athletes.remove(db, me, i),
    "athlete profile": lambda db, me, i: athletes.update_profile(db, me, i, {"progression": {}}),
    "log": lambda db, me, i: training.log_session(db, me, i, "back-squat 100x5", day=DAY),
    "sessions list": lambda db, me, i: training.list_sessions(db, me, i),
    "session count": lambda db, me, i: training.session_count(db, me, i),
    "records": lambda db, me, i: training.records(db, me, i),
    "assess record": lambda db, me, i: assess.record(db, me, i, "tug", {"value": 9.5}),
    "assess history": lambda db, me, i: assess.history(db, me, i),
    "readiness record": lambda db, me, i: readiness.record(db, me, i, CHECK_IN),
    "readiness history": lambda db, me, i: readiness.history(db, me, i),
    "exercise map": lambda db, me, i: mappings.map_exercise(db, me, i, "Squat", "back-squat"),
    "mappings": lambda db, me, i: catalog.user_mappings(db, me, i),
    "plan generate": lambda db, me, i: planning.generate(db, me, i, PLAN, today=DAY),
    "plan show": lambda db, me, i: planning.show(db, me, i),
    "plan check": lambda db, me, i: planning.check(db, me, i),
    "plan export": lambda db, me, i: planning.export(db, me, i, "json"),
    "next": lambda db, me, i: next_session.next_session(db, me, i).as_json(),
    "rules": lambda db, me, i: progression_settings.rule_settings(db, me, i),
    "analyze": lambda db, me, i: analytics.analyze(db, me, i),
    "report": lambda db, me, i: reporting.gather(db, me, i),
    "export": lambda db, me, i: exporting.export_athlete(db, me, i),
    "gym start": lambda db, me, i: gym.start(db, me, i),
    "import": lambda db, me, i: importing.import_bytes(
        db,
        me,
        i,
        b"Date,Exercise Name,Set Order,Weight,Reps\n2024-01-02,Squat,1,100,5\n",
        "strong.csv",
        unit="kg",
    ),
}


@pytest.mark.parametrize("case", sorted(ATHLETE_CASES))
def test_a_foreign_athlete_answers_like_a_missing_one(world: World, case: str) -> None:
    run = ATHLETE_CASES[case]
    _same_as_missing(lambda i: run(world.db, world.me, i), world.his.athlete)


SESSION_CASES: dict[str, Callable[[Database, Actor, int], Any]] = {
    "session show": lambda db, me, i: training.show_session(db, me, i),
    "session edit": lambda db, me, i: training.edit_session(db, me, i, notes="mine"),
    "session delete": lambda db, me, i: training.delete_session(db, me, i),
    "gym state": lambda db, me, i: gym.state(db, me, i),
    "gym record": lambda db, me, i: gym.record(db, me, i),
    "gym skip": lambda db, me, i: gym.skip(db, me, i),
    "gym close": lambda db, me, i: gym.close(db, me, i),
}


@pytest.mark.parametrize("case", sorted(SESSION_CASES))
def test_a_foreign_session_answers_like_a_missing_one(world: World, case: str) -> None:
    run = SESSION_CASES[case]
    _same_as_missing(lambda i: run(world.db, world.me, i), world.his.session)


TEST_CASES: dict[str, Callable[[Database, Actor, int], Any]] = {
    "test show": lambda db, me, i: assess_edit.show(db, me, i),
    "test edit": lambda db, me, i: assess_edit.edit(db, me, i, {"value": 8.0}),
    "test delete": lambda db, me, i: assess_edit.delete(db, me, i),
}


@pytest.mark.parametrize("case", sorted(TEST_CASES))
def test_a_foreign_test_result_answers_like_a_missing_one(world: World, case: str) -> None:
    run = TEST_CASES[case]
    _same_as_missing(lambda i: run(world.db, world.me, i), world.his.assessment)


def test_nothing_of_bens_changed_and_his_owner_still_sees_it_all(world: World) -> None:
    db, ben, his = world.db, world.ben, world.his
    for case in (*ATHLETE_CASES.values(),):
        _refusal(lambda case=case: case(db, world.me, his.athlete))  # type: ignore[misc]
    assert training.session_count(db, ben, his.athlete) == 1
    shown = training.show_session(db, ben, his.session)
    assert shown.notes is None and len(shown.sets) == 3
    assert assess_edit.show(db, ben, his.assessment).value == 9.0
    assert athletes.show(db, ben, his.athlete).age == 30


def test_lists_and_the_club_view_hold_only_the_actors_athletes(world: World) -> None:
    db = world.db
    assert [a.name for a in athletes.list_all(db, world.me)] == ["Ann"]
    assert [a.name for a in athletes.list_all(db, world.ben)] == ["Ben"]
    club = analytics.club_view(db, world.me)
    assert [(r.athlete, r.athlete_id) for r in club.athletes] == [("Ann", world.mine.athlete)]
    assert json.loads(json.dumps(club.as_json()))["athletes"][0]["athlete"] == "Ann"
    import polars as pl

    out = {t.name: t.data for t in analytics.analyze_all(db, world.me).tables}
    names = set(pl.read_parquet(io.BytesIO(out["daily_load"]))["athlete"].to_list())
    assert names == {"Ann"}


def test_a_name_lookup_finds_only_the_actors_athletes(world: World) -> None:
    db = world.db
    assert athletes.lookup(db, world.me, None) == world.mine.athlete  # the only one: Ann
    assert athletes.lookup(db, world.me, "ann") == world.mine.athlete
    with pytest.raises(LegdayError, match="no athlete called 'Ben'"):
        athletes.lookup(db, world.me, "Ben")


def test_raw_sql_paths_check_the_access_rule(world: World) -> None:
    """The reads and writes that run on the connection (no ORM tenant filter) check the rule
    themselves: a coach who may see Ben's tests but not his training gets nothing from them."""
    db, his = world.db, world.his
    coach = _user(db, "coach")
    _link(db, his.athlete, coach, Scope.VIEW_ASSESSMENTS)
    assert athletes.show(db, coach, his.athlete).name == "Ben"  # linked: he may know of Ben
    for call in (
        lambda: training.records(db, coach, his.athlete),  # PR query on the connection
        lambda: next_session.next_session(
            db, coach, his.athlete
        ).as_json(),  # history on the connection
        lambda: ATHLETE_CASES["import"](db, coach, his.athlete),  # bulk insert on the connection
    ):
        with pytest.raises(LegdayError, match=f"no athlete with id {his.athlete}"):
            call()
    assert training.session_count(db, world.ben, his.athlete) == 1  # nothing was imported


def test_the_daily_tables_follow_every_set_whoever_logs(world: World) -> None:
    """A coach who may log for Ben but not read his training: the daily tables (rebuilt from
    the sets of the day) still count Ben's own sets of that day, not only the coach's."""
    db, his = world.db, world.his
    coach = _user(db, "logger")
    _link(db, his.athlete, coach, Scope.LOG_FOR_ATHLETE)
    logged = training.log_session(db, coach, his.athlete, "back-squat 100x5x2", day=DAY)
    assert [x.load_kg for x in logged.sets] == [100.0, 100.0]  # what they logged, shown back
    assert logged.new_records == []  # records need Ben's history, which the coach may not read
    with Session(db.engine) as s:
        working = s.scalar(
            select(func.sum(DailyAggregate.working_sets)).where(
                DailyAggregate.athlete_id == his.athlete, DailyAggregate.day == DAY
            )
        )
        stored = s.scalar(select(func.count(SetEntry.id)).where(SetEntry.athlete_id == his.athlete))
    assert stored == 5 and working == 5  # Ben's 3 + the coach's 2
