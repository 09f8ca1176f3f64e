"""`legday analyze` (one athlete, every athlete as Parquet, the club view) and `legday audit FILE`
(the one-command answer to "do I skip legs?")."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from legday.cli.common import (
    AthleteOpt,
    JsonOpt,
    console,
    emit_json,
    fail,
    for_athlete,
    lit,
    local,
    parse_date,
)

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console

    from legday.app.analysis_results import TeamTables

FromOpt = Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")]


def analyze(
    athlete: AthleteOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    all_athletes: Annotated[
        bool, typer.Option("--all", help="Every athlete's tables as Parquet files (with --out).")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the Parquet files of --all.")
    ] = None,
    club: Annotated[
        bool,
        typer.Option("--club", help="Every athlete's ACWR, load and test flags and leg share."),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="With --club: the day the view is for (default today)."),
    ] = None,
    sort: Annotated[
        str,
        typer.Option("--sort", help="With --club: attention (who needs a look first) or name."),
    ] = "attention",
    json_out: JsonOpt = False,
) -> None:
    """Leg-neglect audit, volume, e1RM, load monitoring and guidelines for one athlete."""
    if all_athletes or club:
        if athlete or date_from or date_to:
            fail(
                "--all and --club cover every athlete and all days; leave out --athlete/--from/--to"
            )
        if all_athletes:
            _all(out, json_out)
        else:
            _club(json_out, parse_date(as_of, "--as-of"), sort)
        return
    if as_of is not None:
        fail("--as-of goes with --club (for one athlete use --to)")
    if out is not None:
        fail("--out goes with --all")
    from legday.app import analytics
    from legday.cli.words import with_plan_command

    result = analytics.analyze(
        *for_athlete(athlete), parse_date(date_from, "--from"), parse_date(date_to, "--to")
    )
    doc = with_plan_command(result, result.athlete["name"]).as_json()
    if json_out:
        emit_json(doc)
    else:
        render(doc, console())


def _all(out: Path | None, json_out: bool) -> None:
    if out is None:
        fail("--all needs --out DIR for the Parquet files")
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from legday.app import analytics

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
        transient=True, console=console() if not json_out else None, disable=json_out,
    ) as bar:  # fmt: skip
        bar.add_task("computing every athlete's tables", total=None)
        result = analytics.analyze_all(*local())
    written = _write_tables(result, out)
    if json_out:
        emit_json({"out": str(out), "tables": written})
        return
    from rich.table import Table

    t = Table("table", "rows", "file", title=f"Parquet tables in {lit(str(out))}")
    for name, info in written.items():
        t.add_row(lit(name), str(info["rows"]), lit(info["path"]))
    console().print(t)


def _write_tables(result: TeamTables, out: Path) -> dict[str, dict[str, Any]]:
    """Each table as ``out/NAME.parquet`` (the folder is made when missing): name → path, rows."""
    from legday.domain.errors import InvalidInput
    from legday.interop.files import write_output

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            f"cannot create {out}: {exc.strerror}", "give a writable --out"
        ) from None
    written = {}
    for table in result.tables:
        path = write_output(out / f"{table.name}{table.suffix}", table.data, "a Parquet file")
        written[table.name] = {"path": str(path), "rows": table.rows}
    return written


def _club(json_out: bool, as_of: date | None, sort: str) -> None:
    from legday.app import analytics

    result = analytics.club_view(*local(), as_of, sort.strip().lower()).as_json()
    if json_out:
        emit_json(result)
        return
    from rich.table import Table

    t = Table(
        "athlete", "last session", "ACWR", "uncoupled", "load flags", "test flags",
        "readiness", "legs (28 d)", "attention", title=f"Club as of {lit(result['as_of'])}",
    )  # fmt: skip
    for r in result["athletes"]:
        since = r["days_since_last_session"]
        last = "never" if since is None else f"{r['last_day']} ({since} d ago)"
        if r["stale"]:
            last += " [yellow]stale[/yellow]"
        ratio = _fmt(r["acwr_rolling"])
        if r["acwr_rolling"] is None and r["acwr_estimate"] is not None:
            ratio = f"≈{_fmt(r['acwr_estimate']['acwr'])} (sets, estimate)"
        if r["unrated_days_28d"]:
            ratio += f" · {r['unrated_days_28d']} unrated d"
        tests = ", ".join(f"{x['test_id']}: {x['flag']}" for x in r["test_flags"]) or "—"
        t.add_row(
            lit(r["athlete"]), last, ratio, _fmt(r["acwr_rolling_uncoupled"]),
            ", ".join(r["flags"]) or "—", lit(tests), _readiness_cell(r["readiness"]),
            _pct(r["lower_set_share_28d"]),
            str(r["attention"]),
        )  # fmt: skip
    c = console()
    c.print(t)
    c.print(
        f"[dim]Stale: no session for {result['stale_after_days']} days or more. Days with a "
        "session without session RPE or length are missing data: no ratio or load flag is "
        "drawn from a window holding one.[/dim]"
    )
    c.print(f"[dim]{result['acwr_criticism']}[/dim]")
    c.print(
        "[dim]Readiness: the latest daily check-in (McLean 2010 wellness, 5–25, higher is "
        "better) against the athlete's own previous 28 days; 'below usual' at z ≤ −1; stale when "
        "it is not from this day.[/dim]"
    )


def _readiness_cell(ready: dict[str, Any] | None) -> str:
    """The club table's readiness column: the latest check-in's total and its flag."""
    if ready is None:
        return "—"
    if ready["building_baseline"]:
        state = f"building baseline ({ready['baseline_n']} of {ready['baseline_needed']})"
    elif ready["flagged"]:
        z = ready["total_z"]["z"]
        state = "[red]below usual[/red]" + (f" z {z:+.1f}" if z is not None else "")
    else:
        state = "as usual"
    cell = f"{ready['total']}/25 {state}"
    return cell + f" [yellow]stale ({ready['day']})[/yellow]" if ready["stale"] else cell


def audit(
    file: Annotated[Path, typer.Argument(help="An export from Strong, Hevy, FitNotes, JEFIT…")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="The file's format (detected when left out).")
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="kg or lb, when the file does not say.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Do I skip legs? Imports FILE into a throwaway database and prints the neglect verdict."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from legday.app.audit import audit as audit_bytes
    from legday.app.importing import read_file
    from legday.cli.common import err_console

    err = err_console()
    # Off a terminal a transient bar still leaves a blank line; the error must be the only line.
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )  # fmt: skip
    with bar:
        task = bar.add_task("reading", total=None)

        def progress(stage: str, done: int, total: int | None) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        audited = audit_bytes(read_file(file), str(file), fmt, unit, progress)
    summary = audited.summary
    from legday.cli.words import with_plan_command

    # The fix line names no athlete: the throwaway store's "you" is nobody the user has; with
    # one athlete the command needs no --athlete, with more the error asks for one.
    result = with_plan_command(audited.analysis, None).as_json()
    neglect = result["neglect"]
    doc = {
        "file": str(file),
        "format": summary.format,
        "sessions": summary.sessions_added,
        "sets": summary.sets_added,
        "exercises_unknown": summary.exercises_unknown,
        "range": result["range"],
        "neglect": neglect,
    }
    if json_out:
        emit_json(doc)
        return
    c = console()
    c.print(f"[bold]{lit(neglect['verdict'])}[/bold]")
    _neglect_table(result, c)
    if neglect["prescription"]:
        _print_fix(neglect["prescription"], c)
    if summary.exercises_unknown:
        c.print(
            f"[dim]{len(summary.exercises_unknown)} exercise names were not recognised and "
            "count as 'other' (not legs).[/dim]"
        )


def _fmt(v: float | None, digits: int = 2) -> str:
    return "—" if v is None else f"{v:.{digits}f}"


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.0f}%"


def _neglect_table(result: dict[str, Any], c: Console) -> None:
    from rich.table import Table

    n = result["neglect"]
    t = Table(show_header=False, title="Leg-neglect audit", title_justify="left")
    t.add_row("lower-body share of working sets", _pct(n["lower_set_share"]))
    unknown = n.get("unknown_exercises") or []
    if unknown:
        t.add_row(
            "… without names legday does not know",
            _pct(n.get("lower_set_share_without_unknown")),
        )
        listed = ", ".join(f"{lit(u['name'])} ({u['sets']} sets)" for u in unknown[:10])
        more = f", and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        t.add_row("names legday does not know", listed + more)
    t.add_row("patterns audited", ", ".join(n.get("audited_patterns") or []) or "—")
    t.add_row("lower-body share of tonnage", _pct(n["lower_tonnage_share"]))
    t.add_row(
        "weeks with training but no legs",
        f"{len(n['weeks_without_legs'])} of {n['training_weeks']}",
    )
    t.add_row("never trained", ", ".join(n["never_trained_patterns"]) or "—")
    t.add_row("rarely trained", ", ".join(n["rarely_trained_patterns"]) or "—")
    for m in n["muscles"]:
        t.add_row(
            f"{m['muscle']} hard sets/week",
            f"{m['sets_per_week']:.1f} (maintenance {m['mv']:g}, growth ≥ {m['growth']:g})",
        )
    c.print(t)


def _print_fix(command: str, c: Console) -> None:
    # One line however narrow the terminal, so that copying it copies the whole command.
    c.print(f"Fix: [cyan]{lit(command)}[/cyan]", soft_wrap=True)


def render(result: dict[str, Any], c: Console) -> None:
    """Rich tables, the verdict first."""
    from rich.table import Table

    from legday.domain.units import Unit, format_mass, to_kg

    unit: Unit = "lb" if result["athlete"]["unit"] == "lb" else "kg"
    n = result["neglect"]
    c.print(f"[bold]{lit(n['verdict'])}[/bold]")
    if n["prescription"]:
        _print_fix(n["prescription"], c)
    _neglect_table(result, c)

    weeks = [w for w in result["weeks"] if w["trained"]][-12:]
    if weeks:
        t = Table("week", "working sets", "legs", "quads", "hamstrings", "lower tonnage",
                  title="Recent weeks", title_justify="left")  # fmt: skip
        for w in weeks:
            m = w["sets_by_muscle"]
            lower = w["tonnage_by_region"].get("lower", 0.0)
            t.add_row(
                w["week"], f"{w['working_sets']:g}", _pct(w["lower_set_share"]),
                f"{m.get('quadriceps', 0):g}", f"{m.get('hamstrings', 0):g}",
                format_mass(to_kg(lower, unit), unit, 0),
            )  # fmt: skip
        c.print(t)

    if result["e1rm"]:
        t = Table("exercise", "latest week", "e1RM", "best", title="Strength (Epley e1RM)",
                  title_justify="left")  # fmt: skip
        for ex, rows in sorted(result["e1rm"].items()):
            best = max(r["e1rm_kg"] for r in rows)
            t.add_row(
                lit(ex), rows[-1]["week"], format_mass(rows[-1]["e1rm_kg"], unit),
                format_mass(best, unit),
            )  # fmt: skip
        c.print(t)
        c.print(f"[dim]{lit(result.get('e1rm_definition', ''))}[/dim]")

    days = result["load"][-7:]
    unrated = result.get("load_sessions_unrated", 0)
    if days and unrated and not any(d["load"] for d in result["load"]):
        c.print(
            f"Load: none of the {unrated} sessions has a session RPE and a duration, so there is "
            "no session-RPE load to monitor (log one with the session: Foster et al. 2001)."
        )
    elif days:
        t = Table("date", "load", "ACWR", "uncoupled", "EWMA", "monotony", "flags",
                  "unrated days (28 d)", title="Load (session RPE × minutes)",
                  title_justify="left")  # fmt: skip
        for d in days:
            ratio = _fmt(d["acwr_rolling"])
            if d.get("acwr_sets_estimate") is not None:
                ratio = f"≈{_fmt(d['acwr_sets_estimate'])} (sets, estimate)"
            t.add_row(
                d["date"], f"{d['load']:.0f}", ratio,
                _fmt(d["acwr_rolling_uncoupled"]), _fmt(d["acwr_ewma"]), _fmt(d["monotony"]),
                ", ".join(d["flags"]) or "—", str(d.get("unrated_days_28d", 0)),
            )  # fmt: skip
        c.print(t)
        if any(d.get("unrated_days_28d") for d in days):
            c.print(
                "[yellow]Sessions without a session RPE or length are missing data, not rest "
                "days: no ratio, monotony or flag is drawn from a window holding one; the "
                "≈ ratio counts working sets instead (an estimate).[/yellow]"
            )
        c.print(f"[dim]{result['acwr_criticism']}[/dim]")

    g = result["guidelines"]
    line = (
        f"WHO strengthening ≥ 2 days/week met in {g['weeks_meeting_strength']} of "
        f"{len(g['weeks'])} weeks (legs on ≥ 2 days: {g['weeks_meeting_lower_strength']}); "
        f"current streak {g['streak_current_weeks']} weeks"
    )
    if g.get("older_adult"):
        line += f"; balance ≥ 3 days/week met in {g['weeks_meeting_balance']} weeks"
    c.print(line)
    adh = result["adherence"]
    if adh.get("adherence") is not None:
        c.print(
            f"Plan adherence: {adh['sessions_done']} of {adh['sessions_planned']} sessions "
            f"({_pct(adh['adherence'])})"
        )
    from legday.cli.assess_track_view import render_screening

    render_screening(result.get("screening"), c)


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
    app.command("audit")(audit)
