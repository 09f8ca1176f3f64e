"""`legday records`: personal records per exercise from working sets."""

from __future__ import annotations

from typing import Annotated

import typer

from legday.cli.common import AthleteOpt, JsonOpt, console, emit_json, for_reading, lit


def records(
    athlete: AthleteOpt = None,
    formula: Annotated[
        str,
        typer.Option(
            "--formula",
            help="e1RM formula: epley, brzycki, lombardi, mayhew, oconner, wathan, lander.",
        ),
    ] = "epley",
    json_out: JsonOpt = False,
) -> None:
    """Personal records per exercise: heaviest lift, best e1RM (formula named), rep maxes.

    Working sets only (warm-ups and drop sets never count); a rep max for r reps is the heaviest
    load lifted for at least r reps. Sets outside the formula's rep range give no e1RM.
    """
    from legday.app.training_records import records as find_records

    v = find_records(*for_reading(athlete), formula)
    if json_out:
        emit_json(v.as_json())
        return
    if not v.exercises:
        console().print(f"No records yet for {lit(v.athlete)}: log working sets with loads first.")
        return
    from rich.table import Table

    u = v.unit
    t = Table(
        "exercise",
        f"heaviest ({u})",
        f"e1RM ({v.formula})",
        "rep maxes (reps: load)",
        title=f"Records · {lit(v.athlete)}",
        title_justify="left",
    )
    for ex in v.exercises:
        top, e1 = ex.heaviest, ex.e1rm
        e1_text = "—" if e1 is None else f"{e1.value:g} from {e1.load:g}×{e1.reps}"
        rms = ", ".join(f"{r.reps}: {r.load:g}" for r in ex.rep_maxes)
        t.add_row(lit(ex.name), f"{top.load:g}×{top.reps} {top.date}", e1_text, rms)
    console().print(t)
    console().print(f"[dim]{lit(v.e1rm_definition)}[/dim]")


def register(app: typer.Typer) -> None:
    app.command("records")(records)
