"""`legday log "…"`: store a session written in the logging shorthand."""

from __future__ import annotations

from typing import Annotated

import typer

from legday.cli.common import AthleteOpt, JsonOpt, console, for_writing, lit
from legday.cli.session_view import (
    ConfirmOpt,
    MinutesOpt,
    SessionRpeOpt,
    phrase_checks,
    session_fields,
    show_session,
)

LOG_HELP = """Log a session in one line of shorthand.

[bold]Example[/bold]

  legday log --athlete Sam --session-rpe 7 --minutes 55 \\
    "back-squat w60x5 100x5x3 @8; rdl 80x8,8,7 rir2;
     split-squat 20x10/10 L/R; single-leg-stance 3x30s; box-jump 5x5"

[bold]Entries[/bold] are separated by ; or new lines. Each is an exercise name
(catalog id, name or alias) and its sets. An unknown or ambiguous name
fails with suggestions, and nothing is stored.

[bold]Sets[/bold] (x may be written ×; case does not matter)

  100x5           one set: 100 × 5 reps (load in your unit)
  100x5x3         three sets: load × reps × sets
  80x8,8,7        one set per item: 8, 8 and 7 reps at 80
  100kgx5         a unit on the load wins (kg, lb or lbs)
  w60x5  60x5w    warm-up sets (never working sets or records)
  d80x6  80x6d    drop sets: 100x8 d80x6 d60x6 is a set and two drops
  f100x8 100x8f   a set taken to failure
  bwx10           body weight alone
  bw+10x5x3       body weight plus 10
  bw-20x8         assisted: the machine or band takes 20 off
  20x10/10        per side: a left set and a right set of 10
  20x10/10x3      the left/right pair three times
  20x10/10 R/L    per side, right first (L/R is the default)
  20x10 L         one-sided set(s): L or R
  20x30s          a 30-second hold at 20 (s = seconds)
  40x20mx2        two 20-metre carries at 40 (m = metres)
  @8  @8.5        RPE (1–10) of every set in the group before it
  rir2            reps in reserve instead of RPE

[bold]Groups[/bold] follow each other, separated by spaces or commas; each has
its own load, reps, effort, side and mark (w, d or f, before or after):

  back-squat 100x5 @8, 100x5 @8.5, 105x3 @9     three sets, three RPEs
  back-squat 100x5@8,105x3@9                    the same without spaces

A comma inside a list of reps (80x8,8,7) keeps the sets in one group.

[bold]No-load exercises[/bold]: an exercise with no weighable equipment in the
catalog and no dumbbell/barbell variant (Nordics, Copenhagen planks, holds,
jumps, sprints) takes sets × dose:
nordic 3x5 is three sets of 5 reps; single-leg-stance 3x30s is three
30-s holds; box-jump 5x5 is five sets of 5 (stored as ground contacts);
5,4,3 or 30s,25s is one set per item; bw+10x5x3 adds a load.
Every other exercise needs a load first: body-weight reps are bwx15x3.

[bold]Checks[/bold]: a load over 1.5 × your best e1RM (Epley) for the
exercise, over 50 reps with a load, or above world-record strength is
refused as a likely typo unless --confirm; the exact sets of a session
already logged that day are refused unless --again.

[bold]Session load[/bold]: --session-rpe (CR-10, 0–10) × --minutes gives
Foster's session-RPE load in AU.
"""


def log(
    text: Annotated[str, typer.Argument(help="The session in shorthand (see above).")],
    athlete: AthleteOpt = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default today).")] = None,
    at: Annotated[str | None, typer.Option("--time", help="HH:MM the session started.")] = None,
    session_rpe: SessionRpeOpt = None,
    minutes: MinutesOpt = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Free text.")] = None,
    confirm: ConfirmOpt = False,
    again: Annotated[
        bool,
        typer.Option("--again", help="Store a session with exactly the sets of one that day."),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    from legday.app.session_log import log_session

    fields = session_fields(date, at, session_rpe, minutes, notes)
    db, actor, athlete_id = for_writing(athlete)
    v = phrase_checks(
        lambda: log_session(db, actor, athlete_id, text, **fields, confirm=confirm, again=again)
    )
    show_session(v, "Logged session", json_out)
    if json_out:
        return
    for r in v.new_records:
        what = {"heaviest": "heaviest lift", "e1rm": "best e1RM"}.get(r.kind, f"{r.reps}-rep max")
        console().print(
            f"[bold green]New record[/bold green] {lit(r.exercise_id)}: {what} "
            f"{r.value:g} {v.unit} (was {r.previous:g})"
        )


log.__doc__ = LOG_HELP


def register(app: typer.Typer) -> None:
    app.command("log", help=LOG_HELP)(log)
