"""`legday train`: gym mode — the next session set by set in the terminal, each set saved the
moment it is entered (a crash or Ctrl-C loses nothing; running it again resumes)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from legday.cli.common import AthleteOpt, console, finite, for_athlete, lit

if TYPE_CHECKING:
    from rich.console import Console

    from legday.app.db import Database
    from legday.app.gym import GymSession, Recorded
    from legday.domain.access import Actor

RestScale = Annotated[
    float,
    typer.Option(
        "--rest-scale", min=0.0, help="Multiply every rest period (0.5 = half).", parser=finite
    ),
]
NoRest = Annotated[bool, typer.Option("--no-rest", help="No rest countdown between sets.")]
Minutes = Annotated[
    float | None,
    typer.Option("--minutes", help="Session length in minutes; asked at the end otherwise."),
]
SessionRpe = Annotated[
    float | None,
    typer.Option(
        "--session-rpe",
        help="Session RPE 0–10 (Foster); asked at the end otherwise.",
        parser=finite,
    ),
]


def countdown(seconds: float, c: Console) -> None:
    """A rest timer on one line; Enter ends it early."""
    import select
    import time

    from rich.live import Live

    if seconds <= 0:
        return
    try:
        fd: Any = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        time.sleep(seconds)  # not a terminal (tests in-process): just wait
        return

    def label(left: float) -> str:
        whole = int(left + 0.999)
        return f"rest {whole // 60}:{whole % 60:02d} — Enter to skip"

    def wait(left: float) -> bool:
        ready, _, _ = select.select([fd], [], [], min(0.25, left))
        if ready:
            sys.stdin.readline()
        return bool(ready)

    end = time.monotonic() + seconds
    if c.is_dumb_terminal or not c.is_terminal:  # no live line: say it once, then wait
        c.print(label(seconds))
        while (left := end - time.monotonic()) > 0 and not wait(left):
            pass
    else:
        with Live(console=c, transient=True, refresh_per_second=4) as live:
            while (left := end - time.monotonic()) > 0:
                live.update(label(left))
                if wait(left):
                    break
    c.print("rest over")


def _show_set(gs: GymSession, c: Console) -> None:
    from legday.cli.next_cmd import dose_text, plates_text

    cur = gs.cursor()
    assert cur is not None
    i, j = cur
    item = gs.items[i]
    target = item["sets"][j]
    if j == 0:
        c.print(f"\n[bold]{lit(item['name'])}[/bold] ({lit(item['rule'])}) — {lit(item['why'])}")
    c.print(
        f"[bold]{lit(item['name'])}[/bold] set {j + 1}/{len(item['sets'])}: "
        f"{lit(dose_text(target, gs.unit))}   plates: {plates_text(target.get('plates_per_side'))}"
    )
    if target.get("adjusted"):
        c.print(f"  [yellow]adjusted:[/yellow] {lit(target['adjusted'])}")


def _saved(r: Recorded, gs: GymSession, c: Console) -> None:
    from legday.domain.units import format_mass

    load = format_mass(r.load_kg, gs.unit, 2) if r.load_kg else "body weight"
    effort = f" @{r.rpe:g}" if r.rpe is not None else ""
    unit = {"seconds": " s", "contacts": " contacts"}.get(r.dose, " reps")
    amount = f"{r.amount:g}{unit}" if r.amount is not None else "—"
    c.print(f"saved: {amount} at {load}{effort}")
    for rec in r.records:
        kind = f"{rec['reps']}-rep max" if rec["kind"] == "rep_max" else rec["kind"]
        c.print(f"  [green]PR[/green] {kind}: {rec['value']:g} {gs.unit} (was {rec['previous']:g})")
    if r.adjustment:
        c.print(f"  [yellow]next set:[/yellow] {lit(r.adjustment)}")


def _ask_session_rpe(c: Console) -> float | None:
    from legday.domain.errors import InvalidInput

    while True:
        try:
            text = c.input("How hard was the session, 0–10 (Enter to skip)? ").strip()
        except EOFError:
            return None
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if 0 <= value <= 10:
            return value
        c.print(f"[red]{lit(InvalidInput(f'{text!r} is not 0–10', 'Foster CR-10 scale'))}[/red]")


def _ask_minutes(c: Console) -> float | None:
    """The session length as the athlete states it (the time since start includes pauses)."""
    while True:
        try:
            text = c.input("How many minutes did the session last (Enter to leave it out)? ")
        except EOFError:
            return None
        if not text.strip():
            return None
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if 0 < value <= 24 * 60:
            return value
        c.print(f"[red]{lit(repr(text.strip()))} is not a number of minutes (1–1440)[/red]")


def _yes(c: Console, question: str) -> bool:
    try:
        return c.input(f"{question} (y/N) ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _record(db: Database, actor: Actor, gs: GymSession, cmd: Any, c: Console) -> Recorded | None:
    """Save the set; a value that looks like a typo is stored only after a yes."""
    from legday.app import gym
    from legday.app.entry_checks import Implausible
    from legday.domain.errors import InvalidInput

    actual = cmd.actual if cmd.kind == "set" else None
    try:
        return gym.record(db, actor, gs.session_id, actual)
    except Implausible as exc:
        c.print(f"[yellow]{lit(exc.message)}[/yellow]")
        if not _yes(c, "Store it anyway?"):
            c.print("not stored: enter the set again")
            return None
        return gym.record(db, actor, gs.session_id, actual, confirm=True)
    except InvalidInput as exc:
        c.print(f"[red]{lit(exc)}[/red]")
        return None


def train(
    athlete: AthleteOpt = None,
    rest_scale: RestScale = 1.0,
    no_rest: NoRest = False,
    session_rpe: SessionRpe = None,
    minutes: Minutes = None,
) -> None:
    """Gym mode: the next session set by set, each set saved as soon as it is entered.

    Enter accepts the prescription; '5', '5 102.5', '4 @9', '30s' record what you did; 'skip'
    this set, 'done' this exercise, 'end' the session, 'pause' to leave it open for later."""
    from legday.app import gym
    from legday.domain.errors import InvalidInput

    db, actor, athlete_id = for_athlete(athlete)
    c = console()
    gs = gym.start(db, actor, athlete_id)
    verb = "Resuming" if gs.resumed else "Starting"
    c.print(f"{verb} {lit(gs.athlete)}'s session: {lit(gs.title)} ({gs.saved} sets saved so far)")
    c.print(f"[dim]{lit(gym.HELP)}[/dim]")
    try:
        while gs.cursor() is not None:
            _show_set(gs, c)
            try:
                line = c.input("> ")
            except EOFError:
                line = "pause"
            try:
                cmd = gym.parse_entry(line)
            except InvalidInput as exc:
                c.print(f"[red]{lit(exc)}[/red]")
                continue
            if cmd.kind == "help":
                c.print(lit(gym.HELP))
            elif cmd.kind == "pause":
                c.print("Paused: the session stays open — `legday train` resumes it.")
                return
            elif cmd.kind == "end":
                break
            elif cmd.kind in ("skip", "done"):
                skipped = gym.skip(db, actor, gs.session_id, whole_exercise=cmd.kind == "done")
                gs, n = skipped.session, skipped.count
                c.print(f"skipped {n} set{'s' if n != 1 else ''}")
            else:
                r = _record(db, actor, gs, cmd, c)
                if r is None:
                    continue
                gs = r.session or gs
                _saved(r, gs, c)
                if gs.cursor() is not None and not no_rest:
                    countdown(r.rest_s * rest_scale, c)
    except KeyboardInterrupt:
        c.print("\nPaused: every entered set is saved — `legday train` resumes the session.")
        raise typer.Exit(130) from None
    if gs.saved == 0:
        gym.close(db, actor, gs.session_id)
        c.print("No set was saved, so the session was discarded.")
        return
    rpe = session_rpe if session_rpe is not None else _ask_session_rpe(c)
    length = minutes if minutes is not None else _ask_minutes(c)
    done = gym.close(db, actor, gs.session_id, rpe, length)
    shown = f"{done.minutes:g} min" if done.minutes is not None else "length not recorded"
    c.print(f"Session closed: {done.sets_saved} sets saved, {done.sets_skipped} skipped, {shown}.")
    for rec in done.records:
        kind = f"{rec['reps']}-rep max" if rec["kind"] == "rep_max" else rec["kind"]
        c.print(f"  [green]PR[/green] {lit(rec['exercise_id'])} {kind}: {rec['value']:g} {gs.unit}")


def register(app: typer.Typer) -> None:
    app.command("train")(train)
