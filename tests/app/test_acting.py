"""The bridge that runs name-based use-cases as a web account: an account's handle finds its own
athlete by name (and with no name, as the only one it can see), never someone else's."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.acting import as_actor, athlete_name
from legday.app.db import Database, open_database
from legday.domain.access import Actor
from legday.domain.errors import NotFound
from legday.store.models import Athlete, User


def _owner(db: Database, name: str) -> tuple[Actor, int]:
    with Session(db.engine) as s, s.begin():
        u = User(email=f"{name}@example.org", display_name=name, kind="person")
        s.add(u)
        s.flush()
        actor = Actor(user_id=u.id)
    with db.write(actor) as s:
        a = Athlete(name=name, level="beginner", unit="kg", limitations=[], profile={})
        s.add(a)
        s.flush()
        return actor, a.id


def test_each_account_sees_only_its_own_athlete(db_url: str) -> None:
    db = open_database(db_url)
    ann, ann_id = _owner(db, "Ann")
    ben, ben_id = _owner(db, "Ben")
    assert athletes.show(as_actor(db, ann), None).name == "Ann"  # the only one Ann can see
    assert athletes.show(as_actor(db, ben), None).name == "Ben"
    with pytest.raises(NotFound):
        athletes.show(as_actor(db, ann), "Ben")
    assert athlete_name(db, ann, ann_id) == "Ann"
    with pytest.raises(NotFound):
        athlete_name(db, ann, ben_id)
    # the original handle still runs as the local user, who owns neither
    with pytest.raises(NotFound):
        athletes.show(db, "Ann")
