"""The registry holds every test with sources; bad input is one clear InvalidInput/NotFound."""

from __future__ import annotations

import pytest

from legday.domain.assess import registry
from legday.domain.assess.scoring import SCORERS, score
from legday.domain.errors import FileFormatError, InvalidInput, NotFound

IDS = [
    "steadi-screen", "chair-stand-30s", "tug", "four-stage-balance", "single-leg-stance",
    "up-and-go-8ft", "cmj", "squat-jump", "y-balance", "rep-max", "nordic", "knee-to-wall",
    "single-leg-hop", "triple-hop", "crossover-hop", "timed-hop-6m", "quad-strength",
    "readiness",
]  # fmt: skip


def test_every_test_is_registered_with_a_scorer_and_sources() -> None:
    specs = registry.all_tests()
    assert [s.id for s in specs] == IDS
    for s in specs:
        assert s.scorer in SCORERS
        assert s.citations() and all(len(c) > 20 for c in s.citations())
        for t in s.tables.values():
            assert t.source in s.sources


def test_a_table_citing_an_unknown_source_is_refused() -> None:
    raw = {"id": "x", "name": "x", "scorer": "tug", "unit": "s", "better": "lower", "needs": [],
           "protocol": "p", "formula": "f", "sources": {"a": {"citation": "A"}},
           "tables": {"t": {"kind": "threshold", "source": "b", "status": "VERIFIED",
                            "meaning": "m", "value": 1}}}  # fmt: skip
    with pytest.raises(FileFormatError, match="cites 'b'"):
        registry.parse("x.toml", raw)


def test_unknown_test() -> None:
    with pytest.raises(NotFound, match="chair-stand-30s"):
        score("sit-and-reach", {"value": 3})


def test_missing_age_and_sex() -> None:
    # The input is named neutrally (a slot each shell words: tests/cli/test_assess_cmd.py).
    with pytest.raises(InvalidInput, match="give the age") as age:
        score("chair-stand-30s", {"value": 12}, sex="female")
    assert age.value.field == "age" and "{age}" in (age.value.hint or "")
    with pytest.raises(InvalidInput, match="give the sex") as sex:
        score("chair-stand-30s", {"value": 12}, age=70)
    assert sex.value.field == "sex"


def test_age_outside_the_table_is_an_error_naming_the_nearest_band() -> None:
    with pytest.raises(InvalidInput, match="60–64"):
        score("chair-stand-30s", {"value": 12}, age=59, sex="female")
    with pytest.raises(InvalidInput, match="90–94"):
        score("up-and-go-8ft", {"value": 7}, age=96, sex="male")


def test_nearest_band_only_with_a_warning() -> None:
    s = score("chair-stand-30s", {"value": 12}, age=58, sex="female", nearest_band=True)
    assert s.normal_range == (12, 17)
    assert any("outside the norm table" in w for w in s.warnings)


@pytest.mark.parametrize(
    ("test", "values"),
    [("chair-stand-30s", {"value": -1}), ("chair-stand-30s", {"value": 12.5}),
     ("tug", {"value": 0.5}), ("tug", {"value": "fast"}), ("four-stage-balance", {"stage": 5}),
     ("single-leg-stance", {"value": 60}), ("nordic", {"left": 300, "right": 5000}),
     ("nordic", {"left": 300, "right": 300, "population": "rugby"}),
     ("tug", {"value": 10, "left": 3})],
)  # fmt: skip
def test_impossible_values(test: str, values: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        score(test, values, age=70, sex="female")


def test_missing_required_input() -> None:
    with pytest.raises(InvalidInput, match="needs right") as e:
        score("knee-to-wall", {"left": 10})
    assert e.value.field == "right" and "{value:right}" in e.value.message


def test_impossible_person() -> None:
    with pytest.raises(InvalidInput, match="age"):
        score("tug", {"value": 10}, age=150)
    with pytest.raises(InvalidInput, match="sex"):
        score("tug", {"value": 10}, sex="x")
    with pytest.raises(InvalidInput, match="mass"):
        score("cmj", {"height-cm": 30}, mass_kg=2)


def test_json_contract_keys() -> None:
    doc = score("tug", {"value": 13}).as_json()
    assert list(doc) == ["test", "inputs", "value", "unit", "rating", "normal_range",
                         "percentile", "flags", "derived", "warnings", "sources",
                         "extrapolated"]  # fmt: skip
    assert doc["flags"] == ["fall-risk"] and doc["inputs"] == {"value": 13.0}
