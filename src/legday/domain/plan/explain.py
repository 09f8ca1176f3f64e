"""`plan why EXERCISE`: the rule and the source behind an exercise's place and dose in a plan."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.errors import NotFound
from legday.domain.plan.model import Block, Plan
from legday.domain.plan.sessions import WARMUP_IDS, WARMUP_NAMES, WARMUP_WHY

GOAL_WORDS: dict[str, str] = {
    "strength": "strength",
    "hypertrophy": "strength",
    "power": "power",
    "balance": "balance",
    "injury-prevention": "injury-prevention",
    "health": "health",
    "mobility": "mobility",
}


SHOWN = 8  # legday choice: how many of the plan's exercises fit in one error line


def block_key(b: Block) -> str:
    """The name `plan why` looks a block up by: its warm-up routine or its exercise id."""
    return b.routine if b.routine is not None else b.exercise_id


def resolve(text: str, plan: Plan, exercises: Mapping[str, Exercise]) -> str:
    """An exercise id (or warm-up routine) in the plan from an id, a catalog name or an alias
    (case-insensitive)."""
    in_plan = {block_key(b) for w in plan.weeks for s in w.sessions for b in s.blocks}
    key = text.strip().lower()
    if key in in_plan:
        return key
    for rid in sorted(in_plan & set(WARMUP_NAMES)):
        if WARMUP_NAMES[rid].lower() == key:
            return rid
    for eid in sorted(in_plan):
        ex = exercises.get(eid)
        if ex is not None and (ex.name.lower() == key or key in (a.lower() for a in ex.aliases)):
            return eid
    close = sorted(e for e in in_plan if key.replace(" ", "-") in e or e in key.replace(" ", "-"))
    shown = close or sorted(in_plan)[:SHOWN]
    hint = "the plan has: " + ", ".join(shown)
    if len(shown) < len(in_plan):
        hint += f" … and {len(in_plan) - len(shown)} more (`legday plan show` lists them)"
    raise NotFound(f"{text!r} is not in this plan", hint)


def explain(plan: Plan, exercise_id: str, exercises: Mapping[str, Exercise]) -> dict[str, Any]:
    """Where the exercise appears, with which dose and progression, and why (rule + sources)."""
    ex = exercises.get(exercise_id)
    uses: list[dict[str, Any]] = []
    seen: set[tuple[str, str, bool]] = set()
    for w in plan.weeks:
        for s in w.sessions:
            for b in s.blocks:
                if block_key(b) != exercise_id:
                    continue
                key = (s.focus, b.kind, w.deload)
                if key in seen:
                    continue
                seen.add(key)
                uses.append(
                    {
                        "first_week": w.week,
                        "deload": w.deload,
                        "session": s.focus,
                        "kind": b.kind,
                        "dose": b.as_json(),
                        "why": b.why,
                    }
                )
    weeks = sorted(
        {
            w.week
            for w in plan.weeks
            for s in w.sessions
            for b in s.blocks
            if block_key(b) == exercise_id
        }
    )
    reasons: list[str] = []
    if exercise_id in WARMUP_IDS:
        reasons.append(WARMUP_WHY[exercise_id])
    if ex is not None:
        matched = [g for g in plan.goal_weights if GOAL_WORDS.get(g) in ex.benefits]
        reasons.append(
            f"{ex.name}: pattern {ex.pattern}, trains {', '.join(ex.primary_muscles)}; "
            f"chosen by the solver for a {ex.pattern} slot"
            + (f", matching your goal(s) {', '.join(matched)}" if matched else "")
        )
        reasons.append(
            f"fits your equipment ({', '.join(ex.equipment)}) and none of its contraindications "
            f"({', '.join(ex.contraindications) or 'none'}) is among your limitations"
        )
    title = str(plan.extras.get("title") or plan.family)
    reasons.append(f"programme family: {title}")
    return {
        "exercise_id": exercise_id,
        "name": ex.name if ex else WARMUP_NAMES.get(exercise_id, exercise_id),
        "weeks": weeks,
        "uses": uses,
        "reasons": reasons,
        "sources": list(plan.sources),
    }
