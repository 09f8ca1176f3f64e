"""A printable plan sheet: one Jinja template for the offline HTML and the PDF (WeasyPrint)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.plan.model import Block, Plan
from legday.domain.plan.text import block_name, dose_text
from legday.domain.units import Unit

TEMPLATE = "plan_sheet.html.j2"


def _row(b: Block, exercises: Mapping[str, Exercise], unit: Unit) -> dict[str, Any]:
    dose = dose_text(b, unit)  # loads in the athlete's unit; stored values stay kilograms
    return {
        "kind": b.kind,
        "name": block_name(b, exercises),
        "dose": dose,
        "progression": b.progression or "",
        "why": b.why or "",
    }


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
        "warnings": list(plan.warnings),
        "sources": list(plan.sources),
        "walking": plan.extras.get("walking"),
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
