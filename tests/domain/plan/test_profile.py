"""Profile merging, goal parsing and the assessment signals the planner reads."""

from __future__ import annotations

from datetime import date

import pytest

from legday.domain.errors import InvalidInput
from legday.domain.plan.profile import (
    build_profile,
    is_fall_prevention,
    parse_goals,
    signals_from,
)
from legday.domain.records import AthleteInfo
from legday.domain.weeks import next_monday

TODAY = date(2026, 11, 24)  # a Tuesday
ATH = AthleteInfo("A", age_years=30, sex="male", body_mass_kg=80.0, level="intermediate")


def test_goal_spellings_agree() -> None:
    want = {"strength": 2.0, "balance": 1.0}
    assert parse_goals("strength:2,balance") == want
    assert parse_goals(["strength:2", "balance"]) == want
    assert parse_goals({"strength": 2, "balance": 1}) == want


@pytest.mark.parametrize("bad", ["speed", "strength:x", "strength:0"])
def test_bad_goals_say_what_is_expected(bad: str) -> None:
    with pytest.raises(InvalidInput) as e:
        parse_goals(bad)
    assert e.value.hint


def test_later_layers_win_and_weights_normalise() -> None:
    stored = {"days": 2, "minutes": 30, "goals": "health"}
    flags = {"days": 4, "goals": ["strength:3", "power"]}
    p = build_profile(ATH, [stored, flags], TODAY)
    assert p.days == 4 and p.minutes == 30
    # 3 : 1 → 0.75 / 0.25, heaviest first; the stored goal is replaced, not merged
    assert p.goals == (("strength", 0.75), ("power", 0.25))
    assert p.level == "intermediate" and p.age == 30 and p.mass_kg == 80.0


def test_defaults() -> None:
    p = build_profile(ATH, [], TODAY)
    assert p.start == date(2026, 11, 30)  # the next Monday
    assert p.equipment == ("none",)
    old = build_profile(AthleteInfo("B", age_years=70), [], TODAY)
    assert dict(old.goals).keys() == {"strength", "balance"}


def test_next_monday_from_a_monday_is_a_week_later() -> None:
    assert next_monday(date(2026, 11, 30)) == date(2026, 12, 7)


@pytest.mark.parametrize(
    "layer",
    [
        {"days": 0},
        {"equipment": "rowing-machine"},
        {"limitations": "bad-knee"},
        {"level": "pro"},
        {"start": "next week"},
        {"colour": "red"},
    ],
)
def test_bad_profile_values_are_refused(layer: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        build_profile(ATH, [layer], TODAY)


def test_athlete_limitations_are_kept() -> None:
    a = AthleteInfo("C", age_years=40, limitations=("knee-pain",))
    p = build_profile(a, [{"limitations": ["low-back-pain"]}], TODAY)
    assert p.limitations == ("knee-pain", "low-back-pain")


def test_signals_from_assessment_scores() -> None:
    results = {
        "chair-stand-30s": {"rating": "below average", "flags": ["fall-risk"], "derived": {}},
        "nordic": {"rating": None, "flags": ["injury-risk"], "derived": {"threshold_n": 337}},
        "single-leg-hop": {
            "rating": None,
            "flags": ["asymmetry"],
            "derived": {"weaker_side": "left"},
        },
        "cmj": {"rating": None, "flags": [], "derived": {}},
    }
    s = signals_from(results)
    assert s.low_strength and s.fall_risk and s.nordic_low
    assert s.weak_side == "left"
    assert not s.frail and not s.poor_balance
    assert set(s.sources) == {"chair-stand-30s", "nordic", "single-leg-hop"}


def test_tug_and_balance_flags() -> None:
    s = signals_from(
        {
            "tug": {"flags": ["fall-risk"]},
            "four-stage-balance": {"flags": ["fall-risk"]},
        }
    )
    assert s.frail and s.poor_balance and s.fall_risk


def test_no_flags_no_signals() -> None:
    assert not signals_from({"chair-stand-30s": {"rating": "average", "flags": []}}).any


def test_fall_prevention_definition() -> None:
    # docs/evidence/rules.md: goal balance at ≥ 65, or ≥ 65 with a STEADI flag
    old = build_profile(AthleteInfo("D", age_years=72), [{"goals": "balance"}], TODAY)
    young = build_profile(AthleteInfo("E", age_years=30), [{"goals": "balance"}], TODAY)
    flagged = signals_from({"chair-stand-30s": {"flags": ["fall-risk"]}})
    assert is_fall_prevention(old, signals_from({}))
    assert not is_fall_prevention(young, signals_from({}))
    # R33: a STEADI flag enters the fall path only from age 60 [STEADI]
    assert not is_fall_prevention(young, flagged)
    sixty = build_profile(AthleteInfo("F", age_years=62), [{"goals": "strength"}], TODAY)
    assert is_fall_prevention(sixty, flagged)
    assert not is_fall_prevention(sixty, signals_from({}))
