"""Rule choice, plate loading and rest for the next session (rule_choice.py, prescription.py)."""

from __future__ import annotations

from datetime import date

import pytest
from tests.domain.train.progression.histories import sess

from legday.domain.catalog import load
from legday.domain.plan.model import Block
from legday.domain.train.plates import LoadingSetup, default_setup
from legday.domain.train.prescription import (
    PlateLoading,
    prescribe_item,
    rest_for,
    rotation_next,
)
from legday.domain.train.rule_choice import choose_rule

CAT = load()


def block(ex: str, **kw: object) -> Block:
    base: dict[str, object] = {"kind": "strength", "exercise_id": ex, "sets": 3,
                               "intensity_key": "rpe", "intensity": 8.0, "rest_s": 120}  # fmt: skip
    base.update(kw)
    return Block(**base)  # type: ignore[arg-type]


def rule(
    ex: str, b: Block | None = None, history: list | None = None, level: str = "beginner"
) -> str:
    return choose_rule(CAT.get(ex), b, history or [], {}, level, ex)


def test_rule_from_the_dose_and_the_plan() -> None:
    assert rule("single-leg-stance") == "holds"  # dose seconds
    assert rule("box-jump") == "contacts"  # dose contacts
    assert rule("back-squat", block("back-squat", reps=5)) == "rpe"  # an RPE target
    assert rule("back-squat", block("back-squat", reps=8, rep_range=(8, 12))) == "double"
    warm = block("goblet-squat", kind="warmup", reps=5, intensity_key="pct_1rm", intensity=50.0)
    assert rule("goblet-squat", warm) == "repeat"


def test_a_plan_rule_the_dose_cannot_carry_is_ignored() -> None:
    # a sprint measured in metres cannot progress by contacts
    sprint = block("fifa-running-forwards-backwards", reps=1, progression="contacts",
                   intensity_key="level", intensity="acceleration-20m")  # fmt: skip
    assert rule("fifa-running-forwards-backwards", sprint) == "repeat"
    # linear needs a load; band-assisted Nordics graded by the plan's levels are done as planned
    nordic = block("band-assisted-nordic", reps=5, progression="linear", intensity_key="level",
                   intensity="slow-eccentric")  # fmt: skip
    assert rule("band-assisted-nordic", nordic) == "repeat"


def test_rule_from_history() -> None:
    five = [sess(0, (100, 5), (100, 5), (100, 5))]
    assert rule("back-squat", None, five) == "linear"  # novice barbell sets of 5
    assert rule("back-squat", None, five, level="intermediate") == "double"
    rated = [sess(0, (100, 5, 8), (100, 5, 8))]
    assert rule("back-squat", None, rated, level="intermediate") == "rpe"
    assert rule("leg-press", None, five) == "double"  # a machine, not a barbell
    over = choose_rule(
        CAT.get("back-squat"), None, five, {"back-squat:rule": "waves"}, "x", "back-squat"
    )
    assert over == "waves"


def test_rest_periods_follow_acsm() -> None:
    assert rest_for(CAT.get("back-squat"), 5, "reps") == 180  # heavy ≤ 6 reps: 3–5 min
    assert rest_for(CAT.get("back-squat"), 10, "reps") == 120  # 2–3 min
    assert rest_for(CAT.get("leg-extension"), 12, "reps") == 90  # single-joint: 1–2 min
    assert rest_for(CAT.get("box-jump"), None, "contacts") == 90


def test_plate_loading_rounds_to_real_plates() -> None:
    kg = PlateLoading(default_setup("kg"))
    assert kg.down(103.0) == 102.5 and kg.up(101.0) == 102.5
    # only 25/20/15 kg plates: 90 is 20 + 15 a side; 95 cannot be built → 90
    odd = PlateLoading(LoadingSetup("kg", 20.0, (25.0, 20.0, 15.0)))
    assert odd.down(95.0) == 90.0 and odd.up(91.0) == 100.0


def test_prescribe_item_with_plates_and_lb() -> None:
    lb = 0.45359237
    item = prescribe_item(
        "back-squat", CAT.get("back-squat"), None, [sess(0, *[(225 * lb, 5)] * 3)],
        today=date(2026, 1, 7), overrides={}, level="beginner", unit="lb",
        setup=default_setup("lb"),
    )  # fmt: skip
    # +5 lb (the pound increment) → 230 lb: 45 + 45 + 2.5 a side on a 45 lb bar
    assert item.prescription.sets[0].load_kg == pytest.approx(230 * lb)
    assert item.plates[0] == (45.0, 45.0, 2.5) and item.rule == "linear"


