"""`plan why EXERCISE`: the rule and the source behind an exercise's place and dose in a plan."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.errors import NotFound
from legday.domain.plan.model import Block, Plan
from legday.domain.plan.rules_base import RULES
from legday.domain.plan.sessions import WARMUP_IDS, WARMUP_NAMES, WARMUP_WHY
from legday.domain.terms import slot

GOAL_WORDS: dict[str, str] = {
    "strength": "strength",
    "hypertrophy": "strength",
    "power": "power",
    "balance": "balance",
    "injury-prevention": "injury-prevention",
    "health": "health",
    "mobility": "mobility",
}


# The rules (programming notes docs/evidence/rules.md, legday.domain.plan.rules) behind a block, by
# what it is: each with its source keys. `plan why` names them.
RULE_SOURCES: dict[str, str] = {
    "R4": "JEFFREYS07", "R19": "TEAMMPI", "R20": "ALLER95", "R21": "EBBEN07",
    "R22": "WHO20 OTAGO-MAN", "R24": "OTAGO-MAN", "R26": "FIFA11 SOLIGARD08",
    "R27": "PETERSEN11 VANDYK19", "R28": "HAROY19", "R29": "GARBER11", "R32": "PETERSEN11 VANDYK19",
    "R34": "SHERRINGTON17 SHERRINGTON20", "R35": "WHO20", "R36": "OTAGO-MAN FIFA11",
    "R37": "NSCA-ESS", "R39": "RONNESTAD11 PETERSEN11 HAROY19", "R41": "ACSM09 HAUGEN19",
    "R42": "ACSM09", "R45": "EBBEN07 COMFORT14", "R46": "FIFA11", "R47": "GRINDEM16 GOKELER17",
    "R48": "DORN12 LAUERSEN14", "R49": "legday", "R9": "ACSM09", "R10": "SCHOENFELD17 RP-LAND",
    "R11": "WHO20 RP-LAND", "R5": "ACSM09", "R6": "ACSM09",
}  # fmt: skip


def rules_for(b: Block, plan: Plan, ex: Exercise | None) -> list[str]:
    """The rules that placed or dosed the block, by its kind, exercise and the plan's pathway."""
    lims = set(plan.profile.get("limitations") or [])
    out: list[str] = []
    if b.routine is not None:
        out += ["R4"] + (["R26", "R36", "R46"] if b.routine == "fifa-11-plus" else [])
    elif b.kind == "warmup":
        out.append("R4")
    if ex is not None and "nordic" in ex.id and ex.pattern == "knee-flexion":
        out += ["R27", "R46"] + (["R32"] if "hamstring-strain-history" in lims else [])
    if ex is not None and "copenhagen" in ex.id:
        out.append("R28")
    if b.kind == "balance":
        out += ["R22", "R34", "R36"] if plan.extras.get("fall_prevention") else ["R35"]
    if b.kind == "power":
        out += ["R19", "R20", "R21"] + (["R45"] if "power" in plan.goal_weights else [])
    if b.kind == "mobility":
        out.append("R29" if b.side is None else "R49")
    if b.side is not None and b.kind != "mobility":
        out.append("R49")
    if b.kind in ("strength", "accessory") and ex is not None:
        out += ["R5", "R41"]
        from legday.domain.plan.candidates import externally_loadable

        if b.intensity_key == "pct_1rm":
            out.append("R37")
        elif b.intensity_key != "level" and not externally_loadable(ex):
            out.append("R42")
        if "acl-reconstruction" in lims and ex.pattern in ("knee-extension", "knee-flexion"):
            out.append("R47")
        if plan.profile.get("sport") == "running" and ex.pattern in ("calf", "hip-abduction"):
            out.append("R48")
        if plan.profile.get("season") == "in":
            out.append("R39")
    return list(dict.fromkeys(out))


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
        hint += f" … and {len(in_plan) - len(shown)} more ({slot('plan_exercises')} lists them)"
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
                        "rules": [
                            {"rule": r, "what": RULES.get(r, ""), "sources": RULE_SOURCES.get(r)}
                            for r in rules_for(b, plan, ex)
                        ],
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
