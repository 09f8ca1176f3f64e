"""A printable plan sheet: one Jinja template for the offline HTML and the PDF (WeasyPrint)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.plan.model import Block, Plan
from legday.domain.plan.text import block_name, dose_text, home_lines
from legday.domain.units import Unit

TEMPLATE = "plan_sheet.html.j2"


# How each progression rule reads to the person doing it (the plan's words, not its codes).
PROGRESSION_WORDS: dict[str, str] = {
    "linear": "add a little weight each session while every set is done",
    "double": "when every set reaches the top of the range, add weight and start again",
    "rpe": "pick the weight that feels like the effort given",
    "waves": "the weight follows the percentages week by week",
    "holds": "when the hold is easy, hold longer or use less support",
    "contacts": "land softly and quietly; stop when landings get heavy",
    "repeat": "full recovery between repeats",
}
KIND_WORDS: dict[str, str] = {
    "warmup": "warm-up",
    "power": "jumps / speed",
    "strength": "strength",
    "accessory": "extra strength",
    "balance": "balance",
    "mobility": "stretch",
}


def _row(b: Block, exercises: Mapping[str, Exercise], unit: Unit) -> dict[str, Any]:
    dose = dose_text(b, unit)  # loads in the athlete's unit; stored values stay kilograms
    ex = exercises.get(b.exercise_id)
    return {
        "kind": KIND_WORDS.get(b.kind, b.kind),
        "name": block_name(b, exercises),
        "dose": dose,
        "progression": PROGRESSION_WORDS.get(b.progression or "", ""),
        "cue": "; ".join(ex.cues[:2]) if ex is not None and b.kind != "warmup" else "",
    }


def client_notes(warnings: tuple[str, ...] | list[str]) -> list[str]:
    """The plan's warnings as notes for the person: no rule ids, no source keys and no command
    options (those are for the coach's `plan show`)."""
    out: list[str] = []
    for w in warnings:
        text = re.sub(r"^R\d+:\s*", "", w)
        text = text.split(" — relax")[0].split(" — the generator")[0]
        text = re.sub(r"\s*\[[A-Z0-9-]+\]", "", text).strip()
        if "--" in text or not text:
            continue
        out.append(text[0].upper() + text[1:])
    return list(dict.fromkeys(out))


def _home_programme(plan: Plan, exercises: Mapping[str, Exercise], unit: Unit) -> list[Any]:
    """Otago-style plans: the first session's exercises with their cues, for a one-page home
    programme."""
    if not plan.extras.get("fall_prevention"):
        return []
    return first_session_rows(plan, exercises, unit)


def first_session_rows(
    plan: Plan, exercises: Mapping[str, Exercise], unit: Unit
) -> list[dict[str, Any]]:
    """The first session's exercises as the sheets print them: kind, name, dose, cue."""
    if not plan.weeks or not plan.weeks[0].sessions:
        return []
    return [_row(b, exercises, unit) for b in plan.weeks[0].sessions[0].blocks]


def context(plan: Plan, exercises: Mapping[str, Exercise], unit: Unit) -> dict[str, Any]:
    weeks = []
    for w in plan.weeks:
        sessions = [
            {
                "date": s.date.isoformat(),
                "weekday": s.date.strftime("%a"),
                "focus": s.focus,
                "minutes": s.est_minutes,
                "blocks": [_row(b, exercises, unit) for b in s.blocks],
            }
            for s in w.sessions
        ]
        weeks.append({"week": w.week, "deload": w.deload, "phase": w.phase, "sessions": sessions})
    return {
        "athlete": plan.athlete,
        "title": plan.extras.get("title") or plan.family,
        "goals": ", ".join(f"{g} {w:.0%}" for g, w in plan.goal_weights.items()),
        "solver": plan.solver.as_json(),
        "weeks": weeks,
        "notes": client_notes(plan.warnings),
        "sources": list(plan.sources),
        "home": home_lines(plan.extras, exercises),
        "home_programme": _home_programme(plan, exercises, unit),
    }


def render_html(plan: Plan, exercises: Mapping[str, Exercise], unit: Unit = "kg") -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("legday.interop", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(TEMPLATE).render(**context(plan, exercises, unit))


def to_pdf(html: str) -> bytes:
    from legday.interop.pdf import html_to_pdf

    return html_to_pdf(html)
