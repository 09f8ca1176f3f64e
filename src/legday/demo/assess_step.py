"""Demo step: a small test battery for the older adult and the basketball player."""

from __future__ import annotations

from typing import Any

from legday.app import assess
from legday.demo import HOOPER, SENIOR, DemoContext

TITLE = "Assessing: fall-risk screen and jump/hamstring/balance battery"

# Plausible values, chosen to show what legday flags: a 72-year-old woman who fell last year and
# worries about falling (STEADI screen), below her chair-stand
# norm, slow on the TUG and unable to hold the tandem stance; a 16-year-old with a weak left
# hamstring and a 6 cm anterior Y-Balance difference.
BATTERY: list[tuple[str, str, dict[str, Any]]] = [
    (SENIOR, "steadi-screen", {"fell": "yes", "worried": "yes"}),
    (SENIOR, "chair-stand-30s", {"value": 8}),
    (SENIOR, "tug", {"value": 13.8}),
    (SENIOR, "four-stage-balance", {"stage": 2, "seconds": 6}),
    (HOOPER, "cmj", {"height-cm": 48}),
    (HOOPER, "squat-jump", {"height-cm": 43}),
    (HOOPER, "nordic", {"left": 248, "right": 290}),
    (HOOPER, "y-balance", {"left": 58, "right": 64, "pm-left": 98, "pm-right": 101,
                           "pl-left": 95, "pl-right": 97, "limb-length-cm": 98}),
]  # fmt: skip


def _line(name: str, doc: dict[str, Any]) -> str:
    rating = doc["rating"] or "no norm band"
    flags = ", ".join(doc["flags"]) or "no flags"
    power = doc["derived"].get("peak_power_w")
    extra = f" (peak power {power:.0f} W, Sayers)" if power else ""
    shown = (
        f"stage {doc['value']:g} held"
        if doc["unit"] == "stage"
        else f"{doc['value']:g} {doc['unit']}"
    )
    return f"{name}: {doc['test']} {shown}{extra} — {rating}; {flags}"


def run(ctx: DemoContext) -> None:
    recorded = [
        assess.record(*ctx.who(who), test, values, taken_on=ctx.today)
        for who, test, values in BATTERY
    ]
    docs = [r.as_json() for r in recorded]
    ctx.write_json("assessments.json", {"assessments": docs})
    for r in recorded:
        ctx.note("Assess " + _line(r.athlete, r.result))
    findings = _findings(ctx, sorted({r.athlete for r in recorded}))
    ctx.write_json("findings.json", {"findings": findings})
    for who, items in findings.items():
        for f in items:
            ctx.note(f"Triage {who}: {f['kind']} ({f['test_id']}) [{f['source']}]")
    ctx.results["assessments"] = {
        r.athlete: {d.result["test"]: d.result["flags"] for d in recorded if d.athlete == r.athlete}
        for r in recorded
    }


def _findings(ctx: DemoContext, names: list[str]) -> dict[str, list[dict[str, Any]]]:
    """What the latest results mean for planning, per athlete (legday.domain.assess.triage)."""
    from legday.app import athletes
    from legday.domain.assess.triage import triage

    out: dict[str, list[dict[str, Any]]] = {}
    ids = {name: ctx.athlete(name) for name in names}
    with ctx.db.read(ctx.actor) as s:
        for name in names:
            a = athletes.get(s, ids[name])
            who = athletes.info(a)
            latest = assess.latest_results(s, a.id)
            found = triage(latest, age=who.age_on(ctx.today), sex=who.sex)
            out[name] = [f.as_json() for f in found]
    return out
