"""Typed, frozen results of the test explanations (`legday assess tests | explain`): what each
test is, and everything behind one. The parts the test data already types (inputs, triage rules,
sources, norm tables) are held as the domain's values; ``as_json()`` is the document the CLI
prints as JSON and the server sends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legday.domain.assess.model import InputSpec, NormTable, Source, TriageRule


@dataclass(frozen=True)
class KnownTest:
    """One test in the list: its unit, the person data its norms need, its inputs and sources."""

    id: str
    name: str
    unit: str
    better: str
    needs: tuple[str, ...]
    inputs: tuple[str, ...]  # input names
    sources: tuple[str, ...]  # full citations
    source_keys: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "unit": self.unit,
            "better": self.better,
            "needs": list(self.needs),
            "inputs": list(self.inputs),
            "sources": list(self.sources),
            "source_keys": list(self.source_keys),
        }


@dataclass(frozen=True)
class ExplainedTable:
    """A norm table with its citation and whether every value in it is verified."""

    table: NormTable
    citation: str
    verified: bool  # the table and each of its cells VERIFIED

    def as_json(self) -> dict[str, Any]:
        tb = self.table
        return {
            "key": tb.key,
            "kind": tb.kind,
            "meaning": tb.meaning,
            "status": tb.status,
            "verified": self.verified,
            "source": self.citation,
            **tb.data,  # the table's own columns, as the test data writes them
        }


@dataclass(frozen=True)
class ExplainedRule:
    """A triage rule of the test with the citation of its source."""

    rule: TriageRule
    citation: str

    def as_json(self) -> dict[str, Any]:
        r = self.rule
        return {
            "flag": r.flag,
            "rating": r.rating,
            "kind": r.kind,
            "min_age": r.min_age,
            "max_age": r.max_age,
            "sex": r.sex,
            "source": r.source,
            "citation": self.citation,
            "why": r.why,
        }


def _input_json(i: InputSpec) -> dict[str, Any]:
    return {
        "name": i.name,
        "help": i.help,
        "unit": i.unit,
        "min": i.min,
        "max": i.max,
        "choices": list(i.choices),
        "default": i.default,
        "required": i.required and i.default is None,  # a default fills it in
        "plausible": list(i.plausible) if i.plausible else None,
        "plausible_why": i.plausible_why or None,
    }


@dataclass(frozen=True)
class Explanation:
    """Everything behind a test: protocol, formula, scoring rule, inputs, triage rules, norm
    tables with their status, notes on disagreements and unverified values, the sources."""

    id: str
    name: str
    unit: str
    better: str
    needs: tuple[str, ...]
    protocol: str
    formula: str
    scoring_rule: str
    inputs: tuple[InputSpec, ...]
    rts_role: str | None
    triage: tuple[ExplainedRule, ...]
    tables: tuple[ExplainedTable, ...]
    notes: tuple[str, ...]
    sources: tuple[Source, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "unit": self.unit,
            "better": self.better,
            "needs": list(self.needs),
            "protocol": self.protocol,
            "formula": self.formula,
            "scoring_rule": self.scoring_rule,
            "inputs": [_input_json(i) for i in self.inputs],
            "rts_role": self.rts_role,
            "triage": [r.as_json() for r in self.triage],
            "tables": [t.as_json() for t in self.tables],
            "notes": list(self.notes),
            "sources": [
                {"key": s.key, "citation": s.citation, "status": s.status} for s in self.sources
            ],
        }
