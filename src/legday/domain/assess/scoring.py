"""Score a test: check the inputs against the test's data file, then run its scoring function.

Adding a test = a data file naming a ``scorer`` below, plus (when no existing one fits) a small
function ``(TestSpec, Measurement) -> Score`` in senior.py / jumps.py / limbs.py.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from legday.domain.assess import jumps, limbs, senior, wellness
from legday.domain.assess.common import Measurement
from legday.domain.assess.model import InputSpec, Score, TestSpec
from legday.domain.assess.registry import get
from legday.domain.errors import InvalidInput
from legday.domain.records import Sex
from legday.domain.terms import value_slot

Scorer = Callable[[TestSpec, Measurement], Score]

SCORERS: dict[str, Scorer] = {
    "chair_stand": senior.chair_stand,
    "up_and_go": senior.up_and_go,
    "tug": senior.tug,
    "four_stage": senior.four_stage,
    "single_leg_stance": senior.single_leg_stance,
    "jump": jumps.jump,
    "rep_max": jumps.rep_max,
    "y_balance": limbs.y_balance,
    "nordic": limbs.nordic,
    "knee_to_wall": limbs.knee_to_wall,
    "single_leg_hop": limbs.single_leg_hop,
    "lsi": limbs.lsi_test,
    "steadi_screen": senior.steadi_screen,
    "wellness": wellness.wellness,
}


class ImplausibleValue(InvalidInput):
    """A value that is possible but outside the input's plausible range (a typo or the wrong unit,
    e.g. kgf typed as N): refused unless the user confirms it. Shells add how to confirm."""

    def __init__(self, test: str, spec: InputSpec, value: float) -> None:
        lo, hi = spec.plausible or (value, value)
        unit = f" {spec.unit}" if spec.unit else ""
        side = "below" if value < lo else "above"
        super().__init__(
            f"{test}: {spec.name} = {value:g}{unit} is {side} the plausible range "
            f"{lo:g}–{hi:g}{unit}",
            f"{spec.plausible_why}; if the value is right, confirm it",
        )
        self.test = test
        self.input = spec.name
        self.value = value
        self.bound = lo if value < lo else hi


def _plausible(test: str, spec: InputSpec, value: float | str, confirm: bool) -> str | None:
    """None when ``value`` is plausible; a warning when it is not but the user confirmed it."""
    if spec.plausible is None or isinstance(value, str):
        return None
    lo, hi = spec.plausible
    if lo <= value <= hi:
        return None
    if not confirm:
        raise ImplausibleValue(test, spec, value)
    return (
        f"{spec.name} = {value:g} is outside the plausible range {lo:g}–{hi:g}; "
        "accepted as confirmed by the user"
    )


# Person checks; the same bounds as athlete records (app/athletes.py) so a stored athlete always
# passes: age 5–110 years, mass 20–350 kg.
AGE_RANGE = (5, 110)
MASS_RANGE_KG = (20.0, 350.0)


def _check_value(test: str, spec: InputSpec, raw: Any) -> float | str:
    flag = value_slot(spec.name)
    if spec.choices:
        word = str(raw).strip().lower()
        if word not in spec.choices:
            raise InvalidInput(
                f"{test}: {flag} {raw!r} is not known", "use " + ", ".join(spec.choices)
            )
        return word
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise InvalidInput(f"{test}: {flag} {raw!r} is not a number") from None
    lo, hi = spec.min, spec.max
    unit = f" {spec.unit}" if spec.unit else ""
    if (
        not math.isfinite(value)
        or (lo is not None and value < lo)
        or (hi is not None and value > hi)
    ):
        raise InvalidInput(
            f"{test}: {flag} {raw}{unit} is impossible",
            f"expected {spec.help} between {lo:g} and {hi:g}{unit}",
        )
    if spec.integer and value != int(value):
        raise InvalidInput(f"{test}: {flag} {raw} must be a whole number ({spec.help})")
    return int(value) if spec.integer else value


def _person(age: int | None, sex: str | None, mass_kg: float | None) -> tuple[Any, Sex | None, Any]:
    if age is not None and not AGE_RANGE[0] <= age <= AGE_RANGE[1]:
        raise InvalidInput(f"age {age} is impossible", "give an age between 5 and 110 years")
    clean: Sex | None = None
    if sex is not None:
        s = sex.strip().lower()
        if s in ("female", "f"):
            clean = "female"
        elif s in ("male", "m"):
            clean = "male"
        else:
            raise InvalidInput(f"sex {sex!r} is not known", "use female or male")
    if mass_kg is not None and (
        not math.isfinite(mass_kg) or not MASS_RANGE_KG[0] <= mass_kg <= MASS_RANGE_KG[1]
    ):
        raise InvalidInput(f"body mass {mass_kg:g} kg is impossible", "give 20–350 kg")
    return age, clean, mass_kg


def measurement(
    spec: TestSpec,
    values: Mapping[str, Any],
    age: int | None = None,
    sex: str | None = None,
    mass_kg: float | None = None,
    nearest_band: bool = False,
    confirm: bool = False,
) -> Measurement:
    """Check ``values`` (names as in the data file; None = not given) and the person. A value
    outside its plausible range is refused unless ``confirm``; confirmed, it is noted in
    ``used["confirmed"]``."""
    given = {k: v for k, v in values.items() if v is not None}
    unknown = sorted(set(given) - set(spec.inputs))
    if unknown:
        raise InvalidInput(
            f"{spec.id} does not take " + ", ".join(value_slot(u) for u in unknown),
            "it takes " + ", ".join(value_slot(n) for n in spec.inputs),
            field=unknown[0],
        )
    checked: dict[str, Any] = {}
    confirmed: list[str] = []
    for name, ispec in spec.inputs.items():
        if name in given:
            checked[name] = _check_value(spec.id, ispec, given[name])
            note = _plausible(spec.id, ispec, checked[name], confirm)
            if note is not None:
                confirmed.append(note)
        elif ispec.default is not None:
            checked[name] = ispec.default
        elif ispec.required:
            raise InvalidInput(
                f"{spec.id} needs {value_slot(name)}", f"give {ispec.help}", field=name
            )
    a, s, m = _person(age, sex, mass_kg)
    used: dict[str, Any] = {"confirmed": confirmed} if confirmed else {}
    return Measurement(checked, a, s, m, nearest_band, used)


def score(
    test_id: str,
    values: Mapping[str, Any],
    age: int | None = None,
    sex: str | None = None,
    mass_kg: float | None = None,
    nearest_band: bool = False,
    confirm: bool = False,
) -> Score:
    """Score ``test_id`` for these inputs. Raises ``NotFound`` for an unknown test and
    ``InvalidInput`` for impossible values, missing age/sex where the norms need them, and ages
    outside the norm table (unless ``nearest_band``: then a warning says so), and
    ``ImplausibleValue`` for values outside their plausible range unless ``confirm``."""
    spec = get(test_id)
    m = measurement(spec, values, age, sex, mass_kg, nearest_band, confirm)
    scorer = SCORERS.get(spec.scorer)
    if scorer is None:
        raise InvalidInput(f"{spec.id} names an unknown scorer {spec.scorer!r}")
    result = scorer(spec, m)
    result.extrapolated = bool(m.used.get("extrapolated"))
    result.warnings.extend(m.used.get("confirmed", []))
    unverified = [t for t in spec.tables.values() if t.status != "VERIFIED"]
    for t in unverified:
        result.warnings.append(f"{t.key} table is {t.status}: {t.meaning}")
    return result
