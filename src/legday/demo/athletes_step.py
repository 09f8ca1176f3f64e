"""Demo step: the three sample athletes."""

from __future__ import annotations

from legday.app import athletes
from legday.demo import HOOPER, LIFTER, SENIOR, DemoContext

TITLE = "Creating the sample athletes"


def run(ctx: DemoContext) -> None:
    people = [
        (LIFTER, athletes.AthleteFields(age_years=29, sex="male", body_mass_kg=82.0,
                                        height_cm=180, level="intermediate", unit="kg")),
        (HOOPER, athletes.AthleteFields(age_years=16, sex="male", body_mass_kg=68.0,
                                        height_cm=188, level="beginner", unit="kg")),
        (SENIOR, athletes.AthleteFields(age_years=72, sex="female", body_mass_kg=64.0,
                                        height_cm=160, level="beginner", unit="kg",
                                        limitations=("balance-impairment",))),
    ]  # fmt: skip
    made = [athletes.add(ctx.db, ctx.actor, name, fields) for name, fields in people]
    ctx.write_json("athletes.json", {"athletes": [a.as_json() for a in made]})
    ctx.note("Athletes: " + "; ".join(f"{a.name} ({a.age}, {a.sex}, {a.level})" for a in made))
