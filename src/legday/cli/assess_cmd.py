"""`legday assess score|record|history|list|explain`: lower-body tests against published norms."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from legday.cli.assess_inputs import (
    AgainOpt,
    AgeOpt,
    ConfirmOpt,
    ExerciseOpt,
    MassOpt,
    NearestOpt,
    SexOpt,
    UnitOpt,
    opt,
    takes_test_inputs,
)
from legday.cli.common import (
    AthleteOpt,
    JsonOpt,
    console,
    emit_json,
    for_athlete,
    lit,
    parse_date,
)
from legday.cli.words import say_all


def _group() -> typer.Typer:
    """The group, empty: ``register`` adds its commands."""
    return typer.Typer(
        help="Score lower-body tests against published norms, record them, see the trend.",
        no_args_is_help=True,
    )


TestArg = Annotated[str, typer.Argument(help="Test id (see `legday assess list`).")]


@contextmanager
def confirm_hint() -> Iterator[None]:
    """An implausible value or a repeated test is refused by the app; here the user learns the
    flag that stores it anyway."""
    from legday.app.assess import RepeatedTest
    from legday.domain.assess.scoring import ImplausibleValue
    from legday.domain.errors import Conflict, InvalidInput

    try:
        yield
    except ImplausibleValue as exc:
        hint = (exc.hint or "").removesuffix("; if the value is right, confirm it")
        raise InvalidInput(exc.message, f"{hint}; if it is right, add --confirm") from None
    except RepeatedTest as exc:
        raise Conflict(
            exc.message,
            f"{exc.hint}: add --again; to correct it use `legday assess edit {exc.existing_id}`",
        ) from None


def fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, list):
        return ", ".join(fmt(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k} {fmt(x)}" for k, x in v.items())
    return str(v)


def _value_label(test_id: str) -> str:
    """``value`` named by what it measures when the test's formula defines it ("value = force of
    the weaker limb (N); …"): a bare "2 cm" for Y-Balance reads like a reach, not a difference."""
    from legday.domain.assess import registry

    formula = registry.get(test_id).formula
    if not formula.startswith("value = "):
        return "value"
    return "value: " + formula.removeprefix("value = ").split(";")[0].split(" (")[0].strip()


def render_score(doc: dict[str, Any], mass_unit: str = "kg") -> None:
    from rich.table import Table

    from legday.domain.units import Unit, format_mass

    c = console()
    t = Table(show_header=False, title=lit(doc["test"]), title_justify="left")
    shown = f"{fmt(doc['value'])} {doc['unit']}"
    if doc["unit"] == "kg" and doc["value"] is not None:
        shown = format_mass(doc["value"], "lb" if mass_unit == "lb" else "kg", 1)
    t.add_row(_value_label(doc["test"]), shown)
    rating = doc["rating"] or "— (no normal range)"
    if doc["derived"].get("lower_is_better") and doc["rating"]:
        rating += "  (lower is better: below = slower than normal)"
    t.add_row("rating", rating)
    rng = doc["normal_range"]
    t.add_row("normal range", f"{fmt(rng[0])}–{fmt(rng[1])} {doc['unit']}" if rng else "—")
    if doc["percentile"] is not None:
        t.add_row("percentile", f"{doc['percentile']:g}")
    flags = doc["flags"]
    t.add_row("flags", f"[bold red]{lit(', '.join(flags))}[/]" if flags else "none")
    shown_unit: Unit = "lb" if mass_unit == "lb" else "kg"
    load = doc["inputs"].get("load")
    if doc["unit"] == "kg" and isinstance(load, int | float):
        reps = doc["inputs"].get("reps")
        t.add_row("lifted", f"{format_mass(load, shown_unit, 1)} × {reps}")
    for k, v in doc["derived"].items():
        if k in ("rating_meaning", "lower_is_better", "threshold_source"):
            continue
        if k == "all_formulas" and doc["unit"] == "kg":
            # Stored in kg like the value; shown in the athlete's unit beside it.
            v = {f: format_mass(x, shown_unit, 1) for f, x in v.items()}
        t.add_row(k.replace("_", " "), _cell(v))
    c.print(t)
    for w in say_all(doc["warnings"]):
        c.print(f"[yellow]warning:[/] {lit(w)}", highlight=False)
    if "lsi_threshold_pct" in doc["derived"]:
        c.print("One test never clears a return to sport: see `legday assess rts` for the battery.")
    for src in doc["sources"]:
        c.print(f"[dim]source: {lit(src)}[/]", highlight=False)


