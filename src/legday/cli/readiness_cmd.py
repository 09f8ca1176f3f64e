"""`legday readiness record|history`: the daily wellness check-in (McLean 2010), judged against
the athlete's own recent check-ins."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from legday.cli.common import AthleteOpt, JsonOpt, console, emit_json, for_athlete, lit, parse_date

ITEM_NAMES = ("fatigue", "sleep", "soreness", "stress", "mood")  # McLean 2010's order


def _group() -> typer.Typer:
    """The group, empty: ``register`` adds its commands."""
    return typer.Typer(
        help="Daily readiness check-in (McLean 2010 wellness questionnaire) against your own "
        "baseline.",
        no_args_is_help=True,
    )


def _item(flag: str, help_: str) -> Any:
    # The range is checked by the instrument's data file (a clear error, exit 1), not by Typer.
    return typer.Option(flag, help=help_)


FatigueOpt = Annotated[
    int,
    _item("--fatigue", "Fatigue: 5 very fresh, 4 fresh, 3 normal, 2 more tired, 1 always tired."),
]
SleepOpt = Annotated[
    int,
    _item("--sleep", "Sleep quality: 5 very restful, 4 good, 3 hard to fall asleep, 2 restless, "
          "1 insomnia."),
]  # fmt: skip
SorenessOpt = Annotated[
    int,
    _item("--soreness", "General muscle soreness: 5 feeling good, 4 good, 3 normal, 2 more sore, "
          "1 very sore."),
]  # fmt: skip
StressOpt = Annotated[
    int,
    _item("--stress", "Stress: 5 very relaxed, 4 relaxed, 3 normal, 2 stressed, 1 very stressed."),
]
MoodOpt = Annotated[
    int,
    _item("--mood", "Mood: 5 very positive, 4 good, 3 less interested than normal, 2 snappy, "
          "1 highly annoyed, irritable or down."),
]  # fmt: skip


def _state(entry: dict[str, Any], short: bool = False) -> str:
    """How a check-in compares with the athlete's usual, in words."""
    if entry["building_baseline"]:
        return f"building baseline ({entry['baseline_n']} of {entry['baseline_needed']})"
    z = entry["total_z"]
    zs = "no spread in the baseline" if z["z"] is None else f"z {z['z']:+.2f}"
    word = "[red]below usual[/red]" if entry["flagged"] else "as usual"
    if short:
        return f"{word} ({zs})"
    return f"{word} ({zs}; usual {z['mean']:.1f} ± {z['sd']:.1f})"


def _worse(entry: dict[str, Any], with_z: bool = False) -> str:
    """The items below the athlete's usual (with their z-score when asked)."""
    out = []
    for k in entry["worse_items"]:
        z = entry["item_z"][k]["z"]
        out.append(f"{k} {z:+.1f}" if with_z and z is not None else k)
    return ", ".join(out) or "—"


def _explain(instrument: dict[str, Any]) -> None:
    c = console()
    base = instrument["baseline"]
    c.print(
        f"[dim]{instrument['name']}: {instrument['scale']}. Flagged when the total is at least "
        f"{-base['flag_z']:g} SD below the athlete's own previous {base['window_days']} days; no "
        f"flag before {base['min_checkins']} earlier check-ins. A low score is a reason to talk, "
        "not a diagnosis.[/dim]"
    )
    c.print(f"[dim]Source: {instrument['sources'][0]}[/dim]")


def record_cmd(
    fatigue: FatigueOpt,
    sleep: SleepOpt,
    soreness: SorenessOpt,
    stress: StressOpt,
    mood: MoodOpt,
    athlete: AthleteOpt = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Day of the check-in, YYYY-MM-DD.")
    ] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="A note with the check-in.")] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Store a second check-in on a day that has one.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Record today's check-in: five items, each 1–5 (5 is the best answer)."""
    from legday.app import readiness
    from legday.app.assess import RepeatedTest
    from legday.domain.errors import Conflict

    items = dict(zip(ITEM_NAMES, (fatigue, sleep, soreness, stress, mood), strict=True))
    try:
        doc = readiness.record(
            *for_athlete(athlete), items, day=parse_date(date), again=again, notes=notes
        ).as_json()
    except RepeatedTest as exc:
        raise Conflict(
            exc.message,
            f"{exc.hint}: to correct it use `legday assess edit {exc.existing_id} --fatigue …`; "
            "to store a second one anyway add --again",
        ) from None
    if json_:
        emit_json(doc)
        return
    e = doc["check_in"]
    console().print(
        f"{lit(doc['athlete'])}, {e['day']}: readiness {e['total']}/25 — {_state(e)}"
        + (f"; worse than usual: {_worse(e)}" if e["worse_items"] else "")
        + f" (id {e['id']})"
    )
    _explain(doc["instrument"])


def history_cmd(
    athlete: AthleteOpt = None,
    days: Annotated[
        int | None, typer.Option("--days", help="Only the last N days (default: every check-in).")
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Each day's check-in, its z-scores against the athlete's own baseline, and the flag."""
    from legday.app import readiness

    doc = readiness.history(*for_athlete(athlete), days).as_json()
    if json_:
        emit_json(doc)
        return
    from rich.table import Table

    t = Table("id", "day", "F S So St M", "total", "against usual", "worse items (z)",
              title=f"Readiness of {lit(doc['athlete'])}")  # fmt: skip
    for e in doc["check_ins"]:
        answers = " ".join(str(e["items"][k]) for k in ITEM_NAMES)
        t.add_row(str(e["id"]), e["day"], answers, str(e["total"]), _state(e, short=True),
                  _worse(e, with_z=True))  # fmt: skip
    c = console()
    if not doc["check_ins"]:
        c.print(f"No check-ins for {lit(doc['athlete'])} yet: `legday readiness record`.")
    else:
        c.print(t)
        c.print(
            "[dim]F S So St M: fatigue, sleep quality, muscle soreness, stress, mood (1–5). "
            "Worse items: below the athlete's own usual, with their z.[/dim]"
        )
    _explain(doc["instrument"])


def register(app: typer.Typer) -> None:
    group = _group()
    group.command("record")(record_cmd)
    group.command("history")(history_cmd)
    app.add_typer(group, name="readiness")
