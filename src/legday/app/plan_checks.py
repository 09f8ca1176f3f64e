"""A plan that breaks the programming rules, summarised for the person about to store it.

Imported plans go through the same rule checker as generated ones (``legday.domain.plan.rules``);
this module orders what it found by rule, most serious first: rules that guard against injury
(contraindications, impact, load jumps, contact caps, recovery) before rules about dose and
structure — legday's ordering, stated as such — then by how often the rule was broken.
"""

from __future__ import annotations

from collections.abc import Sequence

from legday.app.plan_results import RuleBreach
from legday.domain.errors import Conflict
from legday.domain.plan.rules import RULES, Violation

# Rules whose breach can hurt someone (legday's grouping of the rule list): listed first.
SAFETY_RULES: tuple[str, ...] = (
    "R2", "R20", "R25", "R12", "R30", "R19", "R7", "R6", "R8", "R13", "R1", "R31",
)  # fmt: skip


def severity(rule: str) -> str:
    return "safety" if rule in SAFETY_RULES else "dose"


def summary(found: Sequence[Violation]) -> list[RuleBreach]:
    """One row per broken rule: its title, how often, the weeks, the first message."""
    by_rule: dict[str, list[Violation]] = {}
    for v in found:
        by_rule.setdefault(v.rule, []).append(v)
    rows = [
        RuleBreach(
            rule=rule,
            title=RULES.get(rule, ""),
            severity=severity(rule),
            count=len(vs),
            weeks=list(dict.fromkeys(v.week for v in vs if v.week is not None)),
            example=vs[0].message,
        )
        for rule, vs in by_rule.items()
    ]

    def order(r: RuleBreach) -> tuple[int, int, int, int]:
        safe = SAFETY_RULES.index(r.rule) if r.rule in SAFETY_RULES else len(SAFETY_RULES)
        number = int(r.rule[1:]) if r.rule[1:].isdigit() else 999
        return (0 if r.severity == "safety" else 1, safe, -r.count, number)

    return sorted(rows, key=order)


def describe(rows: Sequence[RuleBreach]) -> str:
    """``R2 no contraindicated exercise ×2 (weeks 1, 3): …; R10 …`` in summary order."""
    parts = []
    for r in rows:
        weeks = f" (weeks {', '.join(str(w) for w in r.weeks)})" if r.weeks else ""
        parts.append(f"{r.rule} {r.title} ×{r.count}{weeks}: {r.example}")
    return "; ".join(parts)


class PlanBreaksRules(Conflict):
    """The plan breaks rules; nothing was stored. ``rows`` is the summary, a structured value
    each shell can show its own way."""

    def __init__(self, rows: list[RuleBreach]) -> None:
        total = sum(r.count for r in rows)
        super().__init__(
            f"the plan breaks {len(rows)} rule(s) ({total} violation(s)); nothing was stored: "
            + describe(rows),
            "fix the plan, or store it anyway knowing what it breaks",
        )
        self.rows = rows
