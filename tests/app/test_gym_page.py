"""What the web gym page reads and the one thing it writes (finishing a web session), on SQLite and
PostgreSQL: today's sets with the phone's ids, the open web session to resume, the heaviest loads,
someone else's athlete answering like a missing one."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from legday.app.db import Database, open_database
from legday.app.gym_page import finish, load_page
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound
from legday.store.models import Athlete, DailyLoad, SetEntry, TrainingSession, User

TODAY = date(2026, 12, 6)


def _user(db: Database, name: str) -> Actor:
    with Session(db.engine) as s, s.begin():
        u = User(email=f"{name}@example.org", display_name=name, kind="person")
        s.add(u)
        s.flush()
        return Actor(user_id=u.id)


def _session(
    db: Database,
    actor: Actor,
    athlete_id: int,
    started: datetime,
    sets: list[tuple[str, float | None, int, str | None]],
    source: str = "web",
    key: str | None = None,
    status: str = "closed",
    session_rpe: float | None = None,
) -> int:
    with db.write(actor) as s:
        t = TrainingSession(
            athlete_id=athlete_id,
            started_at=started,
            source=source,
            source_key=key,
            status=status,
            session_rpe=session_rpe,
        )
        s.add(t)
        s.flush()
        for n, (ex, load, reps, dedupe) in enumerate(sets, 1):
            s.add(
                SetEntry(
                    session_id=t.id,
                    athlete_id=athlete_id,
                    seq=n,
                    exercise_id=ex,
                    exercise_raw=ex,
                    load_kg=load,
                    load_basis="external" if load is not None else "bodyweight",
                    reps=reps,
                    dedupe_key=dedupe,
                )
            )
        return t.id


@pytest.fixture
def world(db_url: str) -> tuple[Database, Actor, Actor, int]:
    db = open_database(db_url)
    ann, ben = _user(db, "ann"), _user(db, "ben")
    with db.write(ann) as s:
        a = Athlete(name="Ann", level="beginner", unit="lb", limitations=[], profile={})
        s.add(a)
        s.flush()
        athlete_id = a.id
    return db, ann, ben, athlete_id


def test_today_lists_todays_sets_and_the_open_web_session(
    world: tuple[Database, Actor, Actor, int],
) -> None:
    db, ann, _ben, aid = world
    # yesterday: the heaviest squat; today: an imported set and two sets from a phone
    _session(db, ann, aid, datetime(2026, 12, 5, 18), [("back-squat", 140.0, 3, None)], "legday")
    _session(db, ann, aid, datetime(2026, 12, 6, 7), [("leg-press", 200.0, 10, None)], "legday")
    # a web session of this morning, finished with its RPE: not the one to resume
    _session(db, ann, aid, datetime(2026, 12, 6, 8), [("leg-press", 180.0, 10, "web:u-0")],
             key="phone-session-0", session_rpe=6)  # fmt: skip
    _session(
        db, ann, aid, datetime(2026, 12, 6, 18),
        [("back-squat", 100.0, 5, "web:u-1"), ("nordic-hamstring-curl", None, 4, "web:u-2")],
        key="phone-session-1", status="open",
    )  # fmt: skip
    page = load_page(db, ann, aid, TODAY)
    assert page.unit == "lb"
    assert [(x.exercise_id, x.load_kg, x.reps, x.client_id) for x in page.sets] == [
        ("leg-press", 200.0, 10, None),
        ("leg-press", 180.0, 10, "u-0"),
        ("back-squat", 100.0, 5, "u-1"),
        ("nordic-hamstring-curl", None, 4, "u-2"),
    ]
    assert page.open_session_key == "phone-session-1"
    assert page.bests_kg == {"back-squat": 140.0, "leg-press": 200.0}
    # the day after, nothing of these is "today" any more
    later = load_page(db, ann, aid, date(2026, 12, 7))
    assert later.sets == [] and later.open_session_key is None


def test_someone_elses_athlete_is_not_found(world: tuple[Database, Actor, Actor, int]) -> None:
    db, _ann, ben, aid = world
    with pytest.raises(NotFound):
        load_page(db, ben, aid, TODAY)
    with pytest.raises(NotFound):
        finish(db, ben, aid, "phone-session-1", 7, 45)


def test_finishing_closes_the_web_session_with_rpe_and_minutes(
    world: tuple[Database, Actor, Actor, int],
) -> None:
    db, ann, _ben, aid = world
    sid = _session(db, ann, aid, datetime(2026, 12, 6, 18), [("back-squat", 100.0, 5, "web:a")],
                   key="phone-1", status="open")  # fmt: skip
    done = finish(db, ann, aid, "phone-1", 7.5, 50)
    assert (done.session_id, done.sets, done.session_rpe, done.minutes) == (sid, 1, 7.5, 50)
    with db.read(ann) as s:
        t = s.get(TrainingSession, sid)
        assert t is not None
        assert (t.status, t.session_rpe, t.duration_s) == ("closed", 7.5, 3000)
        # session-RPE load (Foster 2001): 7.5 × 50 min = 375 arbitrary units on that day
        day = s.scalar(select(DailyLoad).where(DailyLoad.athlete_id == aid))
        assert day is not None and day.load == pytest.approx(375)
    assert load_page(db, ann, aid, TODAY).open_session_key is None


@pytest.mark.parametrize(
    ("rpe", "minutes", "word"), [(11, 30, "RPE"), (-1, 30, "RPE"), (5, 0, "minutes"),
                                 (5, 2000, "minutes"), (None, None, "RPE or the minutes")]
)  # fmt: skip
def test_out_of_range_finish_values_are_refused(
    world: tuple[Database, Actor, Actor, int], rpe: float | None, minutes: float | None, word: str
) -> None:
    db, ann, _ben, aid = world
    _session(db, ann, aid, datetime(2026, 12, 6, 18), [("back-squat", 100.0, 5, "web:a")],
             key="phone-1")  # fmt: skip
    with pytest.raises(InvalidInput, match=word):
        finish(db, ann, aid, "phone-1", rpe, minutes)


def test_finishing_a_session_the_server_never_got_says_so(
    world: tuple[Database, Actor, Actor, int],
) -> None:
    db, ann, _ben, aid = world
    with pytest.raises(NotFound, match="no set of this session"):
        finish(db, ann, aid, "never-synced", 7, 40)
