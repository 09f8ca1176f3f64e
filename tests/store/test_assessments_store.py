"""The assessment store: its filters, its order, and the tenant filter on what it reads."""

from __future__ import annotations

from datetime import date

from tests.helpers import aid, me

from legday.app import assess, athletes, readiness
from legday.app.db import open_database
from legday.store import assessments as store

ITEMS = {"fatigue": 3, "sleep": 3, "soreness": 3, "stress": 3, "mood": 3}


def test_filters_order_and_days(db_url: str) -> None:
    db = open_database(db_url)
    for name in ("Ann", "Bo"):
        athletes.add(db, me(db), name, athletes.AthleteFields(age_years=70, sex="female"))
    ann, bo = aid(db, "Ann"), aid(db, "Bo")
    # Entered out of date order, two on one day: the store answers by date, then entry order.
    later = assess.record(db, me(db), ann, "tug", {"value": 12}, taken_on=date(2026, 3, 5))
    first = assess.record(db, me(db), ann, "tug", {"value": 14}, taken_on=date(2026, 3, 1))
    again = assess.record(db, me(db), ann, "tug", {"value": 13}, taken_on=date(2026, 3, 1))
    chair = assess.record(
        db, me(db), ann, "chair-stand-30s", {"value": 9}, taken_on=date(2026, 3, 3)
    )
    readiness.record(db, me(db), bo, ITEMS, day=date(2026, 3, 2))
    readiness.record(db, me(db), ann, ITEMS, day=date(2026, 3, 4))
    with db.read(me(db)) as s:
        ids = [r.id for r in store.of_athlete(s, ann, ["tug", "chair-stand-30s"])]
        assert ids == [first.id, again.id, chair.id, later.id]
        # since and until are both inclusive
        inside = store.of_athlete(s, ann, since=date(2026, 3, 3), until=date(2026, 3, 5))
        assert [(r.test_id, r.taken_on.day) for r in inside] == [
            ("chair-stand-30s", 3), ("readiness", 4), ("tug", 5),
        ]  # fmt: skip
        assert [r.id for r in store.on_day(s, ann, "tug", date(2026, 3, 1))] == [first.id, again.id]
        window = store.of_test_between(s, "readiness", date(2026, 3, 1), date(2026, 3, 4))
        assert [r.athlete_id for r in window] == sorted([ann, bo])
        assert store.athletes_tested_by(s, date(2026, 3, 1)) == [ann]
        assert store.athletes_tested_by(s, date(2026, 3, 2)) == sorted([ann, bo])
        assert store.by_id(s, later.id) is not None
        assert store.by_id(s, 0) is None and store.by_id(s, 2**31) is None
    # A check-in keeps no rating or flags (it is judged when read); a graded test keeps both.
    with db.read(me(db)) as s:
        (check_in,) = store.of_athlete(s, bo, ["readiness"])
        assert check_in.rating is None and check_in.flags == []
        (graded,) = store.of_athlete(s, ann, ["chair-stand-30s"])
        assert graded.flags == ["fall-risk"] and graded.rating == "below"


def test_another_accounts_tests_are_not_read(db_url: str) -> None:
    from sqlalchemy.orm import Session

    from legday.domain.access import Actor
    from legday.store.models import User

    db = open_database(db_url)
    athletes.add(db, me(db), "Ann", athletes.AthleteFields(age_years=70, sex="female"))
    ann = aid(db, "Ann")
    mine = assess.record(db, me(db), ann, "tug", {"value": 12}, taken_on=date(2026, 3, 1))
    readiness.record(db, me(db), ann, ITEMS, day=date(2026, 3, 1))
    with Session(db.engine) as s, s.begin():
        u = User(email="stranger@example.org", display_name="Stranger", kind="person")
        s.add(u)
        s.flush()
        stranger = Actor(user_id=u.id)
    with db.read(stranger) as s:
        assert store.by_id(s, mine.id) is None
        assert store.of_athlete(s, ann) == []
        assert store.on_day(s, ann, "tug", date(2026, 3, 1)) == []
        assert store.of_test_between(s, "readiness", date(2026, 3, 1), date(2026, 3, 1)) == []
        assert store.athletes_tested_by(s, date(2026, 3, 1)) == []
    with db.read(me(db)) as s:  # the same calls as the owner find them
        assert store.by_id(s, mine.id) is not None
        assert len(store.of_athlete(s, ann)) == 2
