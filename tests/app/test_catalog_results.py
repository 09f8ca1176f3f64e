"""Catalog results: one exercise with its links named or as ids, and the coverage counts."""

from __future__ import annotations

from legday.app import catalog


def test_show_names_the_links_and_list_keeps_ids() -> None:
    nordic = catalog.show("nordic-hamstring-curl")
    # From the catalog data (knee.toml): one regression and one progression.
    shown = catalog.exercise_view(nordic, named_links=True).as_json()
    assert shown["regressions"] == [
        {"id": "band-assisted-nordic", "name": "Band-Assisted Nordic Hamstring Curl"}
    ]
    assert shown["progressions"] == [{"id": "glute-ham-raise", "name": "Glute-Ham Raise"}]
    listed = catalog.exercise_view(nordic).as_json()
    assert (listed["regressions"], listed["progressions"]) == (
        ["band-assisted-nordic"],
        ["glute-ham-raise"],
    )
    assert {k: v for k, v in listed.items() if k not in ("regressions", "progressions")} == {
        k: v for k, v in shown.items() if k not in ("regressions", "progressions")
    }


def test_coverage_counts_every_exercise_once() -> None:
    cov = catalog.catalog_coverage()
    everything = catalog.list_exercises()
    assert cov.exercises == len(everything) > 0
    legs = [e for e in everything if e.region == "lower" or e.pattern in ("squat", "hinge")]
    assert cov.lower_body >= len(legs)
    assert cov.lower_body + cov.upper_body_and_core == cov.exercises
    assert sum(cov.region.values()) == sum(cov.pattern.values()) == cov.exercises
    assert cov.as_json()["region"] == cov.region
