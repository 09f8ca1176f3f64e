"""`legday plan generate|show|why|export|check|import`."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated, Any

import typer

from legday.cli.common import (
    AthleteOpt,
    JsonOpt,
    console,
    emit_json,
    finite,
    for_athlete,
    lit,
    parse_date,
)
from legday.cli.words import WORDS, say_all


def _group() -> typer.Typer:
    """The group, empty: ``register`` adds its commands."""
    return typer.Typer(
        help="Generate, show, explain, export and check a periodized leg plan.",
        no_args_is_help=True,
    )


def _render_week(body: dict[str, Any], unit: str) -> None:
    """One table per session with exercise names in wrapping cells, readable at 80 columns."""
    from rich.table import Table

    from legday.app.planning import exercises
    from legday.domain.plan.model import block_from_json
    from legday.domain.plan.text import block_name, dose_text
    from legday.domain.units import Unit

    c = console()
    shown: Unit = "lb" if unit == "lb" else "kg"
    cat = exercises()
    for w in body.get("weeks", []):
        head = f"Week {w['week']}" + (" — deload" if w.get("deload") else "")
        c.print(f"[bold]{lit(head)}[/bold] ({lit(w.get('phase', ''))})")
        for s in w.get("sessions", []):
            title = f"{s['date']} · {s['focus']} · about {s['est_minutes']:g} min"
            t = Table("block", "exercise", "dose", title=lit(title), title_justify="left")
            t.columns[0].no_wrap = True
            t.columns[1].ratio, t.columns[2].ratio = 1, 1
            for raw in s.get("blocks", []):
                b = block_from_json(raw, f"week {w['week']}")
                t.add_row(lit(b.kind), lit(block_name(b, cat)), lit(dose_text(b, shown)))
            c.print(t)


def remedy_flags(option: dict[str, Any], equipment: list[str]) -> str:
    """A structured remedy (legday.domain.plan.remedy) as the options to pass (their names from
    the one table, legday.cli.words.WORDS)."""
    field, bound = option.get("field"), option.get("bound")
    if field == "minutes":
        return f"{WORDS['minutes']} {bound}" if bound else f"a larger {WORDS['minutes']}"
    if field == "days":
        return f"{WORDS['days']} {bound}" if bound else f"another {WORDS['days']}"
    if field == "weeks":
        return f"{WORDS['weeks']} {bound}"
    if field == "equipment":
        # Only what is not listed yet: the user adds it to their own equipment list.
        new = [e for e in option.get("items", []) if e not in equipment]
        return f"add {','.join(new)} to {WORDS['equipment']}" if new else ""
    if field == "goals":
        return f"fewer {WORDS['goals']}"
    return str(option.get("suggestion", ""))


def _remedy_lines(remedies: list[dict[str, Any]], equipment: list[str]) -> list[tuple[str, str]]:
    """One line per rule and change: sessions short of time each ask for their own minutes,
    and the most of them is the one number that fits every session (the others would not)."""
    most: dict[str, dict[str, Any]] = {}  # rule → the minutes option asking the most
    for entry in remedies:
        for o in entry.get("options", []):
            rule = str(entry.get("rule") or "")
            asks = o.get("field") == "minutes" and o.get("bound")
            if asks and (rule not in most or o["bound"] > most[rule]["bound"]):
                most[rule] = o
    lines: list[tuple[str, str]] = []
    for entry in remedies:
        rule = str(entry.get("rule") or "")
        options = [
            most.get(rule, o) if o.get("field") == "minutes" and o.get("bound") else o
            for o in entry.get("options", [])
        ]
        flags = " or ".join(f for f in (remedy_flags(o, equipment) for o in options) if f)
        if flags and (rule, flags) not in lines:
            lines.append((rule, flags))
    return lines


def _summary(body: dict[str, Any]) -> None:
    c = console()
    weeks = body.get("weeks", [])
    per_week = len(weeks[0]["sessions"]) if weeks else 0
    total = body.get("plan_weeks", len(weeks))
    c.print(
        f"[bold]{lit(body.get('extras', {}).get('title', body.get('family')))}[/bold] for "
        f"{lit(body.get('athlete'))}: {total} weeks × {per_week} sessions; "
        f"solver {lit(body['solver']['status'])} in {body['solver']['seconds']:.2f} s."
    )
    for w in say_all(body.get("warnings", [])):
        c.print(f"[yellow]warning:[/yellow] {lit(w)}")
    equipment = list((body.get("profile") or {}).get("equipment") or [])
    for rule, flags in _remedy_lines((body.get("extras") or {}).get("remedies") or [], equipment):
        c.print(f"  to change ({rule or 'note'}): {flags}", markup=False)
    from legday.app.planning import exercises
    from legday.domain.plan.text import home_lines

    for line in home_lines(body.get("extras") or {}, exercises()):
        c.print(line, markup=False)


def generate(
    athlete: AthleteOpt = None,
    age: Annotated[int | None, typer.Option("--age", help="Age in years.")] = None,
    sex: Annotated[str | None, typer.Option("--sex", help="female or male.")] = None,
    mass_kg: Annotated[
        float | None, typer.Option("--mass-kg", help="Body mass, kg.", parser=finite)
    ] = None,
    level: Annotated[
        str | None, typer.Option("--level", help="beginner, intermediate or advanced.")
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal",
            help="GOAL[:weight], repeatable: strength, hypertrophy, power, "
            "balance, injury-prevention, health, mobility.",
        ),
    ] = None,
    sport: Annotated[str | None, typer.Option("--sport", help="e.g. basketball, soccer.")] = None,
    season: Annotated[str | None, typer.Option("--season", help="off, pre or in.")] = None,
    days: Annotated[int | None, typer.Option("--days", help="Sessions per week (1–7).")] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", help="Minutes per session.")] = None,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment",
            help="Catalog equipment ids, comma-separated or the option repeated.",
        ),
    ] = None,
    limitation: Annotated[
        list[str] | None, typer.Option("--limitation", help="Catalog limitation id, repeatable.")
    ] = None,
    weeks: Annotated[int | None, typer.Option("--weeks", help="Plan length in weeks.")] = None,
    start: Annotated[str | None, typer.Option("--start", help="First day, YYYY-MM-DD.")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Tie-break seed.")] = None,
    competition: Annotated[
        str | None,
        typer.Option("--competition", help="Test/meet date YYYY-MM-DD: ends with a 2-week taper."),
    ] = None,
    profile: Annotated[
        Path | None, typer.Option("--profile", help="TOML file of profile keys.")
    ] = None,
    family: Annotated[
        str | None, typer.Option("--family", help="Force a programme family (see docs).")
    ] = None,
    months_since_surgery: Annotated[
        int | None,
        typer.Option(
            "--months-since-surgery", help="With acl-reconstruction: months since the operation."
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Generate the athlete's plan and save it as their current plan."""
    from legday.app import planning
    from legday.domain.errors import InvalidInput
    from legday.domain.plan.families import FAMILIES

    if family is not None and family not in FAMILIES:
        raise InvalidInput(f"family {family!r} is not known", "use " + ", ".join(FAMILIES))
    flags: dict[str, Any] = {
        "age": age,
        "sex": sex.lower() if sex else None,
        "mass_kg": mass_kg,
        "level": level.lower() if level else None,
        "goals": goal,
        "sport": sport,
        "season": season,
        "days": days,
        "minutes": minutes,
        "equipment": equipment,
        "limitations": limitation,
        "weeks": weeks,
        "start": parse_date(start, "--start"),
        "competition": parse_date(competition, "--competition"),
        "seed": seed,
        "months_since_surgery": months_since_surgery,
    }
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from legday.domain.plan.remedy import PlanRefused

    db, actor, athlete_id = for_athlete(athlete)
    layer = None
    if profile is not None:
        from legday.interop.files import read_input

        layer = planning.read_profile(read_input(profile), str(profile))
    try:
        if json_out:
            saved = planning.generate(db, actor, athlete_id, flags, layer, family)
        else:
            with Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True) as bar:
                bar.add_task("Choosing exercises and periodizing…", total=None)
                saved = planning.generate(db, actor, athlete_id, flags, layer, family)
    except PlanRefused as refused:
        have = [e.strip() for text in equipment or [] for e in text.split(",") if e.strip()]
        options = " or ".join(
            f for f in (remedy_flags(r.as_json(), have) for r in refused.remedies) if f
        )
        raise InvalidInput(refused.message, options or None) from None
    body = {"plan_id": saved.plan_id, **saved.body}
    if json_out:
        emit_json(body)
        return
    _summary(body)
    # Name the athlete: with two or more in the database, a bare `plan show` is refused.
    show = shlex.join(["legday", "plan", "show", "--athlete", str(body["athlete"]), "--week", "1"])
    console().print(f"Saved as plan {saved.plan_id}. See it with `{show}`.", markup=False)


