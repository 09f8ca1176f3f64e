"""The progression parameters a user can see and change, each with its default and its source.

Keys are ``rule.name`` (``linear.increment_kg``). An athlete's overrides live in
``athlete.profile["progression"]`` as ``{"linear.increment_kg": 5}``; an override for one exercise
is written ``"back-squat:linear.increment_kg"``, and ``"back-squat:rule"`` picks that exercise's
rule (one of :data:`RULES`).

Sources (docs/evidence/sources.md): SL5X5 = StrongLifts 5×5 as summarised by
allthingsgym/MyFitnessPal; WGER2480 = wger-project/wger#2480; ACSM09 = Ratamess et al. 2009;
W531 = Wendler 2009; ROGERSON24 = Rogerson et al. 2024; R17/R19 = docs/evidence/rules.md rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from legday.domain.errors import InvalidInput
from legday.domain.terms import slot
from legday.domain.units import Unit, to_kg

RuleName = Literal["linear", "double", "rpe", "waves", "holds", "contacts", "repeat"]
RULES: tuple[RuleName, ...] = ("linear", "double", "rpe", "waves", "holds", "contacts", "repeat")


@dataclass(frozen=True, slots=True)
class ParamSpec:
    key: str
    default: float
    lo: float
    hi: float
    whole: bool  # a count (sets, failures, days) rather than a quantity
    meaning: str
    source: str
    # The default for an athlete who lifts in pounds, in lb (None: the kg default converted).
    # Pound plates do not divide into kilogram steps: converting 2.5 kg gives 5.51 lb, a jump no
    # pound plate set can make, so a mass step has its own pound-native default.
    default_lb: float | None = None

    def default_for(self, unit: Unit) -> float:
        """The default in kg (every ``*_kg`` key is stored in kg) for an athlete in ``unit``."""
        if unit == "lb" and self.default_lb is not None:
            return to_kg(self.default_lb, "lb")
        return self.default


def _p(
    key: str, default: float, lo: float, hi: float, meaning: str, source: str,
    lb: float | None = None,
) -> ParamSpec:  # fmt: skip
    return ParamSpec(key, default, lo, hi, False, meaning, source, lb)


def _n(key: str, default: int, lo: int, hi: int, meaning: str, source: str) -> ParamSpec:
    return ParamSpec(key, float(default), float(lo), float(hi), True, meaning, source)


SPECS: tuple[ParamSpec, ...] = (
    # Pounds: US plates come in 2.5 lb pairs, so 5 lb is the smallest common jump on a bar; it
    # plays 2.5 kg's role (SL5X5's pound version: +5 lb squat, +10 lb deadlift per session).
    _p("linear.increment_kg", 2.5, 0.5, 20, "load added after a successful session",
       "SL5X5: +2.5 kg (5 lb) squat/press per session", lb=5.0),
    _p("linear.hinge_increment_kg", 5.0, 0.5, 20, "load added for barbell hinges (deadlift)",
       "SL5X5: +5 kg (10 lb) deadlift per session", lb=10.0),
    _n("linear.fail_limit", 3, 1, 10, "failed sessions in a row before a deload",
       "SL5X5: deload after 3 failures"),
    _p("linear.deload_factor", 0.90, 0.5, 0.99, "load kept after a stall deload",
       "SL5X5: −10 % after 3 failures"),
    _n("linear.sets", 3, 1, 10, "working sets when no plan says otherwise",
       "SL5X5 3×5 variant; docs/evidence/rules.md#r8: novices ≤ 3 working sets"),
    _n("linear.reps", 5, 1, 20, "reps per set when no plan says otherwise", "SL5X5: sets of 5"),
    _n("double.rep_min", 8, 1, 30, "bottom of the rep range", "ACSM09: 8–12 RM for novices"),
    _n("double.rep_max", 12, 2, 40, "top of the rep range (every set must reach it)",
       "ACSM09: 8–12 RM; WGER2480: gate on the top, all sets"),
    _p("double.increment_kg", 2.5, 0.25, 20, "load added once every set reached the top",
       "AbhyasKanaujia/progressive-overload#6: +2.5 kg compound (5 lb: smallest pair of "
       "2.5 lb plates)", lb=5.0),
    _p("double.isolation_increment_kg", 1.0, 0.25, 20, "load added for single-joint exercises",
       "AbhyasKanaujia/progressive-overload#6: +1–2 kg isolation (2.5 lb, the smallest "
       "pound plate)", lb=2.5),
    _n("double.fail_limit", 3, 1, 10, "sessions without rep progress before a deload",
       "SL5X5's 3-failure rule, applied to rep progress (legday choice)"),
    _p("double.deload_factor", 0.90, 0.5, 0.99, "load kept after a stall deload", "SL5X5: −10 %"),
    _p("rpe.target_rpe", 8.0, 5, 10, "target RPE when no plan says otherwise",
       "docs/evidence/doses.md#rpe-load-adjustment example; ZOURDOS16 RPE = 10 − RIR"),
    _n("rpe.target_reps", 5, 1, 12, "target reps when no plan says otherwise",
       "docs/evidence/formulas.md#rpe-chart chart covers 1–12 reps"),
    _p("rpe.max_step", 0.10, 0.02, 0.20, "largest load change between sessions (fraction)",
       "ACSM09: 2–10 % steps"),
    _p("rpe.in_session_drop", 0.025, 0.0, 0.10, "next-set load cut per RPE point over target",
       "docs/evidence/doses.md#rpe-load-adjustment: drop ~2–5 % (magnitude UNVERIFIED)"),
    _n("rpe.stall_exposures", 3, 2, 10, "exposures of falling e1RM that count as a stall",
       "docs/evidence/doses.md#deloads: e1RM trend down ≥ 2 weeks (practitioner, UNVERIFIED)"),
    _p("rpe.deload_factor", 0.90, 0.5, 0.99, "load kept in a stall deload",
       "docs/evidence/doses.md#deloads legday default: ≤ 90 % of the preceding week"),
    _p("waves.tm_factor", 0.90, 0.7, 1.0, "training max as a fraction of the 1RM",
       "W531: TM = 90 %"),
    _p("waves.tm_increment_kg", 5.0, 0.5, 20, "TM added after each 4-week cycle (legs)",
       "W531: +5 kg (10 lb) squat/deadlift per cycle", lb=10.0),
    _p("waves.reset_factor", 0.90, 0.5, 1.0, "TM after a missed '+' set, × the set's e1RM",
       "W531 reset rule UNVERIFIED; legday re-derives TM as it was first set"),
    _p("holds.start_s", 20, 5, 120, "first hold time", "docs/evidence/doses.md#fifa-11: level-1 "
        "holds 20–30 s"),
    _p("holds.step_s", 5, 1, 30, "seconds added per week on success",
       "docs/evidence/doses.md#holds-balance-and-plyometric-progressions: +5–10 s per week "
       "(practitioner, UNVERIFIED)"),
    _p("holds.max_s", 60, 10, 300, "hold time after which the harder variant/level follows",
       "legday choice; docs/evidence/doses.md#holds-balance-and-plyometric-progressions: 'up to "
       "the target hold, then the harder variant'"),
    _n("holds.step_days", 7, 1, 28, "days between two steps up",
        "docs/evidence/doses.md#holds-balance-and-plyometric-progressions: per week"),
    _n("contacts.step", 2, 1, 20, "contacts added per set per week on success",
       "legday choice within docs/evidence/doses.md#holds-balance-and-plyometric-progressions "
       "'contacts first, within the cap'"),
    _n("contacts.cap", 100, 20, 200, "contacts per session for this drill at most",
       "R19 [TEAMMPI][PLYOPLAN]: novice 100 / intermediate 120 / advanced 140"),
    _n("contacts.step_days", 7, 1, 28, "days between two steps up",
       "docs/evidence/doses.md#holds-balance-and-plyometric-progressions: never raise contacts and "
       "intensity in the same week"),
    _n("stall.fail_limit", 3, 1, 10, "failed exposures in a row before holds/contacts step back",
       "SL5X5: 3 failures"),
    _n("break.days", 14, 7, 120, "days away that count as a break",
       "legday choice: Bosquet et al. 2013 (Scand J Med Sci Sports 23:e140) found strength "
       "kept for ~3 weeks of cessation (UNVERIFIED here)"),
    _p("break.factor", 0.90, 0.5, 1.0, "load kept after a break",
       "legday choice, as SL5X5's −10 %"),
    _n("break.long_days", 28, 14, 365, "days away that count as a long break", "legday choice"),
    _p("break.long_factor", 0.80, 0.3, 1.0, "load kept after a long break", "legday choice"),
    _p("deload.set_factor", 0.70, 0.3, 1.0, "sets kept in a deload week",
       "R17 [ROGERSON24][BELL22]: ≥ 30 % fewer hard sets"),
    _p("deload.load_factor", 0.90, 0.4, 1.0, "load kept in a deload week",
       "docs/evidence/doses.md#deloads legday default: top intensity ≤ 90 %"),
    _p("deload.rpe_cap", 7.0, 5, 9, "highest target RPE in a deload week",
       "docs/evidence/doses.md#deloads legday default: RPE ≤ 7"),
)  # fmt: skip
BY_KEY: dict[str, ParamSpec] = {s.key: s for s in SPECS}
# Session caps by level (R19): the default of contacts.cap depends on the athlete's level.
CONTACT_CAP_BY_LEVEL: dict[str, int] = {"beginner": 100, "intermediate": 120, "advanced": 140}


@dataclass(frozen=True, slots=True)
class RuleParams:
    """Effective parameters for one exercise: defaults ← athlete overrides ← exercise overrides."""

    values: Mapping[str, float] = field(default_factory=dict)
    unit: Unit = "kg"

    def __getitem__(self, key: str) -> float:
        if key in self.values:
            return float(self.values[key])
        return BY_KEY[key].default_for(self.unit)

    def count(self, key: str) -> int:
        return round(self[key])


def check_value(key: str, value: object) -> float:
    """One override, validated: the key must exist and the value be a number in its range."""
    spec = BY_KEY.get(key)
    if spec is None:
        raise InvalidInput(
            f"unknown progression setting {key!r}",
            f"see {slot('progression_settings')} for the keys",
        )
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidInput(f"{key} = {value!r} is not a number", f"give {spec.lo:g}–{spec.hi:g}")
    try:
        number = float(value)
    except ValueError:
        raise InvalidInput(
            f"{key} = {value!r} is not a number", f"give {spec.lo:g}–{spec.hi:g}"
        ) from None
    if not spec.lo <= number <= spec.hi:
        raise InvalidInput(f"{key} = {number:g} is out of range", f"give {spec.lo:g}–{spec.hi:g}")
    if spec.whole and number != int(number):
        raise InvalidInput(f"{key} = {number:g} is not a whole number", "give a whole number")
    return number


def check_rule(value: object) -> RuleName:
    for r in RULES:
        if value == r:
            return r
    raise InvalidInput(f"unknown progression rule {value!r}", "use one of " + ", ".join(RULES))


def split_key(key: str) -> tuple[str | None, str]:
    """``"back-squat:linear.increment_kg"`` → ``("back-squat", "linear.increment_kg")``."""
    if ":" in key:
        exercise, name = key.split(":", 1)
        return exercise.strip() or None, name.strip()
    return None, key.strip()


def resolve(
    overrides: Mapping[str, object],
    exercise_id: str | None,
    unit: Unit = "kg",
    level: str = "beginner",
) -> RuleParams:
    """Effective parameters for ``exercise_id`` from an athlete's stored overrides (already
    validated when stored; anything unreadable is ignored rather than breaking `legday next`)."""
    values: dict[str, float] = {"contacts.cap": float(CONTACT_CAP_BY_LEVEL.get(level, 100))}
    scoped: dict[str, float] = {}
    for raw_key, raw in overrides.items():
        ex, key = split_key(str(raw_key))
        if key not in BY_KEY or ex not in (None, exercise_id):
            continue
        try:
            number = check_value(key, raw)
        except InvalidInput:
            continue
        (values if ex is None else scoped)[key] = number
    values.update(scoped)
    return RuleParams(values=values, unit=unit)


def rule_override(overrides: Mapping[str, object], exercise_id: str) -> RuleName | None:
    raw = overrides.get(f"{exercise_id}:rule")
    if raw is None:
        return None
    try:
        return check_rule(raw)
    except InvalidInput:
        return None
