"""Defects of the phone's path to the store, each with the behaviour it must have now (SQLite and
PostgreSQL): a set without a load is a body-weight set (not an external load of nothing); an edit
can take a load away again; a phone's session stays open until the athlete finishes it; the
athlete's own dashboard reads the primary, not a replica that may trail."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from legday.app import athletes, outbox_sync
from legday.app.db import Database, open_database
from legday.app.gym_page import finish, load_page
from legday.domain.access import Actor
from legday.store.models import SetEntry, TrainingSession

DAY = date(2026, 12, 6)


def _athlete(db: Database) -> tuple[Actor, int]:
    actor = db.local_actor()
    fields = athletes.AthleteFields(birth_date=date(1990, 1, 1), sex="female")
    return actor, athletes.add(db, actor, "Ada", fields).id


def _op(kind: str, cid: str, aid: int, **kw: object) -> outbox_sync.SyncOp:
    return outbox_sync.SyncOp(
        kind,
        cid,
        "phone-1",
        aid,
        logged_at=datetime(2026, 12, 6, 18),
        **kw,  # type: ignore[arg-type]
    )


def _stored(db: Database, actor: Actor) -> list[tuple[str | None, float | None, str]]:
    with db.read(actor) as s:
        rows = s.execute(
            select(SetEntry.dedupe_key, SetEntry.load_kg, SetEntry.load_basis).order_by(
                SetEntry.seq
            )
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_a_set_without_load_is_body_weight_and_an_edit_can_clear_a_load(db_url: str) -> None:
    db = open_database(db_url)
    actor, aid = _athlete(db)
    done = outbox_sync.sync(
        db,
        actor,
        [
            _op("create", "a", aid, exercise_id="nordic-hamstring-curl", reps=5),
            _op("create", "b", aid, exercise_id="back-squat", load_kg=60.0, reps=5),
        ],
    )
    assert [r.status for r in done] == ["created", "created"]
    assert _stored(db, actor) == [("web:a", None, "bodyweight"), ("web:b", 60.0, "external")]
    # b was a split squat with no dumbbells after all; a got a plate held to the chest
    done = outbox_sync.sync(
        db,
        actor,
        [
            _op("update", "b", aid, clear_load=True),
            _op("update", "a", aid, load_kg=10.0),
        ],
    )
    assert [r.status for r in done] == ["updated", "updated"]
    assert _stored(db, actor) == [("web:a", 10.0, "external"), ("web:b", None, "bodyweight")]
    # an update that says nothing of the load keeps it
    outbox_sync.sync(db, actor, [_op("update", "a", aid, reps=6)])
    assert _stored(db, actor)[0] == ("web:a", 10.0, "external")
    # the gym page shows no load for the body-weight set, and no record is made of it
    page = load_page(db, actor, aid, DAY)
    assert [(x.exercise_id, x.load_kg) for x in page.sets] == [
        ("nordic-hamstring-curl", 10.0),
        ("back-squat", None),
    ]
    assert "back-squat" not in page.bests_kg


def test_a_phone_session_is_open_until_finished(db_url: str) -> None:
    db = open_database(db_url)
    actor, aid = _athlete(db)
    outbox_sync.sync(
        db, actor, [_op("create", "a", aid, exercise_id="back-squat", load_kg=60.0, reps=5)]
    )
    with db.read(actor) as s:
        assert s.scalars(select(TrainingSession.status)).all() == ["open"]
    assert load_page(db, actor, aid, DAY).open_session_key == "phone-1"
    finish(db, actor, aid, "phone-1", 7, 40)
    with db.read(actor) as s:
        assert s.scalars(select(TrainingSession.status)).all() == ["closed"]
    assert load_page(db, actor, aid, DAY).open_session_key is None


def test_the_own_dashboard_reads_the_primary(db_url: str) -> None:
    """A "replica" that trails: a second database holding the athlete but not yet the session just
    logged. The own dashboard (primary) sees the session; a read from the replica does not."""
    import pytest
    from tests.conftest import new_pg_database

    from legday.app import dashboard

    if not db_url.startswith("postgresql"):
        pytest.skip("a read replica is PostgreSQL only (open_database refuses SQLite)")
    replica_url = new_pg_database()
    _athlete(open_database(replica_url))
    db = open_database(db_url, read_url=replica_url)
    actor, aid = _athlete(db)
    outbox_sync.sync(
        db, actor, [_op("create", "a", aid, exercise_id="back-squat", load_kg=60.0, reps=5)]
    )
    assert dashboard.load(db, actor, aid, DAY, primary=True).has_training
    assert not dashboard.load(db, actor, aid, DAY).has_training  # what the replica still holds
