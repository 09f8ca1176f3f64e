"""The access rule and the tenant filter: someone else's rows are invisible and unwritable, on
SQLite and PostgreSQL. Each test builds two owners (and a coach) and checks what each actor's unit
of work finds, not how the filter is built."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session
from tests.conftest import IN_CI, PG_URL, new_pg_database

from legday.app.db import Database, forget_open_databases, open_database
from legday.domain.access import Actor, Scope
from legday.domain.errors import Conflict, NotFound
from legday.store.models import (
    Assessment,
    Athlete,
    CareLink,
    CareLinkScope,
    SetEntry,
    TrainingSession,
    User,
)


def _user(db: Database, name: str) -> Actor:
    with Session(db.engine) as s, s.begin():
        u = User(email=f"{name}@example.org", display_name=name, kind="person")
        s.add(u)
        s.flush()
        return Actor(user_id=u.id)


def _athlete_with_data(db: Database, owner: Actor, name: str) -> tuple[int, int]:
    """An athlete with one session of one set and one test result; (athlete id, session id)."""
    with db.write(owner) as s:
        a = Athlete(name=name, level="beginner", unit="kg", limitations=[], profile={})
        s.add(a)
        s.flush()
        t = TrainingSession(athlete_id=a.id, started_at=datetime(2026, 11, 2, 18, 0))
        s.add(t)
        s.flush()
        s.add(SetEntry(session_id=t.id, athlete_id=a.id, seq=1, exercise_raw="Squat", reps=5))
        s.add(Assessment(athlete_id=a.id, test_id="chair-stand-30s", taken_on=date(2026, 11, 1)))
        s.add(Assessment(athlete_id=a.id, test_id="readiness", taken_on=date(2026, 11, 1)))
        return a.id, t.id


def _link(db: Database, athlete_id: int, member: Actor, status: str, *scopes: Scope) -> int:
    with Session(db.engine) as s, s.begin():
        link = CareLink(
            athlete_id=athlete_id, member_id=member.user_id, role="coach", status=status
        )
        s.add(link)
        s.flush()
        for sc in scopes:
            s.add(CareLinkScope(care_link_id=link.id, scope=sc.value))
        return link.id


@pytest.fixture
def world(db_url: str) -> tuple[Database, Actor, Actor, int, int, int, int]:
    db = open_database(db_url)
    ann, ben = _user(db, "ann"), _user(db, "ben")
    a_id, a_session = _athlete_with_data(db, ann, "Ann")
    b_id, b_session = _athlete_with_data(db, ben, "Ben")
    return db, ann, ben, a_id, a_session, b_id, b_session


def test_an_owner_finds_only_their_own_rows(
    world: tuple[Database, Actor, Actor, int, int, int, int],
) -> None:
    db, ann, _ben, a_id, a_session, _b_id, b_session = world
    with db.read(ann) as s:
        assert s.get(TrainingSession, b_session) is None  # by id: like a missing row
        assert s.get(TrainingSession, a_session) is not None
        assert set(s.scalars(select(Athlete.name))) == {"Ann"}
        assert set(s.scalars(select(SetEntry.athlete_id))) == {a_id}
        assert s.scalar(select(func.count()).select_from(Assessment)) == 2
        # a join through the session relationship stays inside too
        rows = s.execute(select(SetEntry.id).join(TrainingSession)).all()
        assert len(rows) == 1


def test_a_foreign_write_answers_like_a_missing_athlete(
    world: tuple[Database, Actor, Actor, int, int, int, int],
) -> None:
    db, ann, _ben, _a_id, _a_session, b_id, b_session = world
    with pytest.raises(NotFound), db.write(ann) as s:
        s.add(SetEntry(session_id=b_session, athlete_id=b_id, seq=2, exercise_raw="x", reps=1))
    with pytest.raises(NotFound), db.write(ann) as s:  # the bulk path
        s.execute(
            insert(SetEntry),
            [{"session_id": b_session, "athlete_id": b_id, "seq": 3, "exercise_raw": "x"}],
        )
    with db.write(ann) as s:  # ORM UPDATE / DELETE statements reach no foreign row
        s.execute(update(TrainingSession).values(notes="mine now"))
        s.execute(delete(SetEntry).where(SetEntry.athlete_id == b_id))
    with Session(db.engine) as s:
        assert (
            s.scalar(select(func.count()).select_from(SetEntry).where(SetEntry.athlete_id == b_id))
            == 1
        )
        assert s.get(TrainingSession, b_session).notes is None  # type: ignore[union-attr]


def test_a_coach_sees_what_an_accepted_link_grants_and_no_more(
    world: tuple[Database, Actor, Actor, int, int, int, int],
) -> None:
    db, _ann, _ben, a_id, a_session, _b_id, b_session = world
    coach = _user(db, "coach")
    with db.read(coach) as s:
        assert s.scalars(select(Athlete)).all() == []
    link = _link(db, a_id, coach, "invited", Scope.VIEW_TRAINING)
    with db.read(coach) as s:  # invited is not accepted
        assert s.get(TrainingSession, a_session) is None
    with Session(db.engine) as s, s.begin():
        s.get(CareLink, link).status = "accepted"  # type: ignore[union-attr]
    with db.read(coach) as s:
        assert s.get(TrainingSession, a_session) is not None
        assert s.get(TrainingSession, b_session) is None
        assert s.scalars(select(Assessment)).all() == []  # no view_assessments, no view_health
        assert [a.name for a in s.scalars(select(Athlete))] == ["Ann"]
    with pytest.raises(NotFound), db.write(coach) as s:  # viewing is not logging
        s.add(SetEntry(session_id=a_session, athlete_id=a_id, seq=2, exercise_raw="x"))
    with pytest.raises(NotFound), db.write(coach) as s:  # nor changing the athlete's identity
        athlete = s.get(Athlete, a_id)
        assert athlete is not None
        athlete.name = "Renamed"
    _link(db, a_id, coach, "accepted", Scope.VIEW_HEALTH, Scope.LOG_FOR_ATHLETE)
    with db.read(coach) as s:  # readiness is health data: visible with view_health alone
        assert [x.test_id for x in s.scalars(select(Assessment))] == ["readiness"]
    with db.write(coach) as s:
        s.add(SetEntry(session_id=a_session, athlete_id=a_id, seq=2, exercise_raw="x"))
    with Session(db.engine) as s, s.begin():
        s.execute(update(CareLink).values(status="revoked"))
    with db.read(coach) as s:  # revoked: effective on the next unit of work
        assert s.get(TrainingSession, a_session) is None
        assert s.scalars(select(Athlete)).all() == []


def test_a_token_scope_narrows_even_the_owner(
    world: tuple[Database, Actor, Actor, int, int, int, int],
) -> None:
    db, ann, _ben, a_id, a_session, _b_id, _b_session = world
    read_only = Actor(user_id=ann.user_id, scopes=frozenset({Scope.VIEW_TRAINING}))
    with db.read(read_only) as s:
        assert s.get(TrainingSession, a_session) is not None
    with pytest.raises(NotFound), db.write(read_only) as s:
        s.add(SetEntry(session_id=a_session, athlete_id=a_id, seq=9, exercise_raw="x"))


def test_names_are_unique_per_owner_whatever_their_case(db_url: str) -> None:
    db = open_database(db_url)
    ann, ben = _user(db, "ann"), _user(db, "ben")
    for owner in (ann, ben):  # the same name under two owners is fine
        with db.write(owner) as s:
            s.add(Athlete(name="Sam", level="beginner", unit="kg", limitations=[], profile={}))
    with (
        pytest.raises(Conflict, match="already exists"),
        db.write(ann) as s,
    ):  # the index, not a check in code, refuses it
        s.add(Athlete(name="SAM", level="beginner", unit="kg", limitations=[], profile={}))


def test_check_constraints_refuse_unknown_units_sexes_and_levels(db_url: str) -> None:
    db = open_database(db_url)
    for bad in ({"unit": "st"}, {"sex": "x"}, {"level": "elite"}):
        fields = {"level": "beginner", "unit": "kg", **bad}
        with pytest.raises(Conflict), db.write(db.local_actor()) as s:
            s.add(Athlete(name=f"A{bad}", limitations=[], profile={}, **fields))


ADD = """
import sys
from legday.app import athletes
from legday.app.db import open_database
from legday.domain.errors import Conflict
db = open_database(sys.argv[1])
try:
    athletes.add(db, db.local_actor(), sys.argv[2], athletes.AthleteFields())
    print("added")
except Conflict as exc:
    print("conflict:", exc)
"""


@pytest.mark.postgres
def test_eight_processes_adding_case_variants_store_one_row() -> None:
    """Eight processes adding Ann/ann/ANN at once used to store four rows and raise raw
    IntegrityErrors. Now the unique index decides: one row, seven clear conflicts."""
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but LEGDAY_TEST_PG_URL is not set: PostgreSQL tests must run")
        pytest.skip("no PostgreSQL server (set LEGDAY_TEST_PG_URL)")
    pg_url = new_pg_database()
    open_database(pg_url)  # migrate once before the race
    forget_open_databases()
    names = ["Ann", "ann", "ANN", "aNN", "AnN", "anN", "ANn", "Ann"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ADD, pg_url, n],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in names
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    said = [o.strip() for o, _ in outs]
    assert said.count("added") == 1, said
    assert all(x.startswith("conflict:") and "already exists" in x for x in said if x != "added")
    db = open_database(pg_url)
    with db.read(db.local_actor()) as s:
        assert s.scalar(select(func.count()).select_from(Athlete)) == 1
