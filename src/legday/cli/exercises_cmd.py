"""`legday exercises list|show|match|programme`: the exercise catalog and foreign-name matching.
`exercises map` joins the group from exercise_map_cmd."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from legday.cli.common import AthleteOpt, JsonOpt, console, emit_json, for_athlete

if TYPE_CHECKING:
    from legday.domain.catalog import Exercise


def _group() -> typer.Typer:
    """The group, empty: ``register`` adds its commands."""
    return typer.Typer(
        help="Browse the exercise catalog and match other apps' exercise names.",
        no_args_is_help=True,
    )


def _fmt(value: Any) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(
            f"{v['name']} ({v['id']})" if isinstance(v, dict) else str(v) for v in value
        )
    return str(value)


def list_(
    pattern: Annotated[
        str | None, typer.Option("--pattern", help="squat, hinge, lunge, calf, plyometric, …")
    ] = None,
    muscle: Annotated[
        str | None,
        typer.Option("--muscle", help="A muscle (adductors, soleus, …) or a group (calves)."),
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option(
            "--equipment",
            help="What you have, comma-separated (barbell,bench); 'none' is always there.",
        ),
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="lower, upper, core or full.")
    ] = None,
    benefit: Annotated[
        str | None, typer.Option("--benefit", help="strength, balance, power, mobility, …")
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Leave out exercises contraindicated for a limitation."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """List catalog exercises, filtered."""
    from legday.app import catalog

    rows = catalog.list_exercises(pattern, muscle, equipment, region, benefit, exclude)
    if json_out:
        emit_json({"exercises": [catalog.exercise_view(ex).as_json() for ex in rows]})
        return
    if not rows:
        console().print("No exercise matches those filters.")
        return
    from rich.table import Table

    t = Table(title=f"{len(rows)} exercises")
    t.add_column("id", no_wrap=True)
    for col in ("name", "pattern", "equipment", "level", "impact"):
        t.add_column(col)
    for ex in rows:
        t.add_row(ex.id, ex.name, ex.pattern, ", ".join(ex.equipment), str(ex.level), ex.impact)
    console().print(t)


def _render(ex: Exercise) -> None:
    from rich.table import Table

    from legday.app import catalog

    doc = catalog.exercise_view(ex, named_links=True).as_json()
    t = Table(show_header=False, title=f"{ex.name} ({ex.id})", title_justify="left")
    for key, value in doc.items():
        if key in ("id", "name"):
            continue
        if key == "muscles":
            value = ", ".join(
                f"{m['muscle']}{'' if m['weight'] >= 1 else ' (secondary)'}" for m in value
            )
        t.add_row(key.replace("_", " "), _fmt(value))
    console().print(t)


def show(
    exercise_id: Annotated[str, typer.Argument(help="Catalog id, e.g. nordic-hamstring-curl.")],
    json_out: JsonOpt = False,
) -> None:
    """Show every field of one exercise, with its progressions and regressions named."""
    from legday.app import catalog

    ex = catalog.show(exercise_id)
    if json_out:
        emit_json({"exercise": catalog.exercise_view(ex, named_links=True).as_json()})
    else:
        _render(ex)


def match(
    name: Annotated[
        str, typer.Argument(help='A name as another app writes it: "Squat (Barbell)".')
    ],
    athlete: AthleteOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Match another app's exercise name to a catalog id (null when unsure).

    With --athlete, that athlete's own mappings (`legday exercises map`) come first.
    """
    from legday.app import catalog

    mappings = catalog.user_mappings(*for_athlete(athlete)) if athlete else None
    r = catalog.match(name, mappings)
    if json_out:
        emit_json(r.as_json())
        return
    out = console()
    if r.id:
        out.print(f"{name} → {r.id} ({r.name}), confidence {r.confidence:.2f}", markup=False)
    else:
        out.print(f"{name} → unknown: no exercise is a confident match", markup=False)
    others = [c for c in r.candidates if c.id != r.id]
    if others:
        out.print("candidates: " + "; ".join(f"{c.id} {c.score:.2f}" for c in others), markup=False)


def programme_(
    programme_id: Annotated[
        str | None, typer.Argument(help="fifa-11-plus or otago; leave out to list them.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Show a named programme (FIFA 11+, Otago): its parts, items and levels."""
    from legday.app import catalog

    if programme_id is None:
        progs = catalog.programme_list()
        if json_out:
            emit_json({"programmes": [{"id": p.id, "name": p.name} for p in progs]})
        else:
            for p in progs:
                console().print(f"{p.id}: {p.name}", markup=False)
        return
    prog = catalog.programme_show(programme_id)
    if json_out:
        emit_json({"programme": prog.as_json()})
        return
    out = console()
    out.print(f"{prog.name} — {prog.frequency}", markup=False)
    for part in prog.parts:
        mins = f" (about {part.minutes:g} min)" if part.minutes else ""
        out.print(f"\n{part.name}{mins}", markup=False)
        for item in part.items:
            num = f"{item.number}. " if item.number else "- "
            levels = " → ".join(item.levels)
            out.print(f"  {num}{item.title}: {levels}", markup=False)
            if item.dose:
                out.print(f"     {item.dose}", markup=False)


def register(app: typer.Typer) -> None:
    group = _group()
    group.command("list")(list_)
    group.command("show")(show)
    group.command("match")(match)
    group.command("programme")(programme_)
    app.add_typer(group, name="exercises")