def test_an_lb_athlete_progresses_in_pound_steps() -> None:
    lb = 0.45359237
    # micro plates (0.25 lb) make every half pound buildable, so rounding cannot hide the step:
    # 2.5 kg converted (5.51 lb) would give 230.5 lb; the pound-native 5 lb gives 230 lb
    fine = LoadingSetup("lb", 45.0, (45.0, 25.0, 10.0, 5.0, 2.5, 1.25, 0.25))

    def item(ex: str, unit: str = "lb", setup: LoadingSetup = fine, b: Block | None = None):
        return prescribe_item(
            ex, CAT.get(ex), b, [] if b else [sess(0, *[(225 * lb, 5)] * 3)],
            today=date(2026, 1, 7), overrides={}, level="beginner", unit=unit,  # type: ignore[arg-type]
            setup=setup,
        )  # fmt: skip

    sq = item("back-squat")
    assert sq.prescription.sets[0].load_kg == pytest.approx(230 * lb)
    assert sq.increment_kg == pytest.approx(5 * lb)
    assert "+5 lb:" in sq.prescription.why
    dl = item("conventional-deadlift")  # hinges: +10 lb (the pound twin of SL5X5's +5 kg)
    assert dl.prescription.sets[0].load_kg == pytest.approx(235 * lb)
    # a kg athlete keeps +2.5 kg
    kg = item("back-squat", "kg", default_setup("kg"))
    assert kg.increment_kg == 2.5
    # a plan's 60 kg start (132.28 lb) becomes what pound plates build: 45 + 2 × 42.5 = 130 lb
    start = item("back-squat", setup=default_setup("lb"), b=block("back-squat", reps=5,
                 intensity_key=None, intensity=None, load_kg=60.0))  # fmt: skip
    assert start.rule == "linear"
    assert start.prescription.sets[0].load_kg == pytest.approx(130 * lb)
    assert "+5 lb per success" in start.prescription.why


def test_rotation() -> None:
    a, b, c = ("sq",), ("dl",), ("lunge",)
    assert rotation_next([a, b, a, b]) == a
    assert rotation_next([a, b, c, a, b]) == c
    assert rotation_next([a, b]) == a
    assert rotation_next([a]) == a and rotation_next([]) == ()


def test_plan_levels() -> None:
    from legday.domain.train.rule_choice import _level

    assert [_level(x) for x in (2, "3", "level 2", "L4", "B")] == [2, 3, 2, 4, 2]
    assert _level("acceleration-20m") is None and _level("static-stretch") is None


def _press(history: list, overrides: dict | None = None):
    return prescribe_item(
        "leg-press", CAT.get("leg-press"), None, history, today=date(2026, 1, 7),
        overrides=overrides or {}, level="intermediate", unit="kg", setup=default_setup("kg"),
    )  # fmt: skip


def test_double_range_follows_a_lifters_own_reps() -> None:
    # a 3 × 5 leg-presser: range 5–8 at the same load, not 8–12
    heavy = _press([sess(0, (150, 5), (150, 5), (150, 5))])
    assert heavy.rule == "double"
    assert [(t.load_kg, t.reps) for t in heavy.prescription.sets] == [(150.0, 6)] * 3
    top = _press([sess(0, (150, 8), (150, 8), (150, 8))])  # 8 reps sit inside the default 8–12
    assert [t.reps for t in top.prescription.sets] == [9, 9, 9]
    high = _press([sess(0, (80, 20), (80, 20), (80, 20))])  # 20–25
    assert [t.reps for t in high.prescription.sets] == [21, 21, 21]
    # the athlete's own range wins
    own = _press([sess(0, (150, 5), (150, 5), (150, 5))], {"double.rep_min": 8})
    assert [t.reps for t in own.prescription.sets] == [8, 8, 8]


def test_a_percent_block_before_any_logged_set_starts_at_the_plan_s_load() -> None:
    # The plan was made from a rep max (100 kg × 5 → e1RM 116.7 kg): its 80 % block carries
    # 92.5 kg. With nothing logged yet the gym prescription shows that load, not a blank.
    heavy = block("back-squat", sets=4, reps=4, intensity_key="pct_1rm", intensity=80.0,
                  load_kg=92.5)  # fmt: skip
    item = prescribe_item(
        "back-squat", CAT.get("back-squat"), heavy, [], today=date(2026, 1, 7), overrides={},
        level="intermediate", unit="kg", setup=default_setup("kg"),
    )  # fmt: skip
    assert [(t.load_kg, t.reps) for t in item.prescription.sets] == [(92.5, 4)] * 4
    assert "start load" in item.prescription.why
    # without a plan load there is still nothing to go on: reps only, and it says why
    bare = prescribe_item(
        "back-squat", CAT.get("back-squat"), block("back-squat", sets=4, reps=4,
        intensity_key="pct_1rm", intensity=80.0), [], today=date(2026, 1, 7), overrides={},
        level="intermediate", unit="kg", setup=default_setup("kg"),
    )  # fmt: skip
    assert all(t.load_kg is None for t in bare.prescription.sets)
    assert "no recent set" in bare.prescription.why