def show(
    athlete: AthleteOpt = None,
    week: Annotated[int | None, typer.Option("--week", help="Only this week.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Show the current plan (all weeks, or one): a table per session, by name.

    --json prints the plan contract (docs/plan-format.md). Each block has kind,
    sets, rest_s, a dose per set (reps, seconds, contacts or distance_m) and an
    intensity (pct_1rm, rpe, rir, level, or pct_work: a warm-up's share of the
    work weight). Exercise blocks name a catalog
    exercise_id; warm-up blocks name a routine instead: ramp, fifa-11-plus or
    otago (see `legday exercises programme`). Levels are numbers (1 = easiest)
    with their words in description; pct_1rm only on loadable work (R31)."""
    from legday.app import planning

    body = planning.show(*for_athlete(athlete), week).as_json()
    if json_out:
        emit_json(body)
        return
    _summary(body)
    _render_week(body, str(body.get("unit", "kg")))


def why(
    exercise: Annotated[
        str,
        typer.Argument(
            help="Exercise id or name in the plan, or a warm-up routine (ramp, fifa-11-plus, "
            "otago)."
        ),
    ],
    athlete: AthleteOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """The rule and the source behind an exercise in the plan."""
    from legday.app import planning

    out = planning.why(*for_athlete(athlete), exercise).as_json()
    if json_out:
        emit_json(out)
        return
    c = console()
    c.print(
        f"[bold]{lit(out['name'])}[/bold] ({lit(out['exercise_id'])}) — "
        f"weeks {_ranges(out['weeks'])}"
    )
    for r in out["reasons"]:
        c.print(f"• {lit(r)}")
    for u in out["uses"]:
        line = f"{u['session']}, from week {u['first_week']}: {u['why'] or u['kind']}"
        c.print(f"• {lit(line)}")
        for r in u.get("rules", []):
            c.print(f"    {r['rule']} {r['what']} [{r['sources']}]", markup=False)


def _ranges(nums: list[int]) -> str:
    """``[1, 2, 3, 5]`` → ``1–3, 5``."""
    runs: list[list[int]] = []
    for n in nums:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs) or "none"


def export(
    fmt: Annotated[str, typer.Option("--format", help="ics, html, pdf or json.")],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    athlete: AthleteOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write the current plan as a calendar, a printable sheet or JSON (the contract of
    `legday plan show --help`; `plan import` reads it back)."""
    from legday.app import planning
    from legday.interop.files import write_output

    result = planning.export(*for_athlete(athlete), fmt)
    write_output(out, result.data, "the plan file")
    if json_out:
        emit_json(
            {
                "athlete": result.athlete,
                "plan_id": result.plan_id,
                "format": result.format,
                "out": str(out),
                "sessions": result.sessions,
            }
        )
    else:
        console().print(f"Wrote {result.sessions} sessions to {lit(str(out))}.")


def check(athlete: AthleteOpt = None, json_out: JsonOpt = False) -> None:
    """Check the current plan against the programming rules (docs/evidence/rules.md)."""
    from legday.app import planning

    result = planning.check(*for_athlete(athlete)).as_json()
    if json_out:
        emit_json(result)
    else:
        _print_violations(result)
    if not result["ok"]:
        raise typer.Exit(1)


def _print_violations(result: dict[str, Any]) -> None:
    c = console()
    if result["ok"]:
        c.print(f"Plan {result['plan_id']} passes every rule that applies.")
        return
    c.print(f"Plan {result['plan_id']}: {len(result['violations'])} rule violation(s):")
    for v in result["violations"]:
        where = f"week {v['week']}" if v["week"] else "plan"
        c.print(f"  {lit(v['rule'])} {where} {v['date'] or ''}: {lit(v['message'])}")


def import_(
    file: Annotated[Path, typer.Argument(help="A plan JSON (e.g. edited from `plan export`).")],
    athlete: AthleteOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Store a plan that breaks rules (next warns).")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Check an edited plan like a generated one and store it as the current plan.

    A plan that breaks a rule is refused (exit 1, nothing stored) unless --force."""
    from legday.app import planning
    from legday.app.plan_checks import PlanBreaksRules
    from legday.domain.errors import Conflict, NotFound
    from legday.interop.files import read_input

    try:
        data = read_input(file)
    except NotFound:
        raise NotFound(
            f"no file {file}", "give the JSON written by `plan export --format json`"
        ) from None
    db, actor, athlete_id = for_athlete(athlete)
    try:
        result = planning.import_plan(db, actor, athlete_id, data, str(file), force).as_json()
    except PlanBreaksRules as exc:
        raise Conflict(exc.message, "fix the plan, or add --force to store it anyway") from None
    if json_out:
        emit_json(result)
        return
    _print_violations(result)
    if result.get("forced"):
        console().print(
            "[yellow]Stored anyway (--force): `legday next` warns while this plan is current."
            "[/yellow]"
        )


def register(app: typer.Typer) -> None:
    group = _group()
    group.command("generate")(generate)
    group.command("show")(show)
    group.command("why")(why)
    group.command("export")(export)
    group.command("check")(check)
    group.command("import")(import_)
    app.add_typer(group, name="plan")
