"""`legday athlete add|list|show|edit|remove`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from legday.cli.common import (
    JsonOpt,
    ask_yes_no,
    console,
    emit_json,
    finite,
    for_athlete,
    lit,
    local,
    local_reading,
    parse_date,
    plain,
)

if TYPE_CHECKING:
    from legday.app.athletes import AthleteFields, AthleteView


def _group() -> typer.Typer:
    """The group, empty: ``register`` adds its commands."""
    return typer.Typer(
        help="Add, list, show, edit and remove athletes.",
        no_args_is_help=True,
    )


AgeOpt = Annotated[int | None, typer.Option("--age", help="Age in years (or give --birth-date).")]
BirthOpt = Annotated[str | None, typer.Option("--birth-date", help="YYYY-MM-DD.")]
SexOpt = Annotated[str | None, typer.Option("--sex", help="female or male (norms need it).")]
MassOpt = Annotated[float | None, typer.Option("--mass-kg", help="Body mass in kg.", parser=finite)]
HeightOpt = Annotated[
    float | None, typer.Option("--height-cm", help="Height in cm.", parser=finite)
]
LevelOpt = Annotated[
    str | None, typer.Option("--level", help="beginner, intermediate or advanced.")
]
UnitOpt = Annotated[str | None, typer.Option("--unit", help="kg or lb: how loads are shown.")]
LimitOpt = Annotated[
    list[str] | None,
    typer.Option("--limitation", help="knee-pain, low-back-pain, … (repeat for several)."),
]
MonthsOpt = Annotated[
    int | None,
    typer.Option(
        "--months-since-surgery", help="With acl-reconstruction: months since the operation."
    ),
]


def _fields(
    age: int | None,
    birth_date: str | None,
    sex: str | None,
    mass_kg: float | None,
    height_cm: float | None,
    level: str | None,
    unit: str | None,
    limitation: list[str] | None,
    clear_limitations: bool = False,
    months: int | None = None,
) -> AthleteFields:
    from legday.app.athletes import AthleteFields

    limits: tuple[str, ...] | None = tuple(limitation) if limitation else None
    if clear_limitations:
        limits = ()
    return AthleteFields(
        birth_date=parse_date(birth_date, "--birth-date"),
        age_years=age,
        sex=sex.lower() if sex else None,
        body_mass_kg=mass_kg,
        height_cm=height_cm,
        level=level.lower() if level else None,
        unit=unit.lower() if unit else None,
        limitations=limits,
        months_since_surgery=months,
    )


def _render(a: AthleteView) -> None:
    from rich.table import Table

    from legday.domain.units import format_mass

    t = Table(show_header=False, title=lit(a.name), title_justify="left")
    t.add_row("age", str(a.age) if a.age is not None else "—")
    t.add_row("sex", a.sex or "—")
    t.add_row("body mass", format_mass(a.body_mass_kg, a.unit_literal))
    t.add_row("height", f"{a.height_cm:g} cm" if a.height_cm else "—")
    t.add_row("level", a.level)
    t.add_row("unit", a.unit)
    t.add_row("limitations", lit(", ".join(a.limitations)) or "none")
    console().print(t)


def _show(a: AthleteView, json_out: bool) -> None:
    """An athlete as ``{"athlete": …}`` with --json, else as a table."""
    if json_out:
        emit_json({"athlete": a.as_json()})
    else:
        _render(a)


def add(
    name: Annotated[str, typer.Argument(help="A name unique in this database.")],
    age: AgeOpt = None,
    birth_date: BirthOpt = None,
    sex: SexOpt = None,
    mass_kg: MassOpt = None,
    height_cm: HeightOpt = None,
    level: LevelOpt = None,
    unit: UnitOpt = None,
    limitation: LimitOpt = None,
    months_since_surgery: MonthsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Add an athlete."""
    from legday.app import athletes

    db, actor = local(create=True)
    a = athletes.add(
        db,
        actor,
        name,
        _fields(
            age,
            birth_date,
            sex,
            mass_kg,
            height_cm,
            level,
            unit,
            limitation,
            months=months_since_surgery,
        ),
    )
    if json_out:
        emit_json({"athlete": a.as_json()})
    else:
        console().print(f"Added [bold]{lit(a.name)}[/bold].")


def list_(json_out: JsonOpt = False) -> None:
    """List athletes."""
    from legday.app.athlete_views import list_all

    rows = list_all(*local_reading())
    if json_out:
        emit_json({"athletes": [a.as_json() for a in rows]})
        return
    from rich.table import Table

    from legday.domain.units import format_mass

    t = Table("name", "age", "sex", "body mass", "level", "unit")
    for a in rows:
        t.add_row(
            lit(a.name),
            str(a.age) if a.age is not None else "—",
            a.sex or "—",
            format_mass(a.body_mass_kg, a.unit_literal),
            a.level,
            a.unit,
        )
    console().print(t if rows else "No athletes yet: `legday athlete add NAME`.")


def show(
    name: Annotated[str | None, typer.Argument(help="Athlete (optional with one).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Show one athlete."""
    from legday.app import athletes

    _show(athletes.show(*for_athlete(name)), json_out)


def edit(
    name: Annotated[str | None, typer.Argument(help="Athlete (optional with one).")] = None,
    rename: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    age: AgeOpt = None,
    birth_date: BirthOpt = None,
    sex: SexOpt = None,
    mass_kg: MassOpt = None,
    height_cm: HeightOpt = None,
    level: LevelOpt = None,
    unit: UnitOpt = None,
    limitation: LimitOpt = None,
    clear_limitations: Annotated[
        bool, typer.Option("--clear-limitations", help="Remove every limitation.")
    ] = False,
    months_since_surgery: MonthsOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Change an athlete's details (only the options given)."""
    from legday.app import athletes

    fields = _fields(
        age, birth_date, sex, mass_kg, height_cm, level, unit, limitation, clear_limitations,
        months_since_surgery,
    )  # fmt: skip
    _show(athletes.edit(*for_athlete(name), fields, new_name=rename), json_out)


def remove(
    name: Annotated[str, typer.Argument(help="The athlete to delete with all their data.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Delete an athlete and everything recorded for them."""
    from legday.app import athletes

    db, actor, athlete_id = for_athlete(name)
    target = athletes.show(db, actor, athlete_id)
    if not yes and not ask_yes_no(
        f"Delete {plain(target.name)} and all their sessions, tests and plans?", default=False
    ):
        typer.echo("Nothing deleted.", err=True)
        raise typer.Exit(1)
    gone = athletes.remove(db, actor, athlete_id)
    if json_out:
        emit_json({"removed": gone.as_json()})
    else:
        console().print(f"Removed {lit(gone.name)}.")


def register(app: typer.Typer) -> None:
    group = _group()
    group.command("add")(add)
    group.command("list")(list_)
    group.command("show")(show)
    group.command("edit")(edit)
    group.command("remove")(remove)
    app.add_typer(group, name="athlete")
