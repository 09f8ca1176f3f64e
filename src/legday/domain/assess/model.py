"""Plain records for assessment tests and their scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Rating = Literal["below", "normal", "above"]
Better = Literal["higher", "lower"]
FLAGS: tuple[str, ...] = (
    "fall-risk", "asymmetry", "injury-risk", "short-stance", "screen-positive", "fall-history",
)  # fmt: skip
RATINGS: tuple[str, ...] = ("below", "normal", "above")
# What a result can mean for planning (legday.domain.assess.triage.FindingKind lists the same).
FINDING_KINDS: tuple[str, ...] = (
    "steadi-screen-positive", "fall-history", "steadi-test-below-cutoff", "balance-deficit",
    "low-function", "sport-screen-risk", "mobility-asymmetry", "strength-asymmetry", "nordic-weak",
)  # fmt: skip
# A test's part in the return-to-sport battery after ACL reconstruction (Grindem 2016).
RTS_ROLES: tuple[str, ...] = ("hop", "quadriceps")
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
    # Values outside [lo, hi] are possible but probably a typo or a wrong unit: refused unless
    # the user confirms. ``plausible_why`` says why the bounds are where they are.
    plausible: tuple[float, float] | None = None
    plausible_why: str = ""


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
class TriageRule:
    """One ``[[triage]]`` entry of a data file: a flag (or rating) of this test means ``kind`` for
    planning, for people within the optional age and sex bounds. ``source`` is the short key of
    the cut-off's paper (e.g. PLISKY06); ``cites`` names the entry of the file's [sources]."""

    kind: str
    flag: str | None
    rating: str | None
    source: str
    cites: str
    why: str
    min_age: int | None = None
    max_age: int | None = None
    sex: str | None = None

    def applies(self, age: int | None, sex: str | None) -> bool:
        """An unknown age or sex does not rule a person out: the first entry that fits wins."""
        if age is not None and self.min_age is not None and age < self.min_age:
            return False
        if age is not None and self.max_age is not None and age > self.max_age:
            return False
        return sex is None or self.sex is None or sex == self.sex


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
    triage: tuple[TriageRule, ...] = ()
    rts_role: str | None = None
    # At most one result per athlete per day (a daily check-in, not a test that may be retried).
    daily: bool = False

    __test__ = False  # not a pytest test class, despite the name

    def table(self, key: str) -> NormTable:
        return self.tables[key]

    def citations(self) -> list[str]:
        return [s.citation for s in self.sources.values()]


@dataclass
class Score:
    """The result of scoring one test (the score object of docs/contracts/assess.md#score)."""

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
    # True when an age outside the norm table was scored against its nearest band: such a score
    # is shown but never yields a planning finding.
    extrapolated: bool = False

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
            "extrapolated": self.extrapolated,
        }
