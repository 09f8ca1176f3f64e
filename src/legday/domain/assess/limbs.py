"""Scoring for the left/right tests: Y-Balance, Nordic force, knee-to-wall, single-leg hop."""

from __future__ import annotations

from legday.domain.assess.common import Measurement, base, normal_percentile
from legday.domain.assess.model import Score, TestSpec
from legday.domain.errors import InvalidInput
from legday.domain.science import symmetry, ybalance
from legday.domain.terms import slot, value_slot

_COMPOSITE_PARTS = ("pm-left", "pm-right", "pl-left", "pl-right", "limb-length-cm")


def y_balance(spec: TestSpec, m: Measurement) -> Score:
    """Anterior difference > 4 cm → asymmetry; girls' composite < 94 % → injury-risk."""
    left, right = m.num("left"), m.num("right")
    # Rounded to 0.01 cm before comparing, so 64.1 − 60.1 is 4.0 and not 4.000000000000007.
    diff = round(ybalance.anterior_difference(left, right), 2)
    s = base(spec, m, diff)
    if diff > spec.table("anterior").value:
        s.flags.append("asymmetry")
    given = [p for p in _COMPOSITE_PARTS if m.values.get(p) is not None]
    if given and len(given) < len(_COMPOSITE_PARTS):
        missing = [p for p in _COMPOSITE_PARTS if p not in given]
        raise InvalidInput(
            "the composite reach needs every direction and the limb length",
            "also give " + ", ".join(value_slot(p) for p in missing),
            field=missing[0],
        )
    if not given:
        s.warnings.append(
            f"composite not computed: give {value_slot('pm-*')}/{value_slot('pl-*')} reaches and "
            f"{value_slot('limb-length-cm')}"
        )
    else:
        limb = m.num("limb-length-cm")
        comp = {
            side: ybalance.composite(m.num(side), m.num(f"pm-{side}"), m.num(f"pl-{side}"), limb)
            for side in ("left", "right")
        }
        s.derived["composite_left_pct"] = round(comp["left"], 2)
        s.derived["composite_right_pct"] = round(comp["right"], 2)
        cut = spec.table("composite-girls").value
        if m.sex == "female" and min(comp.values()) < cut:
            s.flags.append("injury-risk")
        elif m.sex is None:
            s.warnings.append(
                f"give {slot('sex')}: the composite < {cut:g} % cut-off applies to girls"
            )
        elif m.sex == "male":
            s.warnings.append(f"the composite < {cut:g} % cut-off was reported for girls only")
    s.warnings.append("cut-offs come from high-school basketball players (Plisky 2006)")
    return s


def nordic(spec: TestSpec, m: Measurement) -> Score:
    """Weaker limb below the population's threshold → injury-risk (Opar 2015 / Timmins 2016)."""
    left, right = m.num("left"), m.num("right")
    weaker, stronger = min(left, right), max(left, right)
    s = base(spec, m, weaker)
    population, phase = m.word("population"), m.word("phase")
    rows = spec.table("thresholds").rows
    s.derived["weaker_side"] = "equal" if left == right else "left" if left < right else "right"
    s.derived["imbalance_pct"] = round((stronger - weaker) / stronger * 100, 1)
    s.derived["published_thresholds_n"] = {r["id"]: r["value"] for r in rows}
    if population == "other":
        lowest = min(rows, key=lambda r: float(r["value"]))
        applied = lowest
        s.warnings.append(
            "no Nordic threshold was derived for this sport; flagged only below every published "
            f"threshold ({lowest['value']} N)"
        )
        highest = max(float(r["value"]) for r in rows)
        if lowest["value"] <= weaker < highest:
            s.warnings.append(
                f"{weaker:g} N is under the soccer threshold ({highest:g} N, Timmins 2016)"
            )
    else:
        match = [r for r in rows if r["population"] == population and r["phase"] == phase]
        if not match:
            raise InvalidInput(
                f"no published {population} threshold for the {phase} of preseason",
                f"soccer has only {value_slot('phase')} start (Timmins 2016)",
                field="phase",
            )
        applied = match[0]
    s.derived["threshold_n"] = applied["value"]
    s.derived["threshold_source"] = spec.sources[applied["source"]].citation
    if weaker < float(applied["value"]):
        s.flags.append("injury-risk")
        s.derived["risk"] = applied.get("risk")
    s.warnings.append(
        "the thresholds were derived in elite adult male footballers; for others they are an "
        "extrapolation"
    )
    s.derived["lsi_pct"] = round(weaker / stronger * 100, 1)
    if s.derived["imbalance_pct"] > spec.table("imbalance").value:
        # Flagged so the weaker side gets more volume; Opar 2015 found it did not predict injury.
        s.flags.append("asymmetry")
        s.warnings.append(
            "an imbalance over 10 % did not predict hamstring injury (Opar 2015): flagged as an "
            "asymmetry for extra work on the weaker side, not as an injury risk"
        )
    return s


