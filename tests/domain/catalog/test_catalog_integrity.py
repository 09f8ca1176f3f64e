"""Issue 4's integrity rules, checked over the shipped catalog data."""

from __future__ import annotations

import itertools

import pytest

from legday.domain.catalog import load
from legday.domain.catalog.model import (
    BENEFITS,
    EQUIPMENT,
    IMPACTS,
    LIMITATIONS,
    LOWER_PATTERNS,
    MUSCLES,
    PATTERNS,
)
from legday.domain.catalog.query import FULL_GYM, fits_equipment, progression_graph

IMPACT_RANK = {name: i for i, name in enumerate(IMPACTS)}


def test_counts_meet_the_issue() -> None:
    cat = load()
    lower = [ex for ex in cat if ex.is_lower]
    upper_core = [ex for ex in cat if not ex.is_lower and ex.region in ("upper", "core", "full")]
    assert len(lower) >= 150, len(lower)
    assert len(upper_core) >= 60, len(upper_core)


def test_every_referenced_id_exists_and_links_are_two_way() -> None:
    cat = load()
    for ex in cat:
        for ref in ex.regressions + ex.progressions:
            assert ref in cat, (ex.id, ref)
        for ref in ex.progressions:
            assert ex.id in cat.get(ref).regressions, (ex.id, ref)
        for ref in ex.regressions:
            assert ex.id in cat.get(ref).progressions, (ex.id, ref)


def test_progression_graph_has_no_cycle() -> None:
    assert progression_graph(load()).find_cycle() is None


def test_vocabularies_are_known() -> None:
    for ex in load():
        assert ex.pattern in PATTERNS, ex.id
        assert {m.muscle for m in ex.muscles} <= set(MUSCLES), ex.id
        assert set(ex.equipment) <= set(EQUIPMENT), ex.id
        assert set(ex.contraindications) <= set(LIMITATIONS), ex.id
        assert set(ex.benefits) <= set(BENEFITS), ex.id
        assert ex.impact in IMPACTS and 1 <= ex.level <= 5, ex.id


@pytest.mark.parametrize("pattern", LOWER_PATTERNS)
def test_each_lower_pattern_has_bodyweight_and_gym_options(pattern: str) -> None:
    exs = [ex for ex in load() if ex.pattern == pattern]
    bodyweight = [ex.id for ex in exs if ex.equipment == ("none",)]
    # "For a full gym": fits when everything is available, and actually uses some of it.
    gym = [ex.id for ex in exs if fits_equipment(ex, FULL_GYM) and ex.equipment != ("none",)]
    assert len(bodyweight) >= 3, (pattern, bodyweight)
    assert len(gym) >= 3, (pattern, gym)


def test_a_regression_is_never_harder() -> None:
    cat = load()
    for ex in cat:
        for rid in ex.regressions:
            easier = cat.get(rid)
            assert easier.level <= ex.level, (ex.id, rid)
            assert IMPACT_RANK[easier.impact] <= IMPACT_RANK[ex.impact], (ex.id, rid)


def test_shock_means_depth_or_drop_jumps_only() -> None:
    shock = {ex.id for ex in load() if ex.impact == "shock"}
    assert shock == {"depth-jump", "drop-jump"}


def test_plyometrics_carry_contacts_and_are_dosed_in_contacts() -> None:
    for ex in load():
        if ex.pattern == "plyometric":
            assert ex.contacts_per_rep is not None and ex.dose == "contacts", ex.id


def test_met_codes_come_from_the_energy_reference() -> None:
    # The 2011 Compendium rows quoted in docs/evidence/met.md, code -> MET.
    known = {
        "02050": 6.0, "02052": 5.0, "02054": 3.5, "02020": 8.0, "02022": 3.8, "02030": 3.5,
        "02035": 4.3, "02040": 8.0, "02065": 9.0, "02068": 11.0, "02101": 2.3, "02105": 3.0,
        "02150": 2.5, "02160": 4.0, "17151": 2.0, "17152": 2.8, "17170": 3.0, "17190": 3.5,
        "17200": 4.3, "17133": 4.0, "17134": 8.8, "17130": 8.0, "17070": 3.5, "12170": 15.0,
        "15670": 3.0, "15552": 8.8, "15551": 11.8, "15550": 12.3,
    }  # fmt: skip
    for ex in load():
        if ex.met_code is not None:
            assert known.get(ex.met_code) == ex.met, (ex.id, ex.met_code, ex.met)


