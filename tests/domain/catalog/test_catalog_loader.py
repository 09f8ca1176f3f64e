"""The loader's schema errors, Catalog lookups and the query helpers."""

from __future__ import annotations

import pytest

from legday.domain.catalog import load
from legday.domain.catalog.query import (
    allowed_for,
    by_pattern,
    easier_options,
    filter_exercises,
    fits_equipment,
    harder_options,
    progression_graph,
)
from legday.domain.catalog.registry import build
from legday.domain.catalog.schema import RecordError
from legday.domain.errors import FileFormatError, InvalidInput, NotFound

GOOD = """
[defaults]
region = "lower"
pattern = "squat"
laterality = "bilateral"
impact = "none"
benefits = ["strength"]
cues = ["one", "two"]

[[exercise]]
id = "a"
name = "A"
primary = ["quadriceps"]
equipment = ["none"]
level = 1
progressions = ["b"]

[[exercise]]
id = "b"
name = "B"
primary = ["quadriceps"]
equipment = ["barbell"]
level = 2
"""


def test_a_small_file_builds_and_links_both_ways() -> None:
    cat = build([("t.toml", GOOD)])
    assert cat.ids == ("a", "b") and "a" in cat and len(cat) == 2
    assert cat.get("b").regressions == ("a",)  # derived from a's progressions
    assert cat.get("a").muscles[0].weight == 1.0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            (
                'primary = ["quadriceps"]\nequipment = ["none"]',
                'primary = ["quads"]\nequipment = ["none"]',
            ),
            "primary",
        ),
        (('equipment = ["barbell"]', 'equipment = ["rack"]'), "equipment"),
        (("level = 2", "level = 7"), "level"),
        (('progressions = ["b"]', 'progressions = ["zzz"]'), "progressions"),
        (('name = "B"', 'name = "B"\nimpact = "huge"'), "impact"),
        (('name = "B"', 'name = "B"\ncolour = "red"'), "colour"),
        (('name = "B"', 'name = "B"\nmet = 5.0'), "met"),
        (('id = "b"', 'id = "Bad Id"'), "id"),
        (('name = "B"', 'name = "B"\nhard_unloaded = "yes"'), "hard_unloaded"),
    ],
)
def test_schema_errors_name_file_record_and_field(change: tuple[str, str], field: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(RecordError) as info:
        build([("fam.toml", GOOD.replace(old, new, 1))])
    err = info.value
    assert err.field == field
    assert "fam.toml" in str(err) and repr(err.record) in str(err) and field in str(err)


def test_hard_unloaded_is_read_and_defaults_to_false() -> None:
    cat = build([("t.toml", GOOD.replace("level = 1", "level = 1\nhard_unloaded = true", 1))])
    assert cat.get("a").hard_unloaded is True
    assert cat.get("b").hard_unloaded is False


def test_duplicate_ids_across_files_and_broken_toml_are_reported() -> None:
    with pytest.raises(RecordError, match=r"also defined in one\.toml"):
        build([("one.toml", GOOD), ("two.toml", GOOD)])
    with pytest.raises(FileFormatError, match=r"bad\.toml: not valid TOML"):
        build([("bad.toml", "[[exercise]\nid=")])


def test_get_suggests_close_ids() -> None:
    with pytest.raises(NotFound) as info:
        load().get("back-squats")
    assert "back-squat" in str(info.value)


def test_load_is_cached_and_versioned_by_content() -> None:
    assert load() is load()
    a = build([("t.toml", GOOD)]).version
    assert a == build([("t.toml", GOOD)]).version and len(a) == 12
    assert a != build([("t.toml", GOOD.replace('name = "B"', 'name = "Bee"'))]).version


def test_filters() -> None:
    cat = load()
    bodyweight_calves = filter_exercises(cat, muscle="calves", equipment=["none"])
    assert bodyweight_calves
    assert all(ex.equipment == ("none",) for ex in bodyweight_calves)
    assert all(
        {"gastrocnemius", "soleus"} & {m.muscle for m in ex.muscles} for ex in bodyweight_calves
    )
    plyo_ok = filter_exercises(cat, pattern="plyometric", exclude_limitations=["knee-pain"])
    assert "depth-jump" not in {ex.id for ex in plyo_ok}
    assert {ex.id for ex in by_pattern(cat, "hip-adduction")} >= {"copenhagen-adduction"}
    assert all(ex.region == "upper" for ex in filter_exercises(cat, region="upper"))
    assert all("balance" in ex.benefits for ex in filter_exercises(cat, benefit="balance"))
    with pytest.raises(InvalidInput, match="unknown pattern"):
        filter_exercises(cat, pattern="legs")
    with pytest.raises(InvalidInput, match="unknown equipment"):
        filter_exercises(cat, equipment=["rack"])


def test_equipment_and_limitations_helpers() -> None:
    cat = load()
    hip_thrust = cat.get("hip-thrust")  # barbell + bench
    assert fits_equipment(hip_thrust, ["barbell", "bench"])
    assert not fits_equipment(hip_thrust, ["barbell"])
    assert fits_equipment(cat.get("glute-bridge"), [])  # "none" is always available
    assert not allowed_for(cat.get("depth-jump"), ["osteoporosis"])
    assert allowed_for(cat.get("glute-bridge"), ["osteoporosis"])


def test_progression_chains_follow_the_data() -> None:
    cat = load()
    graph = progression_graph(cat)
    # Copenhagen (Harøy 2019): short lever → long lever.
    assert "copenhagen-adduction" in graph.chain_up("copenhagen-adduction-short-lever")
    assert graph.chain_up("band-assisted-nordic")[:2] == (
        "nordic-hamstring-curl",
        "glute-ham-raise",
    )
    assert "copenhagen-adduction-short-lever" in graph.chain_down("copenhagen-adduction")
    harder = [e.id for e in harder_options(cat, "band-assisted-nordic")]
    assert harder[0] == "nordic-hamstring-curl"
    easier = [e.id for e in easier_options(cat, "depth-jump", ["balance-impairment"])]
    assert "box-jump" not in easier  # contraindicated for that limitation


def test_a_cycle_is_found() -> None:
    looped = GOOD.replace("level = 2\n", 'level = 2\nprogressions = ["a"]\n')
    graph = progression_graph(build([("loop.toml", looped)]))
    cycle = graph.find_cycle()
    assert cycle is not None and cycle[0] == cycle[-1] and set(cycle) == {"a", "b"}