def knee_to_wall(spec: TestSpec, m: Measurement) -> Score:
    """|left − right| over the minimal detectable change → asymmetry (measurement error only)."""
    left, right = m.num("left"), m.num("right")
    diff = round(abs(left - right), 2)  # 11.9 − 10 must compare as 1.9, not 1.9000000000000004
    s = base(spec, m, diff)
    rater = m.word("rater")
    mdc = next(r for r in spec.table("mdc").rows if r["rater"] == rater)
    per_cm = spec.table("angle").value
    s.derived.update(
        left_cm=left,
        right_cm=right,
        left_deg_approx=round(left * per_cm, 1),
        right_deg_approx=round(right * per_cm, 1),
        mdc_cm=mdc["value"],
        limited_side="equal" if left == right else "left" if left < right else "right",
    )
    if diff > float(mdc["value"]):
        s.flags.append("asymmetry")
        s.warnings.append(
            f"the {diff:g} cm difference exceeds the {mdc['value']} cm minimal detectable change "
            "(Powden 2015): a real difference, not a proven injury risk"
        )
    return s


def single_leg_hop(spec: TestSpec, m: Measurement) -> Score:
    """LSI (> 90 % passes, strictly); % limb length and percentile vs high-school norms."""
    left, right = m.num("left"), m.num("right")
    involved = m.word("involved")
    if involved == "none":
        inv, uninv = min(left, right), max(left, right)
    else:
        inv, uninv = (left, right) if involved == "left" else (right, left)
    value = round(symmetry.lsi(inv, uninv), 2)  # 90/100×100 is 90.00000000000001 unrounded
    s = base(spec, m, value)
    threshold = spec.table("lsi").value
    s.derived["lsi_threshold_pct"] = threshold
    # One hop test never clears anyone: the battery (triage.return_to_sport) decides.
    s.derived["meets_lsi_criterion"] = value > threshold
    if not value > threshold:
        s.flags.append("asymmetry")
    limb = m.opt("limb-length-cm")
    if limb is not None:
        s.derived["left_pct_limb"] = round(left / limb * 100, 1)
        s.derived["right_pct_limb"] = round(right / limb * 100, 1)
        if m.sex is not None:
            mean, sd = spec.table("high-school").data[m.sex]
            s.percentile = normal_percentile(inv / limb * 100, mean, sd)
            s.derived["percentile_of"] = "involved (or shorter) hop, % limb length"
            s.warnings.append(
                "percentile against US high-school athletes (J Athl Train 2018), assuming a "
                "normal distribution"
            )
            # US high school spans roughly ages 13–19 (grades 9–12).
            if m.age is not None and not 13 <= m.age <= 19:
                s.warnings.append(f"at age {m.age} the high-school norms may not apply")
    return s


def lsi_test(spec: TestSpec, m: Measurement) -> Score:
    """Limb symmetry index of a per-side result against the battery criterion (table ``rts``).
    Distances and forces: involved ÷ uninvolved; times (lower is better, the 6-m timed hop):
    uninvolved ÷ involved, so a slower involved side gives an LSI under 100 % (Noyes 1991)."""
    left, right = m.num("left"), m.num("right")
    involved = m.word("involved")
    table = spec.table("rts")
    lower = table.data.get("side_better") == "lower"  # the LSI itself is always higher-better
    if involved == "none":
        # The weaker side stands in for the involved one: the longer time, or the smaller value.
        inv, uninv = (
            (max(left, right), min(left, right)) if lower else (min(left, right), max(left, right))
        )
    else:
        inv, uninv = (left, right) if involved == "left" else (right, left)
    raw = symmetry.lsi(uninv, inv) if lower else symmetry.lsi(inv, uninv)
    value = round(raw, 2)  # 90/100×100 is 90.00000000000001 unrounded
    s = base(spec, m, value)
    threshold = table.value
    s.derived["lsi_threshold_pct"] = threshold
    # One test never clears anyone: the battery (triage.return_to_sport) decides.
    s.derived["meets_lsi_criterion"] = value >= threshold
    weaker = (
        "equal"
        if left == right
        else (
            ("left" if left > right else "right")
            if lower
            else ("left" if left < right else "right")
        )
    )
    s.derived["weaker_side"] = weaker
    s.derived["side_unit"] = spec.inputs["left"].unit
    if lower:
        s.derived["lsi_formula"] = "uninvolved time ÷ involved time × 100 (lower times are better)"
    if value < threshold:
        s.flags.append("asymmetry")
    if involved == "none":
        s.warnings.append(
            "no involved side named: the weaker side is compared with the stronger one"
        )
    s.warnings.append(
        "an LSI overstates function when the uninvolved side has weakened too (Wellsandt 2017)"
    )
    return s
