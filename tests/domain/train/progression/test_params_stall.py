"""Parameters (defaults, overrides, validation) and the shared deload / break logic."""

from __future__ import annotations

import pytest
from tests.domain.train.progression.histories import day, hist, sess

from legday.domain.errors import InvalidInput
from legday.domain.train.progression import (
    Prescription,
    RuleParams,
    Scheme,
    SetTarget,
    StepLoading,
)
from legday.domain.train.progression.base import raise_load
from legday.domain.train.progression.params import SPECS, check_value, resolve, rule_override
from legday.domain.train.progression.stall import (
    break_before_today,
    deload_set_count,
    deload_week,
    replay,
)


def test_every_parameter_names_a_source_and_its_default_is_in_range() -> None:
    for s in SPECS:
        assert s.source.strip() and s.meaning.strip()
        assert s.lo <= s.default <= s.hi, s.key


def test_defaults_are_the_sources_numbers() -> None:
    p = RuleParams()
    assert p["linear.increment_kg"] == 2.5 and p["linear.hinge_increment_kg"] == 5.0  # SL5X5
    assert p.count("linear.fail_limit") == 3 and p["linear.deload_factor"] == 0.9  # SL5X5
    assert (p.count("double.rep_min"), p.count("double.rep_max")) == (8, 12)  # ACSM09
    assert p["waves.tm_factor"] == 0.9 and p["waves.tm_increment_kg"] == 5.0  # W531


def test_overrides_athlete_then_exercise() -> None:
    stored = {"linear.increment_kg": 5, "back-squat:linear.increment_kg": 1.25, "junk": 3}
    assert resolve(stored, "back-squat")["linear.increment_kg"] == 1.25
    assert resolve(stored, "deadlift")["linear.increment_kg"] == 5.0
    assert resolve({}, "x", level="advanced").count("contacts.cap") == 140  # R19


def test_bad_overrides_say_what_is_expected() -> None:
    with pytest.raises(InvalidInput, match="unknown progression setting"):
        check_value("linear.increment", 5)
    with pytest.raises(InvalidInput, match="out of range") as e:
        check_value("linear.deload_factor", 1.5)
    assert e.value.hint == "give 0.5–0.99"
    with pytest.raises(InvalidInput, match="not a whole number"):
        check_value("linear.fail_limit", 2.5)
    with pytest.raises(InvalidInput, match="not a number"):
        check_value("linear.increment_kg", "five")
    assert check_value("linear.increment_kg", "5") == 5.0


def test_rule_override() -> None:
    assert rule_override({"back-squat:rule": "waves"}, "back-squat") == "waves"
    assert rule_override({"back-squat:rule": "nonsense"}, "back-squat") is None


def test_deload_week_cuts_sets_load_and_effort() -> None:
    # R17: ≥ 30 % fewer sets: 3 → 2, 5 → 3, 4 → 2, 1 → 1
    p = RuleParams()
    assert [deload_set_count(n, p) for n in (1, 2, 3, 4, 5)] == [1, 1, 2, 2, 3]
    rx = Prescription(
        "sq", "linear", tuple(SetTarget(load_kg=100, reps=5, rpe=8) for _ in range(3)), "x"
    )
    d = deload_week(rx, p, StepLoading(20, 2.5))
    assert [(t.load_kg, t.rpe) for t in d.sets] == [(90.0, 7.0), (90.0, 7.0)] and d.deload


def test_raise_load_never_stalls_on_rounding() -> None:
    grid = StepLoading(20, 2.5)
    assert raise_load(100, 1.0, grid) == 102.5
    assert raise_load(100, 5.0, grid) == 105.0
    assert raise_load(100, 3.0, grid) == 102.5  # 103 rounds down to 102.5


def test_replay_starts_at_the_seed_and_carries_the_breaks() -> None:
    # Day 0 has no load (nothing to seed from); day 2 seeds; 20 days later is a break
    # (≥ 14 days, × 0.90), 30 days after that a long one (≥ 28 days, × 0.80); then 3 days.
    h = hist(
        [sess(0, (None, 10)), sess(2, (100, 5)), sess(22, (90, 5)), sess(52, (80, 5))],
        Scheme(sets=1, reps=5),
        today=55,
    )
    steps = list(replay(h, RuleParams(), lambda s: s.working_load))
    assert [s.day for s, _, _ in steps] == [day(2), day(22), day(52)]
    assert [seed for _, seed, _ in steps] == [100, None, None]
    gaps = [None if br is None else (br.days, br.factor) for _, _, br in steps]
    assert gaps == [None, (20, 0.9), (30, 0.8)]
    assert break_before_today(h, RuleParams()) is None  # 3 days is no break
    later = hist(list(h.sessions), Scheme(sets=1, reps=5), today=52 + 15)
    br = break_before_today(later, RuleParams())
    assert br is not None and (br.days, br.factor) == (15, 0.9)
