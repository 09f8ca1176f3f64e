"""`legday sessions list|show|edit|delete`: see and correct what was logged."""

from __future__ import annotations

from typing import Annotated

import typer

from legday.cli.common import (
    AthleteOpt,
    JsonOpt,
    ask_yes_no,
    console,
    emit_json,
    for_athlete,
    for_record,
    lit,
    parse_date,
    plain,
)
from legday.cli.log_cmd import ConfirmOpt, MinutesOpt, SessionRpeOpt

sessions_app = typer.Typer(
    help="List, show, edit and delete logged sessions.", no_args_is_help=True
)

IdArg = Annotated[int, typer.Argument(help="Session id (see `legday sessions list`).")]


@sessions_app.command("list")
def list_(
    athlete: AthleteOpt = None,
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List an athlete's sessions, newest first."""
    from legday.app import training

    rows = training.list_sessions(
        *for_athlete(athlete), parse_date(start, "--from"), parse_date(end, "--to")
    )
    if json_out:
        emit_json({"sessions": [r.as_json() for r in rows]})
        return
    if not rows:
        console().print('No sessions yet: `legday log "back-squat 100x5x3"`.')
        return
    from rich.table import Table

    show_source = any(r.source != "legday" or r.status != "closed" for r in rows)
    t = Table("id", "date", "min", "sRPE", "AU", "sets", "exercises")
    if show_source:
        t.add_column("source")
    for r in rows:
        midnight = r.started_at.time() == r.started_at.time().min
        cells = [
            str(r.id),
            r.started_at.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M"),
            "—" if r.minutes is None else f"{r.minutes:g}",
            "—" if r.session_rpe is None else f"{r.session_rpe:g}",
            "—" if r.srpe_load is None else f"{r.srpe_load:g}",
            f"{r.working_sets}/{r.set_count}",
            lit(", ".join(r.exercises[:4])) + (" …" if len(r.exercises) > 4 else ""),
        ]
        if show_source:
            cells.append(lit(r.source) + ("" if r.status == "closed" else f" ({lit(r.status)})"))
        t.add_row(*cells)
    console().print(t)


@sessions_app.command("show")
def show(session_id: IdArg, athlete: AthleteOpt = None, json_out: JsonOpt = False) -> None:
    """Show one session set by set, with its shorthand."""
    from legday.app import training
    from legday.cli.log_cmd import show_session

    db, actor, owner = for_record(athlete)
    show_session(training.show_session(db, actor, session_id, owner), "Session", json_out)


@sessions_app.command("edit")
def edit(
    session_id: IdArg,
    athlete: AthleteOpt = None,
    date: Annotated[str | None, typer.Option("--date", help="New day, YYYY-MM-DD.")] = None,
    at: Annotated[str | None, typer.Option("--time", help="New start, HH:MM.")] = None,
    session_rpe: SessionRpeOpt = None,
    minutes: MinutesOpt = None,
    notes: Annotated[
        str | None, typer.Option("--notes", help='Replace the notes ("" clears them).')
    ] = None,
    sets: Annotated[
        str | None,
        typer.Option("--sets", help="Replace every set with this shorthand (see `legday log`)."),
    ] = None,
    clear_notes: Annotated[bool, typer.Option("--clear-notes", help="Remove the notes.")] = False,
    clear_session_rpe: Annotated[
        bool, typer.Option("--clear-session-rpe", help="Remove the session RPE.")
    ] = False,
    clear_minutes: Annotated[
        bool, typer.Option("--clear-minutes", help="Remove the session length.")
    ] = False,
    confirm: ConfirmOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Change a session's date, time, session RPE, minutes or notes, or replace its sets.

    Empty a field with --clear-notes, --clear-session-rpe or --clear-minutes (or --notes "").

    All changes are made together, or none when one is refused."""
    from legday.app import training
    from legday.cli.log_cmd import phrase_checks, session_fields, show_session

    flags: list[tuple[bool, training.Clearable]] = [
        (clear_notes, "notes"),
        (clear_session_rpe, "session_rpe"),
        (clear_minutes, "minutes"),
    ]
    db, actor, owner = for_record(athlete)
    v = phrase_checks(
        lambda: training.edit_session(
            db,
            actor,
            session_id,
            owner,
            **session_fields(date, at, session_rpe, minutes, notes),
            text=sets,
            clear=[name for on, name in flags if on],
            confirm=confirm,
        )
    )
    show_session(v, "Edited session", json_out)


@sessions_app.command("delete")
def delete(
    session_id: IdArg,
    athlete: AthleteOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Delete a session and its sets."""
    from legday.app import training

    db, actor, owner = for_record(athlete)
    target = training.show_session(db, actor, session_id, owner)
    when = target.started_at.strftime("%Y-%m-%d %H:%M")
    if not yes and not ask_yes_no(
        f"Delete session #{target.id} of {plain(target.athlete)} "
        f"({when}, {len(target.sets)} sets)?",
        default=False,
    ):
        typer.echo("Nothing deleted.", err=True)
        raise typer.Exit(1)
    gone = training.delete_session(db, actor, session_id, owner)
    if json_out:
        emit_json({"deleted": gone.summary_json()})
    else:
        console().print(f"Deleted session #{gone.id} ({when}, {len(gone.sets)} sets).")


def register(app: typer.Typer) -> None:
    app.add_typer(sessions_app, name="sessions")
