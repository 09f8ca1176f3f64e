"""Plain records for assessment tests and their scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Rating = Literal["below", "normal", "above"]
Better = Literal["higher", "lower"]
FLAGS: tuple[str, ...] = ("fall-risk", "asymmetry", "injury-risk")
# Everything a test may need about the person, beyond its own inputs.
PERSON_FIELDS: tuple[str, ...] = ("age", "sex", "mass-kg")


@dataclass(frozen=True)
class InputSpec:
    """One test-specific input: a number in a range, or a choice among words."""

    name: str
    help: str
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    required: bool = True
    choices: tuple[str, ...] = ()
    default: str | None = None


@dataclass(frozen=True)
class Source:
    key: str
    citation: str
    status: str  # VERIFIED / DISPUTED / UNVERIFIED (docs/evidence/norms.md#status-words)


@dataclass(frozen=True)
class NormTable:
    """A table as written in the data file; ``data`` keeps its kind-specific fields."""

    key: str
    kind: str
    source: str
    status: str
    meaning: str
    data: dict[str, Any]

    @property
    def rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.data.get("rows", [])
        return rows

    @property
    def value(self) -> float:
        return float(self.data["value"])


@dataclass(frozen=True)
class TestSpec:
    id: str
    name: str
    scorer: str
    unit: str
    better: Better
    needs: tuple[str, ...]
    protocol: str
    formula: str
    scoring_rule: str
    notes: tuple[str, ...]
    inputs: dict[str, InputSpec]
    sources: dict[str, Source]
    tables: dict[str, NormTable]

    __test__ = False  # not a pytest test class, despite the name

    def table(self, key: str) -> NormTable:
        return self.tables[key]

    def citations(self) -> list[str]:
        return [s.citation for s in self.sources.values()]


@dataclass
class Score:
    """The result of scoring one test: the JSON contract of `legday assess score --json`."""

    test: str
    inputs: dict[str, Any]
    value: float | None
    unit: str
    rating: Rating | None = None
    normal_range: tuple[float, float] | None = None
    percentile: float | None = None
    flags: list[str] = field(default_factory=list)
    derived: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "test": self.test,
            "inputs": dict(self.inputs),
            "value": self.value,
            "unit": self.unit,
            "rating": self.rating,
            "normal_range": list(self.normal_range) if self.normal_range else None,
            "percentile": self.percentile,
            "flags": list(self.flags),
            "derived": dict(self.derived),
            "warnings": list(self.warnings),
            "sources": list(self.sources),
        }
