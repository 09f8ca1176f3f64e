"""Issue 13 item 8: stock leg names of Strong, Hevy, FitNotes and JEFIT map to the catalog, and a
known leg movement with a tempo, pause, stance, position or implement word maps to its base
exercise at a confidence that says so — never to a different movement."""

from __future__ import annotations

import pytest

from legday.domain.catalog.matching import CONF_EXACT, CONF_MODIFIER, match_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Calf Extension (Machine)", "leg-press-calf-raise"),  # Hevy
        ("Deadlift (Smith Machine)", "conventional-deadlift"),  # Hevy
        ("Iso Lateral Leg Press", "leg-press"),  # Strong
        ("Trap Bar Romanian Deadlift", "romanian-deadlift"),  # JEFIT
        ("Stability Ball Hamstring Curl", "slider-leg-curl"),
        ("Swiss Ball Leg Curls", "slider-leg-curl"),  # FitNotes
    ],
)
def test_stock_leg_names(raw: str, expected: str) -> None:
    assert match_name(raw).id == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ATG Squat", "back-squat"),  # Strong
        ("Pause Deadlift", "conventional-deadlift"),  # Strong
        ("Tempo Squat", "back-squat"),
        ("B-Stance RDL", "romanian-deadlift"),
        ("Seated Good Morning", "good-morning"),
        ("Pin Squat", "back-squat"),
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
