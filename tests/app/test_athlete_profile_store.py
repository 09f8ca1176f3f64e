"""The athlete's profile is read and written through one typed value: what is stored is
validated first, and a bad part changes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.db import open_database
from legday.domain.errors import InvalidInput
from legday.store.models import Athlete


def test_parts_are_validated_before_they_are_stored(db_url: str) -> None:
    db = open_database(db_url)
    me = db.local_actor()
    sam = athletes.add(db, me, "Sam", athletes.AthleteFields(months_since_surgery=5))
    assert sam.profile.months_since_surgery == 5
    shown = athletes.update_profile(db, me, sam.id, {"equipment_loading": {"bar": 15}})
    assert shown.profile.loading("kg").bar == 15.0 and shown.profile.months_since_surgery == 5
    for bad in ({"colour": "red"}, {"plan": {"days": 3, "nonsense": 1}}, {"progression": {"x": 1}}):
        with pytest.raises(InvalidInput):
            athletes.update_profile(db, me, sam.id, bad)
    with Session(db.engine) as s:  # the row holds exactly the last good profile
        row = s.get(Athlete, sam.id)
        assert row is not None
        assert row.profile == {
            "plan": {"months_since_surgery": 5},
            "equipment_loading": {"bar": 15},
        }
    edited = athletes.edit(db, me, sam.id, athletes.AthleteFields(months_since_surgery=8))
    assert edited.profile.months_since_surgery == 8 and edited.profile.loading("kg").bar == 15.0
