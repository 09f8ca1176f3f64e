"""Demo step: a plan for each sample athlete — the busy lifter's minimum effective dose for legs,
the basketball player's athletic power with injury prevention, and the older adult's strength and
balance shaped by her assessments — with their calendars and one printable sheet."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from legday.app import planning
from legday.demo import HOOPER, LIFTER, SENIOR, DemoContext
from legday.interop.files import write_output

TITLE = "Planning: a periodized program for each athlete"

GYM = "barbell,dumbbell,machine,bench,cable,box,band"
PROFILES: list[tuple[str, dict[str, Any]]] = [
    (
        LIFTER,
        {"goals": ["strength", "health"], "days": 2, "minutes": 30, "equipment": GYM, "weeks": 12},
    ),
    (
        HOOPER,
        {
            "goals": ["power:2", "injury-prevention"],
            "sport": "basketball",
            "days": 3,
            "minutes": 75,
            "equipment": "dumbbell,box,band,bench,barbell",
            "weeks": 12,
        },
    ),
    (
        SENIOR,
        {
            "goals": ["balance", "strength"],
            "days": 3,
            "minutes": 55,
            "equipment": "chair,ankle-weights,wall,band",
            "weeks": 12,
        },
    ),
]
SHEET_FOR = SENIOR  # the printable sheet: the person most likely to train from paper


def run(ctx: DemoContext) -> None:
    start = ctx.today + timedelta(days=(7 - ctx.today.weekday()) % 7 or 7)  # next Monday
    summary: dict[str, Any] = {}
    for name, layer in PROFILES:
        saved = planning.generate(*ctx.who(name), {**layer, "start": start}, today=ctx.today)
        plan = saved.plan
        slug = name.split()[-1].lower()
        ics = ctx.out / f"plan-{slug}.ics"
        write_output(ics, planning.export(*ctx.who(name), "ics").data)
        ctx.files.append(ics)
        ctx.write_json(f"plan-{slug}.json", saved.body)
        found = planning.check(*ctx.who(name)).as_json()
        sessions = sum(len(w.sessions) for w in plan.weeks)
        minutes = max(s.est_minutes for w in plan.weeks for s in w.sessions)
        summary[name] = {
            "plan_id": saved.plan_id,
            "family": plan.family,
            "weeks": len(plan.weeks),
            "sessions": sessions,
            "solver": plan.solver.as_json(),
            "rule_violations": len(found["violations"]),
            "warnings": list(plan.warnings),
        }
        ctx.note(
            f"Plan {name}: {plan.extras.get('title', plan.family)} — {len(plan.weeks)} weeks, "
            f"{sessions} sessions of ≤ {minutes:g} min, solver {plan.solver.status} in "
            f"{plan.solver.seconds:.2f} s, {len(found['violations'])} rule violations, "
            f"{len(plan.warnings)} warnings; calendar {ics.name}"
        )
    sheet = ctx.out / f"plan-{SHEET_FOR.split()[-1].lower()}.html"
    write_output(sheet, planning.export(*ctx.who(SHEET_FOR), "html").data)
    ctx.files.append(sheet)
    ctx.note(f"Printable plan sheet for {SHEET_FOR}: {sheet.name}")
    ctx.results["plans"] = summary
