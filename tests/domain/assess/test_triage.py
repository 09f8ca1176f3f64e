"""Triage: what a result means for planning, from the [[triage]] entries of each data file.

Expected findings are worked by hand from the cut-offs (STEADI, Plisky 2006, Powden 2015,
Opar 2015 / Timmins 2016, Vellas 1997, Grindem 2016), not read back from the code."""

from __future__ import annotations

from typing import Any

import pytest

from legday.domain.assess import registry
from legday.domain.assess.scoring import score
from legday.domain.assess.triage import Finding, return_to_sport, triage
from legday.domain.errors import FileFormatError

FALL_KINDS = {"steadi-screen-positive", "fall-history", "steadi-test-below-cutoff"}


def res(test: str, values: dict[str, Any], **person: Any) -> dict[str, Any]:
    return score(test, values, **person).as_json()


def kinds(findings: tuple[Finding, ...]) -> list[tuple[str, str, str | None]]:
    return [(f.kind, f.test_id, f.side) for f in findings]


def test_y_balance_is_a_sport_screen_never_a_fall_finding() -> None:
    # A 22-year-old woman: anterior 62 vs 68 cm → 6 cm > 4 cm (Plisky 2006).
    results = {"y-balance": res("y-balance", {"left": 62, "right": 68}, age=22, sex="female")}
    found = triage(results, age=22, sex="female")
    assert kinds(found) == [("sport-screen-risk", "y-balance", "left")]
    assert "62 vs 68 cm: left 6 cm shorter (> 4 cm)" in found[0].detail
    assert found[0].source == "PLISKY06"


def test_y_balance_composite_for_girls() -> None:
    # Right: (60 + 90 + 90) / (3 × 90) = 88.9 % < 94 %; left (62 + 100 + 96) / 270 = 95.6 %.
    values = {"left": 62, "right": 60, "pm-left": 100, "pm-right": 90, "pl-left": 96,
              "pl-right": 90, "limb-length-cm": 90}  # fmt: skip
    girl = triage({"y-balance": res("y-balance", values, sex="female")}, age=16, sex="female")
    assert kinds(girl) == [("sport-screen-risk", "y-balance", "right")]  # 2 cm: no anterior flag
    boy = triage({"y-balance": res("y-balance", values, sex="male")}, age=16, sex="male")
    assert boy == ()


def test_up_and_go_percentile_is_low_function_not_fall() -> None:
    # Men 70–74: normal 4.4–6.2 s; 7.0 s is slower → rating below → low-function.
    r = {"up-and-go-8ft": res("up-and-go-8ft", {"value": 7.0}, age=70, sex="male")}
    found = triage(r, age=70, sex="male")
    assert kinds(found) == [("low-function", "up-and-go-8ft", None)]
    assert "4.4–6.2 s" in found[0].detail
    fast = {"up-and-go-8ft": res("up-and-go-8ft", {"value": 5.0}, age=70, sex="male")}
    assert triage(fast, age=70, sex="male") == ()


@pytest.mark.parametrize(("seconds", "found"), [(4.9, True), (5.0, False)])
def test_single_leg_stance_under_5_s_is_a_balance_deficit(seconds: float, found: bool) -> None:
    r = {"single-leg-stance": res("single-leg-stance", {"value": seconds}, age=75)}
    expect = [("balance-deficit", "single-leg-stance", None)] if found else []
    assert kinds(triage(r, age=75, sex=None)) == expect


@pytest.mark.parametrize(
    ("seconds", "age", "expect"),
    [(12.0, 70, "steadi-test-below-cutoff"), (11.9, 70, None), (13.0, 40, "low-function"),
     (13.0, 60, "steadi-test-below-cutoff"), (13.0, 59, "low-function")],
)  # fmt: skip
def test_tug_cutoff_and_age(seconds: float, age: int, expect: str | None) -> None:
    found = triage({"tug": res("tug", {"value": seconds}, age=age)}, age=age, sex=None)
    assert [f.kind for f in found] == ([expect] if expect else [])


def test_tug_without_a_known_age_takes_the_first_entry() -> None:
    # Unknown age rules nobody out: the STEADI meaning (listed first) applies.
    found = triage({"tug": res("tug", {"value": 14})}, age=None, sex=None)
    assert [f.kind for f in found] == ["steadi-test-below-cutoff"]


@pytest.mark.parametrize(("stands", "found"), [(9, True), (10, False)])
def test_chair_stand_below_average_for_age_and_sex(stands: int, found: bool) -> None:
    # Women 70–74: STEADI below average if < 10.
    r = {"chair-stand-30s": res("chair-stand-30s", {"value": stands}, age=72, sex="female")}
    got = triage(r, age=72, sex="female")
    assert [f.kind for f in got] == (["steadi-test-below-cutoff"] if found else [])
    if found:
        assert "female 70–74 (< 10)" in got[0].detail


