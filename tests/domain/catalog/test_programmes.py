"""FIFA 11+ and Otago as data: the structure docs/evidence/doses.md describes, over real catalog
ids."""

from __future__ import annotations

import itertools

import pytest

from legday.domain.catalog import load
from legday.domain.catalog.programmes import parse_programme, programme, programmes
from legday.domain.catalog.query import progression_graph
from legday.domain.errors import FileFormatError, NotFound


def test_fifa_11_plus_has_three_parts_and_fifteen_exercises() -> None:
    p = programme("fifa-11-plus")
    # docs/evidence/doses.md#fifa-11 table
    assert [len(part.items) for part in p.parts] == [6, 6, 3]
    assert [i.number for part in p.parts for i in part.items] == list(range(1, 16))
    assert [part.minutes for part in p.parts] == [8, 10, 2]  # ≈ 20 min
    part2 = p.parts[1].items
    # Part 2: three levels each, except the Nordic whose levels differ only in repetitions.
    assert [len(i.levels) for i in part2] == [3, 3, 1, 3, 3, 3]
    assert p.exercise_ids(level=3)[-3:] == (
        "fifa-running-across-pitch", "bounding", "fifa-plant-and-cut",
    )  # fmt: skip


def test_otago_has_five_strength_and_twelve_balance_exercises() -> None:
    p = programme("otago")
    parts = {part.name: part for part in p.parts}
    assert len(parts["Strength (ankle cuff weights)"].items) == 5
    assert len(parts["Balance"].items) == 12
    assert "3 times a week" in p.frequency and "30 min" in p.frequency


def test_levels_run_from_easier_to_harder_in_the_catalog() -> None:
    graph = progression_graph(load())
    for prog in programmes().values():
        for part in prog.parts:
            for item in part.items:
                for easier, harder in itertools.pairwise(item.levels):
                    assert harder in graph.chain_up(easier), (prog.id, item.title)


def test_unknown_ids_and_programmes_are_errors() -> None:
    text = 'id="x"\nname="X"\nsource="s"\nfrequency="f"\n[[part]]\nname="p"\n'
    text += '[[part.item]]\ntitle="t"\nlevels=["no-such-exercise"]\n'
    with pytest.raises(FileFormatError, match="no-such-exercise"):
        parse_programme("x.toml", text, load())
    with pytest.raises(NotFound, match="fifa-11-plus"):
        programme("fifa-11")
    doc = programme("otago").as_json()
    assert list(doc) == ["id", "name", "source", "frequency", "parts"]
