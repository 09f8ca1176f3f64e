"""What recorded test results mean for planning: findings, and the return-to-sport battery.

Each test's data file says, in its ``[[triage]]`` entries, which of its flags or ratings mean
what (a finding kind), for which ages and sexes, and on whose cut-off. This module applies those
entries to the latest stored score of each test and words each finding for a person to read.
A score computed against an extrapolated norm (an age outside the table) never yields a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from legday.domain.assess import registry
from legday.domain.assess.model import FINDING_KINDS, TestSpec, TriageRule
from legday.domain.errors import NotFound

FindingKind = Literal[
    "steadi-screen-positive",  # steadi-screen: fell in the past year / unsteady / worried
    "fall-history",  # steadi-screen: fell in the past year (also raises screen-positive)
    "steadi-test-below-cutoff",  # TUG >= 12 s; chair stand below average; tandem < 10 s
    "balance-deficit",  # single-leg stance short etc.: more balance work, NOT a fall path
    "low-function",  # Senior Fitness Test below normal: fitness, NOT a fall cut-off
    "sport-screen-risk",  # Y-Balance anterior diff > 4 cm / composite < 94 % (girls)
    "mobility-asymmetry",  # knee-to-wall difference -> mobility + calf work on that side
    "strength-asymmetry",  # hop / Nordic / quadriceps LSI below threshold -> weaker side
    "nordic-weak",  # Nordic force below its injury-risk threshold
]
Side = Literal["left", "right"]
assert get_args(FindingKind) == FINDING_KINDS  # the data files are checked against FINDING_KINDS


@dataclass(frozen=True, slots=True)
class Finding:
    kind: FindingKind
    test_id: str
    side: Side | None  # the weaker / restricted / involved side, if any
    detail: str  # plain words: "anterior reach 62 vs 68 cm: left 6 cm shorter (> 4 cm)"
    source: str  # short key of the cut-off's paper, e.g. "PLISKY06", "STEADI"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "test_id": self.test_id,
            "side": self.side,
            "detail": self.detail,
            "source": self.source,
        }


def is_extrapolated(score: Mapping[str, Any]) -> bool:
    """True when the score was computed against the nearest band of a norm table. Scores stored
    before the ``extrapolated`` field existed are recognised by their warning."""
    if score.get("extrapolated"):
        return True
    warnings = score.get("warnings") or []
    return any("scored against the nearest band" in str(w) for w in warnings)


def triage(
    results: Mapping[str, Mapping[str, Any]], *, age: int | None, sex: str | None
) -> tuple[Finding, ...]:
    """Findings from the latest result of each test (test id → stored score JSON), in the order
    of the test list and then of each file's entries. ``age``/``sex`` are the person's now; when
    unknown, those stored with the score are used."""
    found: list[Finding] = []
    order = {t: i for i, t in enumerate(registry.TEST_IDS)}
    for test_id in sorted(results, key=lambda t: (order.get(t, len(order)), t)):
        score = results[test_id]
        spec = _spec(test_id)
        if spec is None or not isinstance(score, Mapping) or is_extrapolated(score):
            continue
        inputs = score.get("inputs") or {}
        who_age = age if age is not None else _int_or_none(inputs.get("age"))
        who_sex = sex if sex is not None else inputs.get("sex")
        flags = [str(f) for f in score.get("flags") or []]
        rating = score.get("rating")
        seen: set[tuple[str | None, str | None]] = set()
        for rule in spec.triage:
            key = (rule.flag, rule.rating)
            hit = rule.flag in flags if rule.flag is not None else rule.rating == rating
            if not hit or key in seen or not rule.applies(who_age, who_sex):
                continue
            seen.add(key)  # the first entry that fits the person decides what this flag means
            found.append(_finding(spec, rule, score))
    return tuple(found)


def _spec(test_id: str) -> TestSpec | None:
    try:
        return registry.get(test_id)
    except NotFound:  # a test removed from the data since it was recorded
        return None


def _int_or_none(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _g(v: float | None) -> str:
    return "?" if v is None else f"{v:g}"


def _side(v: Any) -> Side | None:
    return v if v in ("left", "right") else None


def _finding(spec: TestSpec, rule: TriageRule, score: Mapping[str, Any]) -> Finding:
    words = _DETAILS.get((spec.scorer, rule.flag or f"rating:{rule.rating}"))
    side, detail = words(score) if words else (None, _generic(spec, rule, score))
    kind: FindingKind = rule.kind  # type: ignore[assignment]  # checked on load
    return Finding(kind, spec.id, side, f"{detail} — {rule.why}", rule.source)


def _generic(spec: TestSpec, rule: TriageRule, score: Mapping[str, Any]) -> str:
    what = f"flag {rule.flag}" if rule.flag else f"rating {rule.rating}"
    return f"{spec.name}: {_g(_num(score.get('value')))} {score.get('unit', '')}, {what}"


def _lr(score: Mapping[str, Any]) -> tuple[float | None, float | None]:
    inputs = score.get("inputs") or {}
    return _num(inputs.get("left")), _num(inputs.get("right"))


def _y_anterior(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    left, right = _lr(score)
    if left is None or right is None:
        return None, f"anterior reach difference {_g(_num(score.get('value')))} cm (> 4 cm)"
    side: Side = "left" if left < right else "right"
    diff = round(abs(left - right), 2)
    return side, f"anterior reach {left:g} vs {right:g} cm: {side} {diff:g} cm shorter (> 4 cm)"


def _y_composite(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    d = score.get("derived") or {}
    cl, cr = _num(d.get("composite_left_pct")), _num(d.get("composite_right_pct"))
    side: Side | None = None
    if cl is not None and cr is not None:
        side = "left" if cl < cr else "right" if cr < cl else None
    return side, f"composite reach left {_g(cl)} %, right {_g(cr)} % of limb length (< 94 %)"


def _nordic_weak(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    d = score.get("derived") or {}
    side = _side(d.get("weaker_side"))
    weaker, cut = _num(score.get("value")), _num(d.get("threshold_n"))
    who = f"{side} " if side else ""
    return side, f"{who}eccentric force {_g(weaker)} N, below the {_g(cut)} N threshold"


def _nordic_imbalance(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    d = score.get("derived") or {}
    left, right = _lr(score)
    side = _side(d.get("weaker_side"))
    gap = _num(d.get("imbalance_pct"))
    return side, f"left {_g(left)} N vs right {_g(right)} N: {side} {_g(gap)} % weaker (> 10 %)"


def _knee_to_wall(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    d = score.get("derived") or {}
    side = _side(d.get("limited_side"))
    left, right = _num(d.get("left_cm")), _num(d.get("right_cm"))
    diff, mdc = _num(score.get("value")), _num(d.get("mdc_cm"))
    return side, (
        f"toe-to-wall left {_g(left)} vs right {_g(right)} cm: {side} {_g(diff)} cm less "
        f"(> {_g(mdc)} cm measurement error)"
    )


def _lsi(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    """LSI tests: the involved side, or (none named) the weaker one — the shorter hop, the
    slower timed hop, the lower force."""
    d = score.get("derived") or {}
    inputs = score.get("inputs") or {}
    side = _side(inputs.get("involved")) or _side(d.get("weaker_side"))
    if side is None:
        left, right = _lr(score)
        if left is not None and right is not None and left != right:
            lower_wins = bool(d.get("lower_is_better"))
            side = (
                ("left" if left > right else "right")
                if lower_wins
                else ("left" if left < right else "right")
            )
    lsi = _num(score.get("value"))
    cut = _num(d.get("lsi_threshold_pct"))
    who = f"{side} side " if side else ""
    return side, f"LSI {_g(lsi)} % ({who}weaker; criterion {_g(cut)} %)"


def _tug(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    cut = _num((score.get("derived") or {}).get("steadi_fall_risk_at_or_over_s"))
    return None, f"Timed Up and Go {_g(_num(score.get('value')))} s (≥ {_g(cut)} s)"


def _chair(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    d = score.get("derived") or {}
    band = d.get("age_band") or []
    sex = (score.get("inputs") or {}).get("sex", "")
    who = f"{sex} {band[0]}–{band[1]}" if len(band) == 2 else str(sex)
    cut = _num(d.get("steadi_below_average_if_under"))
    return None, (
        f"{_g(_num(score.get('value')))} chair stands in 30 s, below the STEADI average for "
        f"{who} (< {_g(cut)})"
    )


def _four_stage(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    d = score.get("derived") or {}
    held = d.get("stages_held") or []
    last = held[-1] if held else "none"
    return None, f"4-stage balance: highest stance held 10 s is {last}; tandem not held 10 s"


def _stance(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    cut = _num((score.get("derived") or {}).get("short_stance_under_s"))
    return None, f"single-leg stance {_g(_num(score.get('value')))} s (< {_g(cut)} s)"


def _up_and_go(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    rng = score.get("normal_range") or []
    span = f"{_g(_num(rng[0]))}–{_g(_num(rng[1]))} s" if len(rng) == 2 else "the normal range"
    return None, (
        f"8-ft up-and-go {_g(_num(score.get('value')))} s, slower than the normal range {span}"
    )


def _screen(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    inputs = score.get("inputs") or {}
    said = [q for q in ("fell", "unsteady", "worried") if inputs.get(q) == "yes"]
    words = {"fell": "fell in the past year", "unsteady": "feels unsteady",
             "worried": "worries about falling"}  # fmt: skip
    return None, "STEADI screen: " + (", ".join(words[q] for q in said) or "positive")


def _fell(score: Mapping[str, Any]) -> tuple[Side | None, str]:
    return None, "fell in the past year (STEADI screen)"


Words = Callable[[Mapping[str, Any]], tuple[Side | None, str]]
# (scorer of the data file, flag or "rating:<r>") → how to word the finding.
_DETAILS: dict[tuple[str, str], Words] = {
    ("y_balance", "asymmetry"): _y_anterior,
    ("y_balance", "injury-risk"): _y_composite,
    ("nordic", "injury-risk"): _nordic_weak,
    ("nordic", "asymmetry"): _nordic_imbalance,
    ("knee_to_wall", "asymmetry"): _knee_to_wall,
    ("single_leg_hop", "asymmetry"): _lsi,
    ("lsi", "asymmetry"): _lsi,
    ("tug", "fall-risk"): _tug,
    ("chair_stand", "fall-risk"): _chair,
    ("four_stage", "fall-risk"): _four_stage,
    ("single_leg_stance", "short-stance"): _stance,
    ("up_and_go", "rating:below"): _up_and_go,
    ("steadi_screen", "screen-positive"): _screen,
    ("steadi_screen", "fall-history"): _fell,
}


@dataclass(frozen=True, slots=True)
class ReturnToSport:
    met: bool  # True only with >= 3 hop tests LSI >= 90 % AND quadriceps LSI >= 90 %
    hop_tests: tuple[tuple[str, float], ...]  # (test id, LSI %) recorded
    quad_lsi: float | None
    missing: tuple[str, ...]  # what is still to record (test ids)
    failing: tuple[str, ...]  # recorded but below the criterion
    source: str = "GRINDEM16"

    def as_json(self) -> dict[str, Any]:
        return {
            "met": self.met,
            "hop_tests": [{"test": t, "lsi": v} for t, v in self.hop_tests],
            "quad_lsi": self.quad_lsi,
            "missing": list(self.missing),
            "failing": list(self.failing),
            "hop_tests_needed": HOP_TESTS_NEEDED,
            "criterion_pct": RTS_CRITERION_PCT,
            "source": self.source,
        }


# Grindem 2016 (Br J Sports Med 50:804): quadriceps strength and hop-test symmetry >= 90 %; the
# battery there had four hop tests, and three are the fewest that a battery in Gokeler 2017 used.
HOP_TESTS_NEEDED = 3
RTS_CRITERION_PCT = 90.0


def return_to_sport(results: Mapping[str, Mapping[str, Any]]) -> ReturnToSport:
    """The return-to-sport battery from the latest result of each test. Met only when at least
    three hop tests and the quadriceps test are recorded and every recorded one has LSI >= 90 %:
    one hop test, however good, never meets it."""
    hops: list[tuple[str, float]] = []
    quad: float | None = None
    quad_id: str | None = None
    failing: list[str] = []
    hop_ids, quad_ids = [], []
    for spec in registry.all_tests():
        if spec.rts_role == "hop":
            hop_ids.append(spec.id)
        elif spec.rts_role == "quadriceps":
            quad_ids.append(spec.id)
        else:
            continue
        score = results.get(spec.id)
        lsi = _num(score.get("value")) if isinstance(score, Mapping) else None
        if lsi is None:
            continue
        if lsi < RTS_CRITERION_PCT:
            failing.append(spec.id)
        if spec.rts_role == "hop":
            hops.append((spec.id, lsi))
        elif quad is None:
            quad, quad_id = lsi, spec.id
    missing: list[str] = []
    if len(hops) < HOP_TESTS_NEEDED:
        recorded = {t for t, _ in hops}
        missing.extend(t for t in hop_ids if t not in recorded)
    if quad_id is None:
        missing.extend(quad_ids)
    met = not missing and not failing and len(hops) >= HOP_TESTS_NEEDED and quad is not None
    return ReturnToSport(met, tuple(hops), quad, tuple(missing), tuple(failing))