def test_an_extrapolated_norm_never_yields_a_finding() -> None:
    # 58 is outside the 60–94 table; 5 stands is far below the nearest band's cut-off 12.
    doc = res("chair-stand-30s", {"value": 5}, age=58, sex="female", nearest_band=True)
    assert doc["extrapolated"] is True and doc["flags"] == ["fall-risk"]
    assert triage({"chair-stand-30s": doc}, age=58, sex="female") == ()
    # A score stored before the field existed is known by its warning.
    old = {k: v for k, v in doc.items() if k != "extrapolated"}
    assert triage({"chair-stand-30s": old}, age=58, sex="female") == ()
    inside = res("chair-stand-30s", {"value": 5}, age=60, sex="female", nearest_band=True)
    assert inside["extrapolated"] is False
    assert len(triage({"chair-stand-30s": inside}, age=60, sex="female")) == 1


@pytest.mark.parametrize(
    ("age", "kind"), [(70, "steadi-test-below-cutoff"), (30, "balance-deficit")]
)
def test_four_stage_tandem_not_held(age: int, kind: str) -> None:
    r = {"four-stage-balance": res("four-stage-balance", {"stage": 2})}
    found = triage(r, age=age, sex=None)
    assert [f.kind for f in found] == [kind]
    assert "semi-tandem" in found[0].detail
    held = {"four-stage-balance": res("four-stage-balance", {"stage": 3})}
    assert triage(held, age=age, sex=None) == ()


def test_knee_to_wall_is_a_mobility_asymmetry_on_the_restricted_side() -> None:
    # 8 vs 11 cm: 3 cm > 1.9 cm (Powden 2015); the left ankle reaches less far.
    r = {"knee-to-wall": res("knee-to-wall", {"left": 8, "right": 11})}
    found = triage(r, age=30, sex=None)
    assert kinds(found) == [("mobility-asymmetry", "knee-to-wall", "left")]
    assert "left 3 cm less" in found[0].detail


def test_hop_nordic_and_quad_lsi_are_strength_asymmetries_with_the_weaker_side() -> None:
    results = {
        "single-leg-hop": res("single-leg-hop", {"left": 170, "right": 190}),  # 89.47 %
        "nordic": res("nordic", {"left": 300, "right": 400, "population": "soccer"}),
        "quad-strength": res("quad-strength", {"left": 200, "right": 160, "involved": "right"}),
        "timed-hop-6m": res("timed-hop-6m", {"left": 2.6, "right": 2.2}),  # 2.2/2.6 = 84.6 %
    }
    got = kinds(triage(results, age=24, sex="male"))
    assert got == [
        ("nordic-weak", "nordic", "left"),  # 300 N < 337 N (Timmins 2016, soccer)
        ("strength-asymmetry", "nordic", "left"),  # 25 % weaker > 10 %
        ("strength-asymmetry", "single-leg-hop", "left"),
        ("strength-asymmetry", "timed-hop-6m", "left"),  # the slower side is the weaker
        ("strength-asymmetry", "quad-strength", "right"),  # 160/200 = 80 %
    ]


def test_steadi_screen_answers() -> None:
    fell = triage({"steadi-screen": res("steadi-screen", {"fell": "yes"})}, age=80, sex=None)
    assert [f.kind for f in fell] == ["steadi-screen-positive", "fall-history"]
    assert "fell in the past year" in fell[0].detail
    worried = {"steadi-screen": res("steadi-screen", {"worried": "yes"})}
    assert [f.kind for f in triage(worried, age=80, sex=None)] == ["steadi-screen-positive"]
    assert triage({"steadi-screen": res("steadi-screen", {})}, age=80, sex=None) == ()


def test_order_is_deterministic_and_unknown_tests_are_skipped() -> None:
    results = {
        "knee-to-wall": res("knee-to-wall", {"left": 8, "right": 11}),
        "removed-test": {"flags": ["asymmetry"]},
        "tug": res("tug", {"value": 15}, age=70),
        "y-balance": res("y-balance", {"left": 60, "right": 68}),
    }
    a = triage(results, age=70, sex="female")
    b = triage(dict(reversed(list(results.items()))), age=70, sex="female")
    assert a == b
    assert [f.test_id for f in a] == ["tug", "y-balance", "knee-to-wall"]


