"""What `log` and `sessions` share: the session options, the entry checks' wording, and a
session shown as a table (or ``{"session": …}`` with --json)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from legday.cli.common import console, emit_json, fail, finite, lit, parse_date

if TYPE_CHECKING:
    from datetime import time

    from legday.app.training import SessionView

# Options `log` and `sessions edit` share.
SessionRpeOpt = Annotated[
    float | None,
    typer.Option("--session-rpe", help="Whole-session effort, CR-10 (0–10).", parser=finite),
]
MinutesOpt = Annotated[
    float | None, typer.Option("--minutes", help="Session length.", parser=finite)
]
ConfirmOpt = Annotated[
    bool,
    typer.Option(
        "--confirm",
        help="Store values that look like typos (a load over 1.5 × your best e1RM, over 50 reps "
        "with a load, above world-record strength).",
    ),
]


def phrase_checks(call: Any) -> Any:
    """Run ``call()``; a refused typo or repeat says which option stores it anyway."""
    from legday.app.entry_checks import Implausible, Repeated
    from legday.domain.errors import Conflict, InvalidInput

    try:
        return call()
    except Implausible as exc:
        raise InvalidInput(exc.message, "check the entry; if it is right, add --confirm") from None
    except Repeated as exc:
        raise Conflict(
            exc.message, "if you did the same session twice that day, add --again"
        ) from None


def parse_time(text: str | None) -> time | None:
    from datetime import time

    if text is None:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        fail(f"--time {text!r} is not a time; expected HH:MM")


def session_fields(
    date: str | None,
    at: str | None,
    session_rpe: float | None,
    minutes: float | None,
    notes: str | None,
) -> dict[str, Any]:
    """The session options of `log` and `sessions edit` as the training use-cases take them."""
    return {
        "day": parse_date(date),
        "at": parse_time(at),
        "session_rpe": session_rpe,
        "minutes": minutes,
        "notes": notes,
    }


def show_session(v: SessionView, title: str, json_out: bool) -> None:
    """A session as ``{"session": …}`` with --json, else as a table titled ``title``."""
    if json_out:
        emit_json({"session": v.as_json()})
    else:
        render_session(v, title)


def render_session(v: SessionView, title: str) -> None:
    """A session as a table of its sets (shared with `legday sessions`)."""
    from rich.table import Table

    from legday.domain.units import format_mass

    out = console()
    fmt = "%Y-%m-%d" if v.started_at.time() == v.started_at.time().min else "%Y-%m-%d %H:%M"
    out.print(
        f"[bold]{lit(title)}[/bold] #{v.id} · {lit(v.athlete)} · {v.started_at.strftime(fmt)}"
    )
    details = []
    if v.minutes is not None:
        details.append(f"{v.minutes:g} min")
    if v.session_rpe is not None:
        details.append(f"session RPE {v.session_rpe:g}")
    if v.srpe_load is not None:
        details.append(f"load {v.srpe_load:g} AU (session RPE × minutes)")
    if details:
        out.print(" · ".join(details))
    t = Table("#", "exercise", "type", "load", "dose", "effort", "side")
    for x in v.sets:
        if x.load_basis == "bodyweight":
            load = "bw" if x.load_kg is None else f"bw + {format_mass(x.load_kg, v.unit, 2)}"
        elif x.load_basis == "assistance":
            load = f"bw − {format_mass(x.load_kg, v.unit, 2)}"
        else:
            load = format_mass(x.load_kg, v.unit, 2)
        if x.duration_s is not None:
            dose = f"{x.duration_s:g} s"
        elif x.distance_m is not None:
            dose = f"{x.distance_m:g} m"
        else:
            dose = "—" if x.reps is None else f"{x.reps} reps"
        if x.contacts is not None:
            dose += f" ({x.contacts} contacts)"
        effort = (
            f"@{x.rpe:g}" if x.rpe is not None else f"RIR {x.rir:g}" if x.rir is not None else ""
        )
        t.add_row(
            str(x.seq),
            lit(x.exercise_name or x.exercise_raw),
            x.set_type,
            load,
            dose,
            effort,
            "" if x.side == "both" else x.side,
        )
    out.print(t)
    if v.notes:
        out.print(f"notes: {lit(v.notes)}")
    if v.shorthand:
        out.print(f"[dim]{lit(v.shorthand)}[/dim]", markup=True, highlight=False)
