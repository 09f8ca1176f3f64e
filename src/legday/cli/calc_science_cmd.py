"""`legday calc e1rm|jump-power|bmr|kcal|score`: the science calculators. Stores nothing.

Warnings (a rep count beyond a formula's range, a clamped body mass) go to stderr as
``warning: …`` lines, so ``--json`` prints exactly the documented document on stdout."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from legday.cli.common import JsonOpt, command_group, console, emit_json, finite

MassOpt = Annotated[float, typer.Option("--mass-kg", help="Body mass in kg.", parser=finite)]
SexOpt = Annotated[str, typer.Option("--sex", help="female or male.")]


def _warn(warnings: list[str]) -> None:
    for w in warnings:
        sys.stderr.write(f"warning: {w}\n")


def _answer(json_: bool, doc: dict[str, object], text: str) -> None:
    """``doc`` as JSON with --json, else ``text``."""
    if json_:
        emit_json(doc)
    else:
        console().print(text)


def e1rm_cmd(
    load: Annotated[float, typer.Option("--load", help="Load lifted, in --unit.", parser=finite)],
    reps: Annotated[int, typer.Option("--reps", help="Reps performed (to or near failure).")],
    formula: Annotated[
        str,
        typer.Option(
            "--formula", help="epley, brzycki, lombardi, mayhew, oconner, wathan or lander."
        ),
    ] = "epley",
    unit: Annotated[str, typer.Option("--unit", help="kg or lb (input and answer).")] = "kg",
    json_: JsonOpt = False,
) -> None:
    """Estimated one-repetition maximum from a set."""
    from legday.domain.science import e1rm
    from legday.domain.units import from_kg, parse_unit, to_kg

    u = parse_unit(unit)
    value_kg, warnings = e1rm.estimate_checked(to_kg(load, u), reps, formula)
    name = e1rm.get_formula(formula).name
    value = round(from_kg(value_kg, u), 2)
    _warn(warnings)
    _answer(json_, {"e1rm": value, "formula": name, "unit": u}, f"e1RM ({name}): {value:g} {u}")


def jump_power_cmd(
    height_cm: Annotated[
        float, typer.Option("--height-cm", help="Jump height in cm.", parser=finite)
    ],
    mass_kg: MassOpt,
    equation: Annotated[
        str, typer.Option("--equation", help="sayers (peak), harman (peak+average), lewis (avg).")
    ] = "sayers",
    json_: JsonOpt = False,
) -> None:
    """Jump power in watts from jump height and body mass."""
    from legday.domain.science import power

    p = power.jump_power(height_cm, mass_kg, equation)
    _warn(p.notes)
    doc: dict[str, object] = {
        "peak_power_w": None if p.peak_power_w is None else round(p.peak_power_w, 2),
        "equation": p.equation,
    }
    if p.average_power_w is not None:
        doc["average_power_w"] = round(p.average_power_w, 2)
    if json_:
        emit_json(doc)
        return
    if p.peak_power_w is not None:
        console().print(f"peak power ({p.equation}): {p.peak_power_w:.0f} W")
    if p.average_power_w is not None:
        console().print(f"average power ({p.equation}): {p.average_power_w:.0f} W")


def bmr_cmd(
    mass_kg: MassOpt,
    height_cm: Annotated[
        float | None, typer.Option("--height-cm", help="Height in cm.", parser=finite)
    ] = None,
    age: Annotated[int | None, typer.Option("--age", help="Age in years.")] = None,
    sex: Annotated[str | None, typer.Option("--sex", help="female or male.")] = None,
    equation: Annotated[
        str, typer.Option("--equation", help="mifflin, harris-benedict or katch-mcardle.")
    ] = "mifflin",
    body_fat_pct: Annotated[
        float | None,
        typer.Option("--body-fat-pct", help="Body fat % (katch-mcardle).", parser=finite),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Resting/basal energy expenditure, kcal per day."""
    from legday.domain.errors import InvalidInput
    from legday.domain.science import energy

    eq = equation.strip().lower()
    if eq == "katch-mcardle":
        if body_fat_pct is None:
            raise InvalidInput("katch-mcardle needs --body-fat-pct", "give body fat in %")
        value = energy.bmr_katch_mcardle(mass_kg, body_fat_pct)
    elif eq in ("mifflin", "harris-benedict"):
        missing = [
            f for f, v in (("--height-cm", height_cm), ("--age", age), ("--sex", sex)) if v is None
        ]
        if missing:
            raise InvalidInput(f"{eq} needs " + ", ".join(missing))
        assert height_cm is not None and age is not None and sex is not None
        fn = energy.bmr_mifflin if eq == "mifflin" else energy.bmr_harris_benedict
        value = fn(mass_kg, height_cm, age, sex.strip().lower())
    else:
        raise InvalidInput(
            f"unknown BMR equation {equation!r}", "use mifflin, harris-benedict or katch-mcardle"
        )
    doc = {"kcal_per_day": round(value, 2), "equation": eq}
    _answer(json_, doc, f"{eq}: {value:.0f} kcal/day")


def kcal_cmd(
    mass_kg: MassOpt,
    minutes: Annotated[
        float, typer.Option("--minutes", help="Duration in minutes.", parser=finite)
    ],
    met: Annotated[float | None, typer.Option("--met", help="MET value.", parser=finite)] = None,
    activity: Annotated[
        str | None,
        typer.Option("--activity", help="2011 Compendium code instead of --met (e.g. 02052)."),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Energy for an activity: MET × 3.5 × kg ÷ 200 per minute
    (docs/evidence/formulas.md#met-energy)."""
    from legday.domain.errors import InvalidInput
    from legday.domain.science import energy
    from legday.domain.science import met as met_table

    if (met is None) == (activity is None):
        raise InvalidInput("give either --met or --activity", "e.g. --met 5 or --activity 02052")
    value_met = met if met is not None else met_table.activity(activity or "").met
    value = round(energy.kcal(value_met, mass_kg, minutes), 2)
    _answer(json_, {"kcal": value}, f"{value:g} kcal (MET {value_met:g})")


def score_cmd(
    total_kg: Annotated[
        float, typer.Option("--total-kg", help="Total (S+B+D) in kg.", parser=finite)
    ],
    mass_kg: MassOpt,
    sex: SexOpt,
    formula: Annotated[
        str, typer.Option("--formula", help="wilks, wilks2020, dots or ipf-gl.")
    ] = "wilks",
    equipment: Annotated[
        str, typer.Option("--equipment", help="IPF GL: classic or equipped.")
    ] = "classic",
    event: Annotated[str, typer.Option("--event", help="IPF GL: sbd or bench.")] = "sbd",
    json_: JsonOpt = False,
) -> None:
    """Powerlifting score of a total for a body mass."""
    from legday.domain.science import scores

    r = scores.score(total_kg, mass_kg, sex.strip().lower(), formula, equipment, event)
    _warn(r.warnings)
    value = round(r.score, 2)
    _answer(json_, {"score": value, "formula": r.formula}, f"{r.formula}: {value:g}")


def register(app: typer.Typer) -> None:
    """The commands join the `calc` group (registered before by its owner)."""
    group = command_group(app, "calc")
    group.command("e1rm")(e1rm_cmd)
    group.command("jump-power")(jump_power_cmd)
    group.command("bmr")(bmr_cmd)
    group.command("kcal")(kcal_cmd)
    group.command("score")(score_cmd)
