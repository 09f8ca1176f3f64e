"""Scoring for the power and strength tests: CMJ, squat jump, rep max. None has retrieved norms,
so these report derived figures (power, e1RM, ratios) and leave the rating null."""

from __future__ import annotations

from legday.domain.assess.common import Measurement, base
from legday.domain.assess.model import Score, TestSpec
from legday.domain.errors import InvalidInput
from legday.domain.science import e1rm, power
from legday.domain.terms import slot


def jump(spec: TestSpec, m: Measurement) -> Score:
    """Jump height → Sayers peak power (primary), Harman peak/average and Lewis average."""
    h = m.num("height-cm")
    s = base(spec, m, h)
    s.warnings.append(
        "no standard normative bands exist for this jump "
        "(docs/evidence/norms.md#jumps-without-norms): compare with the "
        "athlete's own baseline"
    )
    if m.mass_kg is None:
        s.warnings.append(f"no body mass: give {slot('mass_kg')} to estimate power")
        return s
    try:
        sayers = power.sayers_peak(h, m.mass_kg)
        harman = power.jump_power(h, m.mass_kg, "harman")
    except InvalidInput as exc:
        s.warnings.append(f"no power estimate: {exc}")
        return s
    s.derived["peak_power_w"] = round(sayers, 1)
    s.derived["peak_power_w_per_kg"] = round(sayers / m.mass_kg, 2)
    s.derived["peak_power_equation"] = "sayers"
    s.derived["harman_peak_power_w"] = round(harman.peak_power_w or 0.0, 1)
    s.derived["harman_average_power_w"] = round(harman.average_power_w or 0.0, 1)
    s.derived["lewis_average_power_w"] = round(power.lewis_average(h, m.mass_kg), 1)
    if m.age is not None and m.age < 18:
        s.warnings.append(
            f"the power equations were derived in college-age adults; at age {m.age} they are an "
            "extrapolation"
        )
    return s


def rep_max(spec: TestSpec, m: Measurement) -> Score:
    """e1RM by the chosen formula (range → warnings), every formula beside it, ratio to mass."""
    load, reps, name = m.num("load"), int(m.num("reps")), m.word("formula")
    value, warnings = e1rm.estimate_checked(load, reps, name)
    s = base(spec, m, round(value, 2))
    s.warnings.extend(warnings)
    s.derived["formula"] = e1rm.get_formula(name).name
    s.derived["all_formulas"] = {
        f: round(e1rm.estimate_checked(load, reps, f)[0], 2) for f in e1rm.FORMULAS
    }
    if m.mass_kg is not None:
        s.derived["ratio_to_body_mass"] = round(value / m.mass_kg, 2)
    s.warnings.append("no strength norms were retrieved: the rating is left empty")
    return s
