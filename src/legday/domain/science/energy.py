"""Energy expenditure: MET-based kcal and resting/basal metabolic rate equations.

Source: docs/evidence/formulas.md#energy (MET values themselves: docs/evidence/met.md, 2011
Compendium)."""

from __future__ import annotations

import math

from legday.domain.errors import InvalidInput
from legday.domain.records import Sex

# Plausible input ranges. MET: the 2011 Compendium spans ~0.9 (sleeping) to ~23 (running
# 14 mph); mass 20–350 kg and height 100–250 cm match the athlete validation in app/athletes.py.
MET_RANGE = (0.9, 23.0)
MASS_RANGE_KG = (20.0, 350.0)
HEIGHT_RANGE_CM = (100.0, 250.0)
AGE_RANGE = (5, 110)
MAX_MINUTES = 24 * 60


def _in_range(name: str, value: float, lo: float, hi: float, unit: str = "") -> float:
    if not math.isfinite(value) or not lo <= value <= hi:
        raise InvalidInput(f"{name} {value:g}{unit} is outside {lo:g}–{hi:g}{unit}")
    return float(value)


def kcal_per_min(met: float, mass_kg: float) -> float:
    """``kcal/min = MET × 3.5 × kg / 200`` — 1 MET = 3.5 mL O2/kg/min and ~5 kcal per litre of O2
    (docs/evidence/formulas.md#met-energy). This is the form legday uses everywhere (not MET × kg ×
    hours, which is ~5 % lower)."""
    m = _in_range("MET", met, *MET_RANGE)
    kg = _in_range("body mass", mass_kg, *MASS_RANGE_KG, " kg")
    return m * 3.5 * kg / 200


def kcal(met: float, mass_kg: float, minutes: float) -> float:
    """Gross kcal for ``minutes`` at ``met`` (docs/evidence/formulas.md#met-energy: MET 5, 80 kg, 30
    min → 210 kcal)."""
    if not math.isfinite(minutes) or not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput(f"{minutes:g} minutes is not a duration", "give 0 < minutes ≤ 1440")
    return kcal_per_min(met, mass_kg) * minutes


def kcal_simple(met: float, mass_kg: float, minutes: float) -> float:
    """The rough form ``kcal = MET × kg × hours`` (1 MET ≈ 1 kcal/kg/h;
    docs/evidence/formulas.md#met-energy: MET 5, 80 kg, 30 min → 200 kcal). About 5 % below
    :func:`kcal`; kept for comparison with apps that use it — legday's own figures use
    :func:`kcal`."""
    m = _in_range("MET", met, *MET_RANGE)
    kg = _in_range("body mass", mass_kg, *MASS_RANGE_KG, " kg")
    if not math.isfinite(minutes) or not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput(f"{minutes:g} minutes is not a duration", "give 0 < minutes ≤ 1440")
    return m * kg * minutes / 60


def _person(mass_kg: float, height_cm: float, age: float) -> tuple[float, float, float]:
    return (
        _in_range("body mass", mass_kg, *MASS_RANGE_KG, " kg"),
        _in_range("height", height_cm, *HEIGHT_RANGE_CM, " cm"),
        _in_range("age", age, *AGE_RANGE, " y"),
    )


def _sex(sex: str) -> Sex:
    from legday.domain.records import parse_sex

    return parse_sex(sex)


def bmr_mifflin(mass_kg: float, height_cm: float, age: float, sex: str) -> float:
    """Resting energy expenditure, kcal/day — Mifflin MD, St Jeor ST et al., Am J Clin Nutr
    1990;51(2):241–247: ``10·kg + 6.25·cm − 5·age + 5`` (men) / ``− 161`` (women)."""
    m, h, a = _person(mass_kg, height_cm, age)
    return 10 * m + 6.25 * h - 5 * a + (5 if _sex(sex) == "male" else -161)


def bmr_harris_benedict(mass_kg: float, height_cm: float, age: float, sex: str) -> float:
    """Basal metabolic rate, kcal/day — revised Harris–Benedict, Roza AM & Shizgal HM, Am J Clin
    Nutr 1984;40(1):168–182."""
    m, h, a = _person(mass_kg, height_cm, age)
    if _sex(sex) == "male":
        return 88.362 + 13.397 * m + 4.799 * h - 5.677 * a
    return 447.593 + 9.247 * m + 3.098 * h - 4.330 * a


def bmr_katch_mcardle(mass_kg: float, body_fat_pct: float) -> float:
    """Basal metabolic rate, kcal/day, from lean body mass — Katch–McArdle (McArdle, Katch &
    Katch, *Exercise Physiology*): ``370 + 21.6·LBM``, ``LBM = kg·(1 − fat%/100)``."""
    m = _in_range("body mass", mass_kg, *MASS_RANGE_KG, " kg")
    # 2 % is below essential fat for anyone; 70 % above any measured value: outside = a typo.
    fat = _in_range("body fat", body_fat_pct, 2.0, 70.0, " %")
    return 370 + 21.6 * m * (1 - fat / 100)
