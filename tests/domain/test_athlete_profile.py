"""The athlete profile is one typed value: validated when parsed, frozen, and written back in the
shape it was read from."""

from __future__ import annotations

import dataclasses
import json

import pytest

from legday.domain.athlete_profile import AthleteProfile
from legday.domain.errors import InvalidInput

STORED = {
    "plan": {"goals": {"strength": 1.0}, "days": 3, "months_since_surgery": 7},
    "equipment_loading": {"bar": 15, "plates": [20, 10, 5]},
    "progression": {"back-squat:rule": "double", "linear.increment_kg": 5},
    "legacy": {"kept": True},
}


def test_a_stored_profile_reads_and_writes_back_unchanged() -> None:
    p = AthleteProfile.from_json(STORED)
    assert p.months_since_surgery == 7
    assert p.progression["linear.increment_kg"] == 5.0
    assert p.loading("kg").bar == 15.0 and p.loading("kg").plates == (20.0, 10.0, 5.0)
    assert p.as_json() == STORED
    assert AthleteProfile.from_json(p.as_json()) == p


def test_an_empty_or_missing_profile_is_the_default() -> None:
    assert AthleteProfile.from_json(None) == AthleteProfile.from_json({}) == AthleteProfile()
    assert AthleteProfile().as_json() == {} and AthleteProfile().months_since_surgery is None
    assert AthleteProfile().loading("lb").unit == "lb"


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"plan": {"colour": "red"}}, "unknown plan profile key 'colour'"),
        ({"plan": {"months_since_surgery": 601}}, "outside 0–600"),
        ({"plan": {"months_since_surgery": 2.5}}, "not a whole number"),
        ({"plan": ["days", 3]}, "must be an object"),
        ({"progression": {"linear.increment_kg": "lots"}}, "increment"),
        ({"progression": {"back-squat:rule": "yolo"}}, "unknown progression rule"),
        ({"equipment_loading": {"bar": -5}}, "bar"),
        ("not an object", "must be an object"),
    ],
)
def test_a_bad_part_is_refused_when_parsed(doc: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        AthleteProfile.from_json(doc)


def test_changes_make_new_values_and_keep_the_rest() -> None:
    p = AthleteProfile.from_json(STORED)
    q = p.with_months_since_surgery(9)
    assert q.months_since_surgery == 9 and p.months_since_surgery == 7  # frozen: p unchanged
    assert q.plan["days"] == 3 and q.progression == p.progression
    with pytest.raises(TypeError):
        q.plan["days"] = 4  # type: ignore[index]
    assert dataclasses.asdict(q)["plan"]["months_since_surgery"] == 9  # plain JSON-ready data
    assert json.loads(json.dumps(q.as_json())) == q.as_json()
    r = q.with_progression({}).with_equipment_loading(None)
    assert r.as_json() == {"plan": dict(q.plan), "legacy": {"kept": True}}
    with pytest.raises(InvalidInput):
        p.with_plan({"unknown": 1})
