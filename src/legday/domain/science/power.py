"""Jump power from jump height and body mass (docs/evidence/formulas.md#jump-power).

Heights: centimetres for Sayers and Harman, metres for Lewis (converted here, callers pass cm).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from legday.domain.errors import InvalidInput

EQUATIONS: tuple[str, ...] = ("sayers", "harman", "lewis")

# A jump of 0 cm is no jump; 150 cm is above any recorded standing vertical jump (the best are
# ~120 cm), so larger inputs are typos (e.g. mm for cm). Mass range as for athletes (20–350 kg).
HEIGHT_RANGE_CM = (1.0, 150.0)
MASS_RANGE_KG = (20.0, 350.0)
# m/s², the value used in the Lewis watts form (docs/evidence/formulas.md#lewis-average-power)
G = 9.81


def _check(height_cm: float, mass_kg: float) -> None:
    lo, hi = HEIGHT_RANGE_CM
    if not math.isfinite(height_cm) or not lo <= height_cm <= hi:
        raise InvalidInput(f"jump height {height_cm:g} cm is outside {lo:g}–{hi:g} cm")
    lo, hi = MASS_RANGE_KG
    if not math.isfinite(mass_kg) or not lo <= mass_kg <= hi:
        raise InvalidInput(f"body mass {mass_kg:g} kg is outside {lo:g}–{hi:g} kg")


def _positive(watts: float, equation: str) -> float:
    # The regression equations have negative intercepts: a tiny jump by a light person gives a
    # negative "power", which means the input is outside the sample the equation was fitted on.
    if watts <= 0:
        raise InvalidInput(
            f"the {equation} equation gives {watts:.0f} W for this jump",
            "the jump height and mass are outside the range the equation was derived on",
        )
    return watts


def sayers_peak(height_cm: float, mass_kg: float) -> float:
    """Peak power (W) = 60.7·h_cm + 45.3·kg − 2055 — Sayers SP et al., Med Sci Sports Exerc
    1999;31(4):572–577; derived from squat-jump force-plate data (108 college-age subjects) and
    reported valid for squat and countermovement jumps."""
    _check(height_cm, mass_kg)
    return _positive(60.7 * height_cm + 45.3 * mass_kg - 2055, "Sayers")


def harman_peak(height_cm: float, mass_kg: float) -> float:
    """Peak power (W) = 61.9·h_cm + 36.0·kg − 1822 — Harman EA et al., J Appl Sport Sci Res
    1991;5(3):116–120. Sign of 1822 settled as minus by Canavan & Vescovi 2004
    (docs/evidence/formulas.md#harman-peak-and-average-power: only −1822 reproduces their group
    means)."""
    _check(height_cm, mass_kg)
    return _positive(61.9 * height_cm + 36.0 * mass_kg - 1822, "Harman peak")


def harman_average(height_cm: float, mass_kg: float) -> float:
    """Average power (W) = 21.2·h_cm + 23.0·kg − 1393 — Harman EA et al. 1991 (coefficients
    confirmed on academyconditioning; the JS variant 21.1/2.3/+1393 is rejected,
    docs/evidence/formulas.md#harman-peak-and-average-power)."""
    _check(height_cm, mass_kg)
    return _positive(21.2 * height_cm + 23.0 * mass_kg - 1393, "Harman average")


def lewis_kgm_per_s(height_cm: float, mass_kg: float) -> float:
    """Average power (kg·m/s) = √4.9 · kg · √h_m — Lewis formula as given by Fox & Mathews 1974.
    Mass stays outside the root: only that form reproduces topendsports' 75 kg / 0.60 m → 1261.6 W
    (docs/evidence/formulas.md#lewis-average-power)."""
    _check(height_cm, mass_kg)
    return math.sqrt(4.9) * mass_kg * math.sqrt(height_cm / 100)


def lewis_average(height_cm: float, mass_kg: float) -> float:
    """Lewis average power in watts: the kg·m/s form × g
    (docs/evidence/formulas.md#lewis-average-power)."""
    return lewis_kgm_per_s(height_cm, mass_kg) * G


@dataclass(frozen=True)
class JumpPower:
    equation: str
    peak_power_w: float | None  # Lewis estimates average power only
    average_power_w: float | None
    citation: str
    notes: list[str] = field(default_factory=list)


def jump_power(height_cm: float, mass_kg: float, equation: str = "sayers") -> JumpPower:
    """Power by the named equation: ``sayers`` (peak), ``harman`` (peak and average), ``lewis``
    (average only, so ``peak_power_w`` is None)."""
    eq = equation.strip().lower()
    if eq == "sayers":
        return JumpPower(
            "sayers",
            sayers_peak(height_cm, mass_kg),
            None,
            "Sayers SP et al. Med Sci Sports Exerc 1999;31(4):572–577.",
        )
    if eq == "harman":
        return JumpPower(
            "harman",
            harman_peak(height_cm, mass_kg),
            harman_average(height_cm, mass_kg),
            "Harman EA et al. J Appl Sport Sci Res 1991;5(3):116–120.",
        )
    if eq == "lewis":
        return JumpPower(
            "lewis",
            None,
            lewis_average(height_cm, mass_kg),
            "Fox EL, Mathews DK. The Physiological Basis of Physical Education and "
            "Athletics. 1974.",
            ["the Lewis formula estimates average power, not peak power"],
        )
    raise InvalidInput(f"unknown jump-power equation {equation!r}", "use sayers, harman or lewis")
