"""Mass units. legday stores every load in kilograms and shows it in the athlete's unit.

The pound is defined exactly as 0.45359237 kg (International Yard and Pound Agreement, 1959).
"""

from __future__ import annotations

from typing import Literal

from legday.domain.errors import InvalidInput

Unit = Literal["kg", "lb"]
UNITS: tuple[Unit, ...] = ("kg", "lb")

KG_PER_LB = 0.45359237  # exact by definition (1959 agreement)


def parse_unit(text: str) -> Unit:
    """Accept the spellings other apps write (``kgs``, ``lbs``, ``pounds``) and return kg or lb."""
    t = text.strip().lower().rstrip(".")
    if t in ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"):
        return "kg"
    if t in ("lb", "lbs", "pound", "pounds", "#"):
        return "lb"
    raise InvalidInput(f"unknown unit {text!r}", "use kg or lb")


def to_kg(value: float, unit: Unit) -> float:
    """Convert a mass in ``unit`` to kilograms."""
    return value * KG_PER_LB if unit == "lb" else value


def from_kg(value_kg: float, unit: Unit) -> float:
    """Convert kilograms to ``unit``."""
    return value_kg / KG_PER_LB if unit == "lb" else value_kg


def display_mass(value_kg: float | None, unit: Unit, digits: int = 1) -> float | None:
    """A stored kg value in the user's unit, rounded for display (None stays None)."""
    if value_kg is None:
        return None
    return round(from_kg(value_kg, unit), digits)


def format_mass(value_kg: float | None, unit: Unit, digits: int = 1) -> str:
    """``102.5 kg`` / ``225 lb``; trailing ``.0`` dropped; ``—`` for no value."""
    shown = display_mass(value_kg, unit, digits)
    if shown is None:
        return "—"
    text = f"{shown:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{shown:.0f}"
    return f"{text} {unit}"
