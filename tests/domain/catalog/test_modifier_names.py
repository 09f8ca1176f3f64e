"""Issue 13 item 8: stock leg names of Strong, Hevy, FitNotes and JEFIT map to the catalog, and a
known leg movement with a tempo, pause, stance, position or implement word maps to its base
exercise at a confidence that says so — never to a different movement."""

from __future__ import annotations

import pytest

from legday.domain.catalog.matching import CONF_EXACT, CONF_MODIFIER, match_name


def judged(name: str) -> set[str]:
    """The right ids for a name of the sample exports, as judged once in
    tests/data/exercise_name_judgements.toml (the one place those judgements are declared)."""
    from tests.domain.catalog.test_match_samples import judgements

    return set(judgements()[name].split("|"))


# Stock names of the sample exports: what each means is judged in the data file, not here.
STOCK = [
    "Calf Extension (Machine)",  # Hevy
    "Deadlift (Smith Machine)",  # Hevy
    "Iso Lateral Leg Press",  # Strong
    "Trap Bar Romanian Deadlift",  # JEFIT
    "Swiss Ball Leg Curls",  # FitNotes
]


@pytest.mark.parametrize("raw", STOCK)
def test_stock_leg_names(raw: str) -> None:
    assert match_name(raw).id in judged(raw)


def test_a_stock_name_outside_the_samples() -> None:
    assert match_name("Stability Ball Hamstring Curl").id == "slider-leg-curl"


@pytest.mark.parametrize("raw", ["ATG Squat", "Pause Deadlift", "Pin Squat"])  # Strong samples
def test_sample_names_with_a_modifier_map_to_the_judged_base_movement(raw: str) -> None:
    m = match_name(raw)
    assert m.id in judged(raw) and (m.method, m.confidence) == ("modifier", CONF_MODIFIER)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tempo Squat", "back-squat"),
        ("B-Stance RDL", "romanian-deadlift"),
        ("Seated Good Morning", "good-morning"),
        ("Contralateral Split Squat", "split-squat"),
        ("Paused Sumo Deadlift", "sumo-deadlift"),  # the modifier goes, the movement stays
        ("Kickstand RDL", "romanian-deadlift"),
    ],
)
def test_modifiers_map_to_the_base_movement_at_a_lower_confidence(raw: str, expected: str) -> None:
    m = match_name(raw)
    assert (m.id, m.method, m.confidence) == (expected, "modifier", CONF_MODIFIER)
    assert CONF_MODIFIER < CONF_EXACT


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Band Squat", None),  # a band instead of the bar: not the barbell back squat
        ("Practice Squat", None),  # a label, not a modifier
        ("Sumo Deadlift (Smith Machine)", None),
        ("Reverse Nordic Tempo", "reverse-nordic"),  # not the Nordic hamstring curl
        ("Tempo Front Squat", "front-squat"),  # not the back squat
        ("Seated Dumbbell Press", "dumbbell-shoulder-press"),  # upper body: no modifier rule
    ],
)
def test_modifiers_never_make_another_movement(raw: str, expected: str | None) -> None:
    assert match_name(raw).id == expected
