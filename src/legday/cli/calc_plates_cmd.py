"""`legday calc plates` and `legday calc warmup`: what to put on the bar. Stores nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from legday.cli.calc_cmd import calc_app
from legday.cli.common import JsonOpt, console, emit_json, finite, for_athlete

if TYPE_CHECKING:
    from legday.domain.train.plates import LoadingSetup, Pairs

LoadOpt = Annotated[
    float, typer.Option("--load", "-l", help="Target load, in --unit.", parser=finite)
]
BarOpt = Annotated[
    float | None,
    typer.Option(
        "--bar", help="Bar mass (default 20 kg / 45 lb).", show_default=False, parser=finite
    ),
]
PlatesOpt = Annotated[
    str | None,
    typer.Option(
        "--plates",
        help="Plates available, comma-separated (default kg 25,20,15,10,5,2.5,1.25; "
        "lb 45,35,25,10,5,2.5).",
    ),
]
PairsOpt = Annotated[
    str | None,
    typer.Option(
        "--pairs",
        help="Pairs of each plate: one number for all (2), or per plate (25:1,20:2; plates not "
        "named are unlimited). Default: unlimited.",
    ),
]
UnitOpt = Annotated[
    str | None, typer.Option("--unit", "-u", help="kg or lb (default kg, or the athlete's).")
]
OwnOpt = Annotated[
    str | None,
    typer.Option(
        "--athlete",
        "-a",
        help="Start from this athlete's own bar and plates (profile equipment_loading); "
        "the options above still override it.",
    ),
]


def _setup(
    unit_text: str | None,
    bar: float | None,
    plates: str | None,
    pairs: str | None,
    athlete: str | None = None,
) -> LoadingSetup:
    from legday.domain.errors import InvalidInput
    from legday.domain.train.plates import LoadingSetup, default_setup
    from legday.domain.units import parse_unit

    if athlete is not None:
        from legday.app import athletes

        who = athletes.show(*for_athlete(athlete))
        base = who.profile.loading(who.unit_literal)
        if unit_text is not None and parse_unit(unit_text) != base.unit:
            # The athlete's plates are in their unit; another unit means another gym's set.
            base = default_setup(parse_unit(unit_text))
    else:
        base = default_setup(parse_unit(unit_text or "kg"))
    unit = base.unit
    plate_list = base.plates
    if plates is not None:
        try:
            plate_list = tuple(float(p) for p in plates.split(",") if p.strip())
        except ValueError:
            raise InvalidInput(
                f"--plates {plates!r} is not a list of numbers", "e.g. --plates 25,20,15,10,5"
            ) from None
        if not plate_list:
            raise InvalidInput("--plates is empty", "give at least one plate, e.g. 25,20")
    return LoadingSetup(
        unit,
        base.bar if bar is None else bar,
        plate_list,
        base.pairs if pairs is None and plates is None else _pairs(pairs),
        base.dumbbells,
    )


def _pairs(text: str | None) -> Pairs:
    from legday.domain.errors import InvalidInput

    if text is None:
        return None
    hint = "give one whole number (--pairs 2) or plate:pairs items (--pairs 25:1,20:2)"
    try:
        if ":" not in text:
            return int(text)
        out: dict[float, int] = {}
        for item in text.split(","):
            plate, count = item.split(":")
            out[float(plate)] = int(count)
        return out
    except ValueError:
        raise InvalidInput(f"--pairs {text!r} cannot be read", hint) from None


def _fmt(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def _side(per_side: Iterable[float], empty: str) -> str:
    """The plates on one side as ``25 + 10`` (``empty`` when there are none)."""
    return " + ".join(_fmt(p) for p in per_side) or empty


def plates(
    load: LoadOpt,
    bar: BarOpt = None,
    plates: PlatesOpt = None,
    pairs: PairsOpt = None,
    unit: UnitOpt = None,
    athlete: OwnOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """The plates for each side of the bar: the heaviest load not above --load, fewest plates.

    Solved exactly (not greedy): 90 kg on a 20 kg bar with 25/20/15 plates is 20 + 15 a side.
    """
    from legday.domain.train.plates import solve_plates

    setup = _setup(unit, bar, plates, pairs, athlete)
    sol = solve_plates(load, setup.bar, setup.plates, setup.pairs)
    if json_out:
        emit_json(
            {
                "per_side": list(sol.per_side),
                "achievable_load": sol.achievable,
                "unit": setup.unit,
                "target_load": load,
                "bar": setup.bar,
                "plate_count": sol.plate_count,
            }
        )
        return
    u = setup.unit
    side = _side(sol.per_side, "no plates")
    out = console()
    out.print(
        f"[bold]{_fmt(sol.achievable)} {u}[/bold]: {_fmt(setup.bar)} {u} bar, each side {side}"
    )
    if sol.achievable < load:
        out.print(f"({_fmt(load)} {u} cannot be built; this is the closest below it)")


def warmup(
    load: LoadOpt,
    reps: Annotated[int, typer.Option("--reps", "-r", help="Reps of the work set.")],
    bar: BarOpt = None,
    plates: PlatesOpt = None,
    pairs: PairsOpt = None,
    unit: UnitOpt = None,
    athlete: OwnOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """A warm-up ramp to a barbell work set, with the plates for each step.

    Empty bar 2×5 (Rippetoe & Kilgore, Starting Strength, 3rd ed. 2011), then ~40 %×5, 60 %×3 and
    80 %×2 of the work load (a common practitioner chart), each rounded down to your plates: the
    "potentiate" part of a RAMP warm-up (Jeffreys 2007).
    """
    from legday.domain.train.plates import solve_plates
    from legday.domain.train.warmup import warmup_ramp

    setup = _setup(unit, bar, plates, pairs, athlete)
    ramp = warmup_ramp(load, reps, setup)
    work = solve_plates(load, setup.bar, setup.plates, setup.pairs)
    if json_out:
        doc: dict[str, Any] = {
            "warmup": [
                {
                    "load": w.load,
                    "reps": w.reps,
                    "sets": w.sets,
                    "per_side": list(w.per_side),
                    "percent_of_work": round(100 * w.fraction, 1),
                }
                for w in ramp
            ],
            "work": {"load": work.achievable, "reps": reps, "per_side": list(work.per_side)},
            "unit": setup.unit,
            "scheme": "empty bar 2x5, then 40%x5, 60%x3, 80%x2 of the work load",
        }
        emit_json(doc)
        return
    from rich.table import Table

    u = setup.unit
    t = Table("step", f"load ({u})", "sets × reps", "each side", title="Warm-up")
    for i, w in enumerate(ramp, 1):
        t.add_row(str(i), _fmt(w.load), f"{w.sets} × {w.reps}", _side(w.per_side, "empty bar"))
    side = _side(work.per_side, "empty bar")
    t.add_row("work", _fmt(work.achievable), f"× {reps}", side, style="bold")
    console().print(t)


def register(app: typer.Typer) -> None:
    """Adds `plates` and `warmup` to the `calc` group (owned by legday.cli.calc_cmd)."""
    del app  # the commands live on calc_app, which calc_cmd registers
    calc_app.command("plates")(plates)
    calc_app.command("warmup")(warmup)
