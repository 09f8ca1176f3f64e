"""What the tests are: the list with units and sources, and everything behind one test
(protocol, formula, norm tables, plausible ranges, what its results mean for planning)."""

from __future__ import annotations

from typing import Any

from legday.domain.assess import registry


def list_tests() -> list[dict[str, Any]]:
    """Every test with its unit, the person data its norms need, and its sources."""
    return [
        {
            "id": t.id,
            "name": t.name,
            "unit": t.unit,
            "better": t.better,
            "needs": list(t.needs),
            "inputs": list(t.inputs),
            "sources": t.citations(),
            "source_keys": list(t.sources),
        }
        for t in registry.all_tests()
    ]


def explain(test_id: str) -> dict[str, Any]:
    """Everything behind a test: protocol, formula, scoring rule, norm tables with their status,
    notes on disagreements and unverified values, and the full citations."""
    t = registry.get(test_id)
    return {
        "id": t.id,
        "name": t.name,
        "unit": t.unit,
        "better": t.better,
        "needs": list(t.needs),
        "protocol": t.protocol,
        "formula": t.formula,
        "scoring_rule": t.scoring_rule,
        "inputs": [
            {
                "name": i.name,
                "help": i.help,
                "unit": i.unit,
                "min": i.min,
                "max": i.max,
                "choices": list(i.choices),
                "default": i.default,
                "required": i.required and i.default is None,
                "plausible": list(i.plausible) if i.plausible else None,
                "plausible_why": i.plausible_why or None,
            }
            for i in t.inputs.values()
        ],
        "rts_role": t.rts_role,
        "triage": [
            {
                "flag": r.flag,
                "rating": r.rating,
                "kind": r.kind,
                "min_age": r.min_age,
                "max_age": r.max_age,
                "sex": r.sex,
                "source": r.source,
                "citation": t.sources[r.cites].citation,
                "why": r.why,
            }
            for r in t.triage
        ],
        "tables": [
            {
                "key": tb.key,
                "kind": tb.kind,
                "meaning": tb.meaning,
                "status": tb.status,
                "verified": tb.status == "VERIFIED" and not _has_unverified_cells(tb.rows),
                "source": t.sources[tb.source].citation,
                **tb.data,
            }
            for tb in t.tables.values()
        ],
        "notes": list(t.notes),
        "sources": [
            {"key": s.key, "citation": s.citation, "status": s.status} for s in t.sources.values()
        ],
    }


def _has_unverified_cells(rows: list[dict[str, Any]]) -> bool:
    return any(v != "VERIFIED" for r in rows for k, v in r.items() if k.endswith("_status"))
