"""Y-Balance / Star Excursion Balance Test (docs/evidence/formulas.md#y-balance-composite).

Plisky PJ, Rauh MJ, Kaminski TW, Underwood FB. J Orthop Sports Phys Ther 2006;36(12):911–919
(235 high-school basketball players)."""

from __future__ import annotations

import math

from legday.domain.errors import InvalidInput

# Plisky 2006: anterior right/left difference "greater than 4 cm" → 2.5× injury risk (strict >).
ANTERIOR_DIFF_CM = 4.0
# Plisky 2006: girls with composite reach < 94.0 % of limb length → 6.5× injury risk.
COMPOSITE_GIRLS_PCT = 94.0
# Reaches are a few tens of cm to ~1.5 m; a leg (ASIS to medial malleolus) is 50–130 cm in the
# people legday serves; outside these an input is a typo (mm, inches).
REACH_RANGE_CM = (0.0, 200.0)
LIMB_RANGE_CM = (50.0, 130.0)


def _reach(name: str, v: float) -> float:
    lo, hi = REACH_RANGE_CM
    if not math.isfinite(v) or not lo <= v <= hi:
        raise InvalidInput(f"{name} reach {v:g} cm is outside {lo:g}–{hi:g} cm")
    return v


def composite(
    anterior: float, posteromedial: float, posterolateral: float, limb_cm: float
) -> float:
    """Composite reach (% limb length) = (A + PM + PL) / (3 × limb length) × 100 (Plisky 2006,
    2009). Worked example: 62, 100, 96 cm with a 90 cm limb → 95.56 %."""
    lo, hi = LIMB_RANGE_CM
    if not math.isfinite(limb_cm) or not lo <= limb_cm <= hi:
        raise InvalidInput(
            f"limb length {limb_cm:g} cm is outside {lo:g}–{hi:g} cm",
            "measure ASIS to medial malleolus in cm",
        )
    total = (
        _reach("anterior", anterior)
        + _reach("posteromedial", posteromedial)
        + _reach("posterolateral", posterolateral)
    )
    return total / (3 * limb_cm) * 100


def anterior_difference(left: float, right: float) -> float:
    """Absolute right/left anterior reach difference in cm."""
    return abs(_reach("left anterior", left) - _reach("right anterior", right))


def anterior_asymmetry(left: float, right: float) -> bool:
    """True when the anterior difference is greater than 4 cm (Plisky 2006)."""
    return anterior_difference(left, right) > ANTERIOR_DIFF_CM