def test_names_other_engineers_rely_on_exist() -> None:
    cat = load()
    for needed in (
        "back-squat", "front-squat", "goblet-squat", "bodyweight-squat", "romanian-deadlift",
        "conventional-deadlift", "trap-bar-deadlift", "hip-thrust", "glute-bridge",
        "bulgarian-split-squat", "split-squat", "walking-lunge", "reverse-lunge", "step-up",
        "leg-press", "leg-extension", "lying-leg-curl", "seated-leg-curl",
        "nordic-hamstring-curl", "copenhagen-adduction", "copenhagen-adduction-short-lever",
        "standing-calf-raise", "seated-calf-raise", "tibialis-raise", "single-leg-stance",
        "tandem-stance", "sit-to-stand", "box-jump", "countermovement-jump", "squat-jump",
        "depth-jump", "drop-jump", "pogo-jump", "broad-jump", "lateral-bound", "single-leg-hop",
        "hip-flexor-stretch", "ankle-dorsiflexion-mobilisation", "90-90-hip-switch",
    ):  # fmt: skip
        assert needed in cat, needed


def test_region_agrees_with_pattern() -> None:
    for ex in load():
        if ex.pattern in LOWER_PATTERNS:
            assert ex.region in ("lower", "full"), ex.id
        elif ex.pattern in ("upper-push", "upper-pull"):
            assert ex.region in ("upper", "full"), ex.id
        elif ex.pattern == "core":
            assert ex.region in ("core", "full"), ex.id


# Programme content, from docs/evidence/doses.md (docs/evidence/doses.md#otago Otago,
# docs/evidence/doses.md#fifa-11 FIFA 11+, docs/evidence/doses.md#nordic-hamstring-exercise Nordic,
# docs/evidence/doses.md#copenhagen-adduction Copenhagen, docs/evidence/doses.md#plyometrics
# plyometric ladder, docs/evidence/doses.md#mobility-and-stretching mobility).
OTAGO_STRENGTH = ["otago-front-knee", "otago-back-knee", "otago-side-hip", "otago-calf-raise",
                  "otago-toe-raise"]  # fmt: skip
OTAGO_BALANCE = [
    "otago-knee-bend", "backwards-walking", "walking-and-turning", "sideways-walking",
    "tandem-stance", "supported-tandem-stance", "tandem-walk", "single-leg-stance",
    "supported-single-leg-stance", "heel-walking", "toe-walking", "heel-toe-walking-backwards",
    "sit-to-stand", "stair-walking",
]  # fmt: skip
FIFA_11 = {
    1: ["fifa-running-straight", "fifa-running-hip-out", "fifa-running-hip-in",
        "fifa-running-circling-partner", "fifa-running-shoulder-contact",
        "fifa-running-forwards-backwards"],
    2: ["fifa-bench-static", "fifa-bench-alternate-legs", "fifa-bench-one-leg",
        "fifa-sideways-bench-static", "fifa-sideways-bench-hip-raise", "side-plank-hip-abduction",
        "nordic-hamstring-curl", "fifa-single-leg-stance-ball", "fifa-single-leg-stance-throw",
        "fifa-single-leg-stance-partner", "fifa-squat-toe-raise", "fifa-walking-lunge",
        "fifa-one-leg-squat", "fifa-vertical-jump", "fifa-lateral-jump", "fifa-box-jumps"],
    3: ["fifa-running-across-pitch", "bounding", "fifa-plant-and-cut"],
}  # fmt: skip


def test_programme_exercises_are_all_there() -> None:
    cat = load()
    for ex_id in OTAGO_STRENGTH + OTAGO_BALANCE + [x for part in FIFA_11.values() for x in part]:
        assert ex_id in cat, ex_id
    # FIFA 11+ Part 2 levels run in order (squats, jumping, single-leg stance, benches).
    graph = progression_graph(cat)
    for chain in (
        ["fifa-squat-toe-raise", "fifa-walking-lunge", "fifa-one-leg-squat"],
        ["fifa-vertical-jump", "fifa-lateral-jump", "fifa-box-jumps"],
        ["fifa-single-leg-stance-ball", "fifa-single-leg-stance-throw",
         "fifa-single-leg-stance-partner"],
        ["fifa-bench-static", "fifa-bench-alternate-legs", "fifa-bench-one-leg"],
        ["fifa-sideways-bench-static", "fifa-sideways-bench-hip-raise",
         "side-plank-hip-abduction"],
        ["copenhagen-adduction-short-lever", "copenhagen-adduction"],  # Harøy 2019 levels
        ["band-assisted-nordic", "nordic-hamstring-curl"],
    ):  # fmt: skip
        for easier, harder in itertools.pairwise(chain):
            assert harder in graph.chain_up(easier), (easier, harder)


def test_plyometric_ladder_spans_low_to_shock_and_mobility_covers_the_legs() -> None:
    cat = load()
    plyo = {ex.impact for ex in cat if ex.pattern == "plyometric"}
    assert {"low", "moderate", "high", "shock"} <= plyo
    mobility = [ex for ex in cat if ex.pattern == "mobility"]
    for muscle in ("hip-flexors", "soleus", "gluteus-maximus", "hamstrings", "adductors"):
        assert any(muscle in ex.primary_muscles for ex in mobility), muscle
    sprint = [ex for ex in cat if ex.pattern == "sprint-agility"]
    assert any("shuttle" in ex.id or "drill" in ex.id for ex in sprint)  # change of direction
