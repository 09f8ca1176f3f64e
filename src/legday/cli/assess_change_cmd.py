"""`legday assess edit|delete|rts`: correct or remove a recorded test; the return-to-sport
battery. The commands join the `assess` group defined in assess_cmd."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from legday.cli.assess_cmd import confirm_hint, fmt, render_score
from legday.cli.assess_inputs import (
    AgainOpt,
    AgeOpt,
    ConfirmOpt,
    ExerciseOpt,
    MassOpt,
    SexOpt,
    UnitOpt,
    opt,
    takes_test_inputs,
)
from legday.cli.common import (
    AthleteOpt,
    JsonOpt,
    ask_yes_no,
    command_group,
    console,
    emit_json,
    for_athlete,
    for_record,
    lit,
    parse_date,
    plain,
)

IdArg = Annotated[int, typer.Argument(help="Id of a recorded test (see `legday assess history`).")]


@takes_test_inputs
def edit_cmd(
    assessment_id: IdArg,
    athlete: AthleteOpt = None,
    date: Annotated[str | None, opt("--date", "Move the test to this day, YYYY-MM-DD.")] = None,
    *,
    values: dict[str, Any],
    age: AgeOpt = None,
    sex: SexOpt = None,
    mass_kg: MassOpt = None,
    unit: UnitOpt = None,
    notes: Annotated[str | None, opt("--notes", "Replace the notes.")] = None,
    exercise: ExerciseOpt = None,
    confirm: ConfirmOpt = False,
    again: AgainOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Correct a recorded test and score it again.

    The inputs given replace the stored ones; the score, rating, flags and every derived figure
    are computed again."""
    from legday.app import assess_edit

    db, actor, owner = for_record(athlete)
    with confirm_hint():
        edited = assess_edit.edit(
            db, actor, assessment_id, values, owner, taken_on=parse_date(date),
            age=age, sex=sex, mass_kg=mass_kg, load_unit=unit, notes=notes, exercise=exercise,
            confirm=confirm, again=again,
        )  # fmt: skip
    if json_:
        emit_json(edited.as_json())
        return
    rec, before = edited.record, edited.before
    was = ", ".join(f"{k} {fmt(before.get(k))}" for k in ("value", "rating", "flags"))
    console().print(
        f"Edited test {rec.id} ({lit(rec.result['test'])}, {rec.taken_on}); was: {lit(was)}."
    )
    render_score(rec.result, rec.unit)


def delete_cmd(
    assessment_id: IdArg,
    athlete: AthleteOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Delete a recorded test.

    Latest results, the return-to-sport battery and planning then use what remains."""
    from legday.app import assess_edit

    db, actor, owner = for_record(athlete)
    target = assess_edit.show(db, actor, assessment_id, owner)
    what = f"{target.test} of {target.athlete} on {target.taken_on}"
    if not yes and not ask_yes_no(f"Delete test {assessment_id} ({plain(what)})?", default=False):
        typer.echo("Nothing deleted.", err=True)
        raise typer.Exit(1)
    gone = assess_edit.delete(db, actor, assessment_id, owner)
    if json_:
        emit_json({"deleted": gone.as_json()})
    else:
        console().print(f"Deleted test {gone.id} ({lit(what)}).")


def rts_cmd(athlete: AthleteOpt = None, json_: JsonOpt = False) -> None:
    """Return-to-sport battery after ACL reconstruction: what is recorded, missing or below.

    Three hop tests and quadriceps strength, each LSI >= 90 % (Grindem 2016)."""
    from legday.app import assess_track

    doc = assess_track.rts_status(*for_athlete(athlete)).as_json()
    if json_:
        emit_json(doc)
        return
    from rich.table import Table

    c = console()
    t = Table(
        title=f"Return-to-sport battery — {lit(doc['athlete'])} (LSI ≥ {doc['criterion_pct']:g} %)",
        title_justify="left",
    )
    for col in ("test", "role", "date", "LSI %", "involved", "status"):
        t.add_column(col)
    colour = {"passing": "green", "failing": "bold red", "missing": "yellow"}
    for row in doc["tests"]:
        lsi = "—" if row["lsi"] is None else f"{row['lsi']:g}"
        status = row["status"]
        shown = f"[{colour[status]}]{status}[/]" if status in colour else status
        t.add_row(row["name"], row["role"], row["taken_on"] or "—", lsi, row["involved"] or "—",
                  shown)  # fmt: skip
    c.print(t)
    if doc["met"]:
        c.print(
            "[green]Meets the return-to-sport criteria[/] (≥ 3 hop tests and quadriceps "
            "strength, each LSI ≥ 90 %). Time since surgery (≥ 9 months) and the clinician's "
            "judgement still decide."
        )
    else:
        c.print("[bold]Does not yet meet the return-to-sport criteria.[/]")
        if doc["missing"]:
            c.print("Still to record: " + ", ".join(doc["missing"]) + " (`legday assess record`).")
        if doc["failing"]:
            c.print("Below 90 %: " + ", ".join(doc["failing"]) + ".")
    c.print(f"[dim]source: {lit(doc['source'])} (Grindem et al., Br J Sports Med 2016)[/]")


def register(app: typer.Typer) -> None:
    """The commands join the `assess` group (registered before by its owner)."""
    group = command_group(app, "assess")
    group.command("edit")(edit_cmd)
    group.command("delete")(delete_cmd)
    group.command("rts")(rts_cmd)
