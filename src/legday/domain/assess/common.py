"""What every scoring function shares: the measurement, age-band lookup, rating, the base score."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from legday.domain.assess.model import Rating, Score, TestSpec
from legday.domain.errors import InvalidInput
from legday.domain.records import Sex
from legday.domain.terms import slot


@dataclass(frozen=True)
class Measurement:
    """Checked inputs of one test plus what is known about the person."""

    values: dict[str, Any]
    age: int | None = None
    sex: Sex | None = None
    mass_kg: float | None = None
    nearest_band: bool = False  # score an age outside the table against its nearest band
    used: dict[str, Any] = field(default_factory=dict)

    def num(self, name: str) -> float:
        return float(self.values[name])

    def opt(self, name: str) -> float | None:
        v = self.values.get(name)
        return None if v is None else float(v)

    def word(self, name: str) -> str:
        return str(self.values[name])


def base(spec: TestSpec, m: Measurement, value: float | None) -> Score:
    """A score with the inputs echoed, the value, the unit and every source of the test."""
    inputs: dict[str, Any] = dict(m.values)
    if m.age is not None:
        inputs["age"] = m.age
    if m.sex is not None:
        inputs["sex"] = m.sex
    if m.mass_kg is not None:
        inputs["mass_kg"] = m.mass_kg
    return Score(test=spec.id, inputs=inputs, value=value, unit=spec.unit, sources=spec.citations())


def need_age(spec: TestSpec, m: Measurement) -> int:
    if m.age is None:
        raise InvalidInput(
            f"{spec.id} is scored against norms by age",
            f"give {slot('age')}, or set the athlete's age or birth date",
            field="age",
        )
    return m.age


def need_sex(spec: TestSpec, m: Measurement) -> Sex:
    if m.sex is None:
        raise InvalidInput(
            f"{spec.id} is scored against norms by sex",
            f"give {slot('sex')} female|male, or set the athlete's sex",
            field="sex",
        )
    return m.sex


def band(spec: TestSpec, table_key: str, m: Measurement, warnings: list[str]) -> dict[str, Any]:
    """The row of an age-banded table that holds ``m.age``. An age outside the table is an error,
    unless ``m.nearest_band`` is set: then the nearest band is used and a warning says so."""
    age = need_age(spec, m)
    table = spec.table(table_key)
    rows = table.rows
    for row in rows:
        lo, hi = row["age"]
        if lo <= age <= hi:
            return row
    first, last = rows[0]["age"], rows[-1]["age"]
    nearest = rows[0] if age < first[0] else rows[-1]
    n_lo, n_hi = nearest["age"]
    source = spec.sources[table.source]
    if not m.nearest_band:
        raise InvalidInput(
            f"age {age} is outside the {spec.id} norms ({first[0]}–{last[1]}, {source.key})",
            f"the nearest band is {n_lo}–{n_hi}; add {slot('nearest_band')} to score against it "
            "anyway",
            field="age",
        )
    m.used["extrapolated"] = True
    warnings.append(
        f"age {age} is outside the norm table ({first[0]}–{last[1]}); scored against the "
        f"nearest band {n_lo}–{n_hi}, which was not measured on people of this age"
    )
    return nearest


def rate(value: float, lo: float, hi: float, better: str) -> Rating:
    """``below`` = worse than the normal range, ``above`` = better; bounds are inclusive. For
    lower-is-better tests a value over the upper bound is the worse side, hence ``below``."""
    if lo <= value <= hi:
        return "normal"
    worse = value > hi if better == "lower" else value < lo
    return "below" if worse else "above"


def normal_percentile(value: float, mean: float, sd: float) -> float:
    """Percentile of ``value`` under a normal distribution N(mean, sd²), to one decimal."""
    return round(50 * (1 + math.erf((value - mean) / (sd * math.sqrt(2)))), 1)


def lower_is_better_note(score: Score) -> None:
    score.derived["lower_is_better"] = True
    score.derived["rating_meaning"] = (
        "lower times are better: 'below' means slower than the normal range (worse than normal), "
        "'above' means faster"
    )
