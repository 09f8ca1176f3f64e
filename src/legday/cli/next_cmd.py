"""`legday next`: the next session with every set's load, reps, effort, rest, plates and the
reason for each load; `--show-rules` / `--set KEY=VALUE` to see and change the progression
settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from legday.cli.common import (
    AthleteOpt,
    JsonOpt,
    console,
    emit_json,
    for_athlete,
    for_reading,
    lit,
    parse_date,
)

if TYPE_CHECKING:
    from legday.app.progression_settings import RuleSettings

SHOW_HELP = "List the progression settings (value, default, source) instead of the session."
SET_HELP = (
    "Change a setting, e.g. linear.increment_kg=5, back-squat:linear.increment_kg=5, "
    "back-squat:rule=double (rules: linear, double, rpe, waves, holds, contacts, repeat); "
    "KEY=default removes a change. Repeat for several."
)


def dose_text(s: dict[str, Any], unit: str) -> str:
    """``102.5 kg × 5+ @8`` / ``30 s`` / ``8 contacts`` for one prescribed set."""
    parts: list[str] = []
    if s.get("load") is not None:
        parts.append(f"{s['load']:g} {unit}")
    if s.get("reps") is not None:
        parts.append(f"{s['reps']}{'+' if s.get('amrap') else ''} reps")
    if s.get("seconds") is not None:
        parts.append(f"{s['seconds']:g} s")
    if s.get("contacts") is not None:
        parts.append(f"{s['contacts']} contacts")
    text = " × ".join(parts) or "as planned"
    if s.get("rpe") is not None:
        text += f" @{s['rpe']:g}"
    if s.get("level") is not None:
        text += f" (level {s['level']})"
    return text


def plates_text(plates: list[float] | None) -> str:
    return " + ".join(f"{p:g}" for p in plates) + " a side" if plates else "—"


def render_session(doc: dict[str, Any]) -> None:
    from rich.table import Table

    c = console()
    head = f"[bold]{lit(doc['athlete'])}[/bold] — next session {lit(doc['title'])}"
    if doc["deload_week"]:
        head += " [yellow](deload week)[/yellow]"
    c.print(head)
    if doc.get("open_session"):
        c.print("[yellow]A gym session is still open — `legday train` resumes it.[/yellow]")
    broken = doc.get("plan_violations") or []
    if broken:
        rules = ", ".join(f"{r['rule']} {r['title']} ×{r['count']}" for r in broken)
        c.print(
            "[bold red]Warning:[/bold red] the current plan was imported with --force and "
            f"breaks {len(broken)} rule(s): {lit(rules)} (see `legday plan check`)."
        )
    if not doc["exercises"]:
        c.print("Nothing to prescribe yet: log a session (`legday log`) or make a plan.")
        return
    unit = doc["unit"]
    for n, ex in enumerate(doc["exercises"], 1):
        c.print(
            f"\n[bold]{n}. {lit(ex['name'])}[/bold]  ({lit(ex['rule'])}, rest {ex['rest_s']} s)"
        )
        t = Table(show_edge=False)
        t.add_column("set", justify="right")
        t.add_column("prescription")
        t.add_column("plates")
        for s in ex["sets"]:
            t.add_row(str(s["set"]), lit(dose_text(s, unit)), plates_text(s["plates_per_side"]))
        c.print(t)
        c.print(f"   [dim]why:[/dim] {lit(ex['why'])}")
        if ex["switch_to"]:
            c.print(f"   [green]ready for a harder variant: {lit(ex['switch_to'])}[/green]")


def render_rules(r: RuleSettings) -> None:
    from rich.table import Table

    t = Table(
        "setting", "value", "default", "meaning", "source", title=f"{lit(r.athlete)}: progression"
    )
    for row in r.settings:
        mark = "[bold]" if row["changed"] else ""
        t.add_row(lit(row["key"]), f"{mark}{row['value']:g}", f"{row['default']:g}",
                  lit(row["meaning"]), lit(row["source"]))  # fmt: skip
    c = console()
    c.print(t)
    if r.exercise_overrides:
        c.print(
            "Per exercise: " + lit(", ".join(f"{k}={v}" for k, v in r.exercise_overrides.items()))
        )
    c.print("Change one: `legday next --set linear.increment_kg=5` (KEY=default undoes it).")


def next_(
    athlete: AthleteOpt = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Plan for this day (YYYY-MM-DD; default today).")
    ] = None,
    show_rules: Annotated[bool, typer.Option("--show-rules", help=SHOW_HELP)] = False,
    set_: Annotated[list[str] | None, typer.Option("--set", help=SET_HELP)] = None,
    json_out: JsonOpt = False,
) -> None:
    """The next session: loads, reps, effort, rest, plates — and why each load was chosen."""
    from legday.app import next_session, progression_settings

    if set_ or show_rules:
        db, actor, athlete_id = for_athlete(athlete)
        r = (
            progression_settings.change_rules(db, actor, athlete_id, set_)
            if set_
            else progression_settings.rule_settings(db, actor, athlete_id)
        )
        if json_out:
            emit_json(r.as_json())
        else:
            render_rules(r)
        return
    doc = next_session.next_session(*for_reading(athlete), parse_date(day)).as_json()
    if json_out:
        emit_json(doc)
    else:
        render_session(doc)


def register(app: typer.Typer) -> None:
    app.command("next")(next_)
