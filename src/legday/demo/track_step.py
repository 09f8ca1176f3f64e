"""Demo step: analyse each sample athlete (the leg-neglect audit, volume, e1RM, load monitoring,
guidelines) and write analysis_<name>.json; the lifter's verdict and the senior's guideline
adherence go into the summary."""

from __future__ import annotations

import re
from typing import Any

from legday.app import analytics
from legday.demo import HOOPER, LIFTER, SENIOR, DemoContext

TITLE = "Analysing each athlete: leg-neglect audit, load and guidelines"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _guideline_line(g: dict[str, Any]) -> str:
    weeks = len(g["weeks"])
    line = f"WHO strengthening ≥ 2 days/week in {g['weeks_meeting_strength']} of {weeks} weeks"
    if g.get("older_adult"):
        line += f", balance ≥ 3 days/week in {g['weeks_meeting_balance']} of {weeks} weeks"
    return line


def _fix_words(neglect: dict[str, Any]) -> str | None:
    """The fix as the running shell words it, else as a plain sentence."""
    if neglect.get("prescription"):
        return str(neglect["prescription"])
    fix = neglect.get("fix")
    if not fix:
        return None
    return (
        f"a plan for {', '.join(fix['goals'])}, {fix['days']} days a week, "
        f"{fix['minutes']} minutes a session"
    )


def run(ctx: DemoContext) -> None:
    verdicts: dict[str, str] = {}
    for name in (LIFTER, HOOPER, SENIOR):
        result = ctx.word_analysis(
            analytics.analyze(*ctx.who(name), date_to=ctx.today, today=ctx.today), name
        ).as_json()
        ctx.write_json(f"analysis_{_slug(name)}.json", result)
        verdicts[name] = result["neglect"]["verdict_level"]
        if name == LIFTER:
            ctx.note(f"{LIFTER}: {result['neglect']['verdict']}")
            fix = _fix_words(result["neglect"])
            if fix:
                ctx.note(f"  fix: {fix}")
        if name == SENIOR:
            ctx.note(f"{SENIOR}: {_guideline_line(result['guidelines'])}")
    ctx.results["analysis"] = verdicts