@takes_test_inputs
def score_cmd(
    test: TestArg,
    *,
    values: dict[str, Any],
    age: AgeOpt = None,
    sex: SexOpt = None,
    mass_kg: MassOpt = None,
    unit: UnitOpt = None,
    nearest_band: NearestOpt = False,
    exercise: ExerciseOpt = None,
    confirm: ConfirmOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Score a test without storing it."""
    from legday.app import assess

    with confirm_hint():
        doc = assess.score(
            test, values, age, sex, mass_kg, nearest_band, unit or "kg", exercise, confirm
        ).as_json()
    if json_:
        emit_json(doc)
    else:
        render_score(doc)


@takes_test_inputs
def record_cmd(
    test: TestArg,
    athlete: AthleteOpt = None,
    date: Annotated[
        str | None, opt("--date", "Day of the test, YYYY-MM-DD (default today).")
    ] = None,
    *,
    values: dict[str, Any],
    age: AgeOpt = None,
    sex: SexOpt = None,
    mass_kg: MassOpt = None,
    unit: UnitOpt = None,
    nearest_band: NearestOpt = False,
    notes: Annotated[str | None, opt("--notes", "Free text kept with the result.")] = None,
    exercise: ExerciseOpt = None,
    confirm: ConfirmOpt = False,
    again: AgainOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Score a test and store it for an athlete (age, sex and mass from the athlete)."""
    from legday.app import assess

    with confirm_hint():
        rec = assess.record(
            *for_athlete(athlete), test, values, taken_on=parse_date(date), age=age,
            sex=sex, mass_kg=mass_kg, nearest_band=nearest_band, load_unit=unit, notes=notes,
            exercise=exercise, confirm=confirm, again=again,
        )  # fmt: skip
    if json_:
        emit_json(rec.as_json())
        return
    console().print(f"Recorded {lit(rec.result['test'])} for {lit(rec.athlete)} on {rec.taken_on}.")
    render_score(rec.result, rec.unit)


def history_cmd(
    athlete: AthleteOpt = None,
    test: Annotated[str | None, opt("--test", "Only this test.")] = None,
    json_: JsonOpt = False,
) -> None:
    """Every recorded test of an athlete, oldest first, with the trend per test."""
    from legday.app import assess

    doc = assess.history(*for_athlete(athlete), test).as_json()
    if json_:
        emit_json(doc)
        return
    from rich.table import Table

    c = console()
    if not doc["tests"]:
        c.print(f"No tests recorded for {lit(doc['athlete'])} yet (see `legday assess record`).")
        return
    from legday.domain.units import display_mass

    for t in doc["tests"]:
        trend = t["trend"] or "—"
        # Loads are stored in kg (the JSON says so); the table shows the athlete's unit.
        shown_unit = doc["unit"] if t["unit"] == "kg" else t["unit"]
        table = Table(
            title=lit(f"{t['name']} ({shown_unit}) — trend: {trend}"), title_justify="left"
        )
        for col in ("id", "date", "value", "rating", "flags"):
            table.add_column(col)
        for e in t["entries"]:
            value = e["value"]
            if t["unit"] == "kg" and value is not None:
                value = display_mass(value, doc["unit"])
            table.add_row(
                str(e["id"]),
                e["taken_on"],
                fmt(value),
                e["rating"] or "—",
                ", ".join(e["flags"]) or "—",
            )
        c.print(table)


def list_cmd(json_: JsonOpt = False) -> None:
    """Every test with its unit, what its norms need and its source."""
    from legday.app import assess_explain

    tests = assess_explain.list_tests()
    if json_:
        emit_json({"tests": [t.as_json() for t in tests]})
        return
    from rich.table import Column, Table

    # The id is typed back (`assess score ID`), so it is never cut; one source key a line.
    t = Table(
        Column("id", no_wrap=True),
        Column("name", overflow="fold"),
        "unit",
        "needs",
        Column("sources (see `assess explain TEST`)", overflow="fold"),
    )
    for row in tests:
        needs = ", ".join(row.needs) or "—"
        t.add_row(row.id, row.name, row.unit, needs, "\n".join(row.source_keys))
    console().print(t)


def explain_cmd(test: TestArg, json_: JsonOpt = False) -> None:
    """The norm table, formula, scoring rule, disagreements and full citations of a test."""
    from legday.app import assess_explain

    doc = assess_explain.explain(test).as_json()
    if json_:
        emit_json(doc)
        return
    _render_explain(doc)


def _cell(v: Any) -> str:
    """Table cells as printed in the sources: ranges ``lo–hi``, numbers as written."""
    if isinstance(v, list) and len(v) == 2 and all(isinstance(x, int | float) for x in v):
        return f"{v[0]}–{v[1]}"
    return fmt(v) if not isinstance(v, float) else str(v)


def _render_explain(doc: dict[str, Any]) -> None:
    from rich.table import Table

    c = console()
    about = f"({doc['id']}, {doc['unit']}, {doc['better']} is better)"
    c.print(f"[bold]{lit(doc['name'])}[/] {lit(about)}")
    c.print(f"[bold]Protocol:[/] {lit(doc['protocol'])}", highlight=False)
    c.print(f"[bold]Formula:[/] {lit(doc['formula'])}", highlight=False)
    c.print(f"[bold]Scoring rule:[/] {lit(doc['scoring_rule'])}", highlight=False)
    c.print(f"[bold]Needs:[/] {lit(', '.join(doc['needs'])) or 'nothing about the person'}")
    for tb in doc["tables"]:
        status = tb["status"] if tb["verified"] else f"{tb['status']}, with UNVERIFIED cells"
        c.print(
            f"\n[bold]Table {lit(tb['key'])}[/] — {lit(tb['meaning'])} {lit(f'[{status}]')}",
            highlight=False,
        )
        c.print(f"[dim]source: {lit(tb['source'])}[/]", highlight=False)
        rows = tb.get("rows")
        if rows:
            cols = list(dict.fromkeys(k for r in rows for k in r))
            t = Table(*cols)
            for r in rows:
                t.add_row(*(_cell(r.get(k, "")) for k in cols))
            c.print(t)
        elif "value" in tb:
            c.print(f"value: {fmt(tb['value'])} ({tb.get('op', '')})")
        for sex in ("female", "male"):
            if sex in tb and not rows:
                c.print(f"{sex}: {fmt(tb[sex])}")
    ranged = [i for i in doc["inputs"] if i.get("plausible")]
    if ranged:
        c.print("\n[bold]Plausible ranges[/] (outside them a value needs --confirm):")
        for i in ranged:
            lo, hi = i["plausible"]
            unit = f" {i['unit']}" if i.get("unit") else ""
            line = f"{i['name']}: {fmt(lo)}–{fmt(hi)}{unit} — {i['plausible_why']}"
            c.print(f"• {lit(line)}", highlight=False)
    if doc["triage"]:
        c.print("\n[bold]What a result means for planning:[/]")
        for r in doc["triage"]:
            when = f"flag {r['flag']}" if r["flag"] else f"rating {r['rating']}"
            who = []
            if r["min_age"] is not None:
                who.append(f"age ≥ {r['min_age']}")
            if r["max_age"] is not None:
                who.append(f"age ≤ {r['max_age']}")
            if r["sex"]:
                who.append(r["sex"])
            scope = f" ({', '.join(who)})" if who else ""
            line = f"{when}{scope} → {r['kind']}: {r['why']} [{r['source']}]"
            c.print(f"• {lit(line)}",
                    highlight=False)  # fmt: skip
    if doc["notes"]:
        c.print("\n[bold]Notes (disagreements, unverified values):[/]")
        for n in doc["notes"]:
            c.print(f"• {lit(n)}", highlight=False)
    c.print("\n[bold]Sources:[/]")
    for s in doc["sources"]:
        cited = f"{s['citation']} [{s['status']}]"
        c.print(f"• {lit(cited)}", highlight=False)


def register(app: typer.Typer) -> None:
    group = _group()
    group.command("score")(score_cmd)
    group.command("record")(record_cmd)
    group.command("history")(history_cmd)
    group.command("list")(list_cmd)
    group.command("explain")(explain_cmd)
    app.add_typer(group, name="assess")
