"""Typed, frozen results of the plan use-cases that are not the plan document itself: an
import's verdict, the rule breaches summarised by rule, and why an exercise is in the plan.
``as_json()`` is the document the CLI prints as JSON and the server sends (the plan's
own fields: docs/plan-format.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legday.domain.plan.rules import Violation


@dataclass(frozen=True)
class RuleBreach:
    """One broken rule of a plan: how often, in which weeks, the first message (a refusal a
    shell phrases; ``severity`` ``safety`` rules can hurt someone, ``dose`` ones cannot)."""

    rule: str
    title: str
    severity: str  # "safety" | "dose"
    count: int
    weeks: list[int]
    example: str

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity,
            "count": self.count,
            "weeks": list(self.weeks),
            "example": self.example,
        }


@dataclass(frozen=True)
class PlanImported:
    """An imported plan, now the current one; ``forced`` when it was stored although it breaks
    rules (``violations_by_rule``, most serious first)."""

    athlete: str
    plan_id: int
    violations: list[Violation]
    violations_by_rule: list[RuleBreach]
    forced: bool

    @property
    def ok(self) -> bool:
        return not self.violations

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete": self.athlete,
            "plan_id": self.plan_id,
            "ok": self.ok,
            "violations": [v.as_json() for v in self.violations],
            "violations_by_rule": [r.as_json() for r in self.violations_by_rule],
            "forced": self.forced,
        }


@dataclass(frozen=True)
class RuleRef:
    """A programming rule (docs/evidence/rules.md) with its source keys."""

    rule: str
    what: str
    sources: str | None

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "what": self.what, "sources": self.sources}


@dataclass(frozen=True)
class PlanUse:
    """One way the exercise is used: in which session from which week, its dose, and the rules
    that placed it."""

    first_week: int
    deload: bool
    session: str
    kind: str
    dose: dict[str, Any]  # the block as in the plan document (docs/plan-format.md)
    why: str | None
    rules: list[RuleRef]

    def as_json(self) -> dict[str, Any]:
        return {
            "first_week": self.first_week,
            "deload": self.deload,
            "session": self.session,
            "kind": self.kind,
            "dose": dict(self.dose),
            "why": self.why,
            "rules": [r.as_json() for r in self.rules],
        }


@dataclass(frozen=True)
class PlanWhy:
    """Why an exercise is in the current plan: where, with which dose, the rules and sources."""

    plan_id: int
    exercise_id: str
    name: str
    weeks: list[int]
    uses: list[PlanUse]
    reasons: list[str]
    sources: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "exercise_id": self.exercise_id,
            "name": self.name,
            "weeks": list(self.weeks),
            "uses": [u.as_json() for u in self.uses],
            "reasons": list(self.reasons),
            "sources": list(self.sources),
        }

    @classmethod
    def from_explained(cls, plan_id: int, doc: dict[str, Any]) -> PlanWhy:
        """From the planner's explanation (``legday.domain.plan.explain.explain``)."""
        uses = [
            PlanUse(
                first_week=int(u["first_week"]),
                deload=bool(u["deload"]),
                session=str(u["session"]),
                kind=str(u["kind"]),
                dose=dict(u["dose"]),
                why=u.get("why"),
                rules=[
                    RuleRef(str(r["rule"]), str(r["what"]), r.get("sources")) for r in u["rules"]
                ],
            )
            for u in doc["uses"]
        ]
        return cls(
            plan_id=plan_id,
            exercise_id=str(doc["exercise_id"]),
            name=str(doc["name"]),
            weeks=[int(w) for w in doc["weeks"]],
            uses=uses,
            reasons=[str(r) for r in doc["reasons"]],
            sources=[str(s) for s in doc["sources"]],
        )
