"""Powerlifting scores: Wilks (original and 2020), DOTS, IPF GL points
(docs/evidence/formulas.md#powerlifting-scores).

Coefficients and body-mass clamps as in OpenPowerlifting (sstangl/openpowerlifting,
modules/coefficients/src/{wilks,wilks2020,dots,goodlift}.rs). Where OpenPowerlifting clamps the
body mass silently, legday clamps too but says so in the warnings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from legday.domain.errors import InvalidInput

FORMULAS: tuple[str, ...] = ("wilks", "wilks2020", "dots", "ipf-gl")
MASS_RANGE_KG = (20.0, 350.0)
# Above the heaviest raw total on record (~1,100 kg) with room for equipped lifting.
MAX_TOTAL_KG = 1500.0

# Wilks original, docs/evidence/formulas.md#wilks: a…f, and OpenPowerlifting's clamps.
_WILKS = {
    "male": ((-216.0475144, 16.2606339, -0.002388645, -0.00113732, 7.01863e-06, -1.291e-08),
             (40.0, 201.9)),
    "female": ((594.31747775582, -27.23842536447, 0.82112226871, -0.00930733913, 4.731582e-05,
                -9.054e-08), (26.51, 154.53)),
}  # fmt: skip
# Wilks2020, docs/evidence/formulas.md#wilks2020.
_WILKS2020 = {
    "male": ((-99.22855411, 14.40581421, -0.015415771, -0.000769734, 0.00000497549,
              -0.00000000935418), (40.0, 200.95)),
    "female": ((-219.6791486, 19.55345493, -0.167792909, 0.000406937, 0.00000184095,
                -0.00000000831427), (40.0, 150.95)),
}  # fmt: skip
# DOTS, docs/evidence/formulas.md#dots: A (x⁴) … E (constant), clamps.
_DOTS = {
    "male": ((-0.0000010930, 0.0007391293, -0.1918759221, 24.0900756, -307.75076), (40.0, 210.0)),
    "female": ((-0.0000010706, 0.0005158568, -0.1126655495, 13.6175032, -57.96288), (40.0, 150.0)),
}
# IPF GL 2020, docs/evidence/formulas.md#ipf-gl-points: (event, sex, equipment) → A, B, C.
_GL = {
    ("sbd", "male", "classic"): (1199.72839, 1025.18162, 0.009210),
    ("sbd", "male", "equipped"): (1236.25115, 1449.21864, 0.01644),
    ("sbd", "female", "classic"): (610.32796, 1045.59282, 0.03048),
    ("sbd", "female", "equipped"): (758.63878, 949.31382, 0.02435),
    ("bench", "male", "classic"): (320.98041, 281.40258, 0.01008),
    ("bench", "male", "equipped"): (381.22073, 733.79378, 0.02398),
    ("bench", "female", "classic"): (142.40398, 442.52671, 0.04724),
    ("bench", "female", "equipped"): (221.82209, 357.00377, 0.02937),
}
GL_MIN_MASS_KG = 35.0  # GL is undefined below 35 kg (OpenPowerlifting returns 0 there)


@dataclass(frozen=True)
class ScoreResult:
    score: float
    formula: str
    coefficient: float
    warnings: list[str] = field(default_factory=list)


def _check(total_kg: float, mass_kg: float, sex: str) -> str:
    if not math.isfinite(total_kg) or not 0 < total_kg <= MAX_TOTAL_KG:
        raise InvalidInput(f"total {total_kg:g} kg is not plausible", "give 0 < total ≤ 1500 kg")
    lo, hi = MASS_RANGE_KG
    if not math.isfinite(mass_kg) or not lo <= mass_kg <= hi:
        raise InvalidInput(f"body mass {mass_kg:g} kg is outside {lo:g}–{hi:g} kg")
    from legday.domain.records import parse_sex

    return parse_sex(sex)


def _clamp(mass_kg: float, bounds: tuple[float, float], name: str, warnings: list[str]) -> float:
    lo, hi = bounds
    if mass_kg < lo or mass_kg > hi:
        x = min(max(mass_kg, lo), hi)
        warnings.append(
            f"{name} is defined for {lo:g}–{hi:g} kg body mass; {mass_kg:g} kg scored as {x:g} kg"
        )
        return x
    return mass_kg


def _poly5(c: tuple[float, ...], x: float) -> float:
    return sum(k * x**i for i, k in enumerate(c))


def wilks(total_kg: float, mass_kg: float, sex: str) -> ScoreResult:
    """Original Wilks: 500 / (a + b·x + … + f·x⁵) × total (Wilks R., Powerlifting Australia)."""
    s, w = _check(total_kg, mass_kg, sex), list[str]()
    coefs, bounds = _WILKS[s]
    coef = 500 / _poly5(coefs, _clamp(mass_kg, bounds, "Wilks", w))
    return ScoreResult(coef * total_kg, "wilks", coef, w)


def wilks2020(total_kg: float, mass_kg: float, sex: str) -> ScoreResult:
    """Wilks2020 (600-point scale, Powerlifting Australia 2020): 600 / poly5(x) × total."""
    s, w = _check(total_kg, mass_kg, sex), list[str]()
    coefs, bounds = _WILKS2020[s]
    coef = 600 / _poly5(coefs, _clamp(mass_kg, bounds, "Wilks2020", w))
    return ScoreResult(coef * total_kg, "wilks2020", coef, w)


def dots(total_kg: float, mass_kg: float, sex: str) -> ScoreResult:
    """DOTS (T. Konertz for BVDK): 500 / (A·x⁴ + B·x³ + C·x² + D·x + E) × total."""
    s, w = _check(total_kg, mass_kg, sex), list[str]()
    (a, b, c, d, e), bounds = _DOTS[s]
    x = _clamp(mass_kg, bounds, "DOTS", w)
    coef = 500 / (a * x**4 + b * x**3 + c * x**2 + d * x + e)
    return ScoreResult(coef * total_kg, "dots", coef, w)


def ipf_gl(
    total_kg: float, mass_kg: float, sex: str, equipment: str = "classic", event: str = "sbd"
) -> ScoreResult:
    """IPF GL (Goodlift) points, IPF 2020: total × 100 / (A − B·e^(−C·x))."""
    s = _check(total_kg, mass_kg, sex)
    key = (event, s, equipment)
    if key not in _GL:
        raise InvalidInput(
            f"no IPF GL coefficients for {event}/{equipment}",
            "event sbd or bench; equipment classic or equipped",
        )
    if mass_kg < GL_MIN_MASS_KG:
        raise InvalidInput(f"IPF GL points are undefined below {GL_MIN_MASS_KG:g} kg body mass")
    a, b, c = _GL[key]
    coef = 100 / (a - b * math.exp(-c * mass_kg))
    return ScoreResult(coef * total_kg, "ipf-gl", coef, [])


def score(
    total_kg: float,
    mass_kg: float,
    sex: str,
    formula: str = "wilks",
    equipment: str = "classic",
    event: str = "sbd",
) -> ScoreResult:
    """The named score; ``equipment``/``event`` matter only for IPF GL (Wilks and DOTS use one
    curve for every event — apply them to a total)."""
    f = formula.strip().lower()
    if f == "wilks":
        return wilks(total_kg, mass_kg, sex)
    if f == "wilks2020":
        return wilks2020(total_kg, mass_kg, sex)
    if f == "dots":
        return dots(total_kg, mass_kg, sex)
    if f in ("ipf-gl", "ipfgl", "gl", "goodlift"):
        return ipf_gl(total_kg, mass_kg, sex, equipment, event)
    raise InvalidInput(f"unknown score formula {formula!r}", "use " + ", ".join(FORMULAS))
