"""What the tests are: the list with units and sources, and everything behind one test
(protocol, formula, norm tables, plausible ranges, what its results mean for planning)."""

from __future__ import annotations

from typing import Any

from legday.app.explain_results import ExplainedRule, ExplainedTable, Explanation, KnownTest
from legday.domain.assess import registry


def list_tests() -> list[KnownTest]:
    """Every test with its unit, the person data its norms need, and its sources."""
    return [
        KnownTest(
            id=t.id,
            name=t.name,
            unit=t.unit,
            better=t.better,
            needs=tuple(t.needs),
            inputs=tuple(t.inputs),
            sources=tuple(t.citations()),
            source_keys=tuple(t.sources),
        )
        for t in registry.all_tests()
    ]


def explain(test_id: str) -> Explanation:
    """Everything behind a test: protocol, formula, scoring rule, norm tables with their status,
    notes on disagreements and unverified values, and the full citations."""
    t = registry.get(test_id)
    return Explanation(
        id=t.id,
        name=t.name,
        unit=t.unit,
        better=t.better,
        needs=tuple(t.needs),
        protocol=t.protocol,
        formula=t.formula,
        scoring_rule=t.scoring_rule,
        inputs=tuple(t.inputs.values()),
        rts_role=t.rts_role,
        triage=tuple(ExplainedRule(r, t.sources[r.cites].citation) for r in t.triage),
        tables=tuple(
            ExplainedTable(
                tb,
                t.sources[tb.source].citation,
                verified=tb.status == "VERIFIED" and not _has_unverified_cells(tb.rows),
            )
            for tb in t.tables.values()
        ),
        notes=tuple(t.notes),
        sources=tuple(t.sources.values()),
    )


def _has_unverified_cells(rows: list[dict[str, Any]]) -> bool:
    return any(v != "VERIFIED" for r in rows for k, v in r.items() if k.endswith("_status"))