def test_only_steadi_sources_can_enter_the_fall_path() -> None:
    """R33: Y-Balance, 8-ft up-and-go and single-leg stance never enter the fall path."""
    for spec in registry.all_tests():
        for rule in spec.triage:
            if rule.kind in FALL_KINDS:
                assert rule.source == "STEADI", (spec.id, rule)
    for tid in ("y-balance", "up-and-go-8ft", "single-leg-stance"):
        assert not {r.kind for r in registry.get(tid).triage} & FALL_KINDS


def hops(**lsi: float) -> dict[str, dict[str, Any]]:
    return {t: {"value": v, "flags": []} for t, v in lsi.items()}


def test_one_hop_test_never_meets_return_to_sport() -> None:
    r = return_to_sport(hops(**{"single-leg-hop": 100.0}))
    assert not r.met
    assert r.missing == ("triple-hop", "crossover-hop", "timed-hop-6m", "quad-strength")
    assert r.hop_tests == (("single-leg-hop", 100.0),)


def test_three_hops_and_quad_at_90_meet_it() -> None:
    r = return_to_sport(
        hops(**{"single-leg-hop": 95.0, "triple-hop": 90.0, "crossover-hop": 92.0,
                "quad-strength": 90.0})
    )  # fmt: skip
    assert r.met and r.missing == () and r.failing == () and r.quad_lsi == 90.0
    assert r.source == "GRINDEM16"


def test_a_failing_or_missing_part_blocks_it() -> None:
    base = {"single-leg-hop": 95.0, "triple-hop": 91.0, "crossover-hop": 92.0}
    no_quad = return_to_sport(hops(**base))
    assert not no_quad.met and no_quad.missing == ("quad-strength",)
    weak_quad = return_to_sport(hops(**base, **{"quad-strength": 89.9}))
    assert not weak_quad.met and weak_quad.failing == ("quad-strength",)
    fourth_fails = return_to_sport(hops(**base, **{"timed-hop-6m": 85.0, "quad-strength": 95.0}))
    assert not fourth_fails.met and fourth_fails.failing == ("timed-hop-6m",)


def test_return_to_sport_from_real_scores() -> None:
    # Timed hop: uninvolved 2.0 s ÷ involved 2.2 s = 90.9 %; triple 540/600 = 90 %;
    # crossover 500/520 = 96.2 %; quad isokinetic 180/200 Nm = 90 %.
    inv = {"involved": "left"}
    results = {
        "triple-hop": res("triple-hop", {"left": 540, "right": 600, **inv}),
        "crossover-hop": res("crossover-hop", {"left": 500, "right": 520, **inv}),
        "timed-hop-6m": res("timed-hop-6m", {"left": 2.2, "right": 2.0, **inv}),
        "quad-strength": res("quad-strength", {"left": 180, "right": 200, **inv}),
    }
    r = return_to_sport(results)
    assert r.met
    assert dict(r.hop_tests) == {"triple-hop": 90.0, "crossover-hop": 96.15, "timed-hop-6m": 90.91}
    assert triage(results, age=24, sex="female") == ()  # nothing under 90 %


def _spec_with(entry: dict[str, Any]) -> dict[str, Any]:
    return {"id": "x", "name": "x", "scorer": "tug", "unit": "s", "better": "lower",
            "needs": [], "protocol": "p", "formula": "f",
            "sources": {"a": {"citation": "A"}}, "triage": [entry]}  # fmt: skip


@pytest.mark.parametrize(
    ("entry", "problem"),
    [({"flag": "fall-risk", "kind": "frail", "source": "S", "cites": "a", "why": "w"}, "kind"),
     ({"flag": "falls", "kind": "low-function", "source": "S", "cites": "a", "why": "w"}, "flag"),
     ({"flag": "fall-risk", "rating": "below", "kind": "low-function", "source": "S",
       "cites": "a", "why": "w"}, "exactly one"),
     ({"flag": "fall-risk", "kind": "low-function", "source": "S", "cites": "b", "why": "w"},
      "cites 'b'"),
     ({"flag": "fall-risk", "kind": "low-function", "source": "S", "cites": "a"}, "'why'"),
     ({"flag": "fall-risk", "kind": "low-function", "source": "S", "cites": "a", "why": "w",
       "min_age": 70, "max_age": 60}, "min_age"),
     ({"flag": "fall-risk", "kind": "low-function", "source": "S", "cites": "a", "why": "w",
       "sex": "f"}, "sex"),
     ({"flag": "fall-risk", "kind": "low-function", "source": "S", "cites": "a", "why": "w",
       "age": 3}, "unknown keys")],
)  # fmt: skip
def test_triage_entries_are_schema_checked(entry: dict[str, Any], problem: str) -> None:
    with pytest.raises(FileFormatError, match=problem):
        registry.parse("x.toml", _spec_with(entry))
