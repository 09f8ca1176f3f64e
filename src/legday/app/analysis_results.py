"""Typed, frozen results of the analysis use-cases: one athlete's analysis with its screening
tests, and every athlete's tables as files.

The top level of :class:`Analysis` is typed field by field; each field's inner shape is the
one docs/contracts/analyze.md writes down (it is built by ``legday.domain.track.summary``), held
as JSON-ready values so that ``as_json()`` is that document, as it was.
Every field has an empty default: an analysis of no training, which tests and shells that
need a part only build that part of.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import Any

from legday.domain.assess.triage import Finding, ReturnToSport


@dataclass(frozen=True)
class SeriesPoint:
    """One plotted figure of a screening result and the threshold it is judged against;
    ``flag_below``: the flag is raised below the threshold (else above it)."""

    series: str
    value: float | None
    unit: str
    threshold: float | None
    flag_below: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "value": self.value,
            "unit": self.unit,
            "threshold": self.threshold,
            "flag_below": self.flag_below,
        }


@dataclass(frozen=True)
class ScreeningEntry:
    id: int
    date: str  # ISO date the test was taken
    value: float | None
    unit: str | None
    flags: list[str]
    series: list[SeriesPoint]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "value": self.value,
            "unit": self.unit,
            "flags": list(self.flags),
            "series": [p.as_json() for p in self.series],
        }


@dataclass(frozen=True)
class ScreeningTest:
    test: str
    name: str
    entries: list[ScreeningEntry]  # oldest first

    def as_json(self) -> dict[str, Any]:
        return {
            "test": self.test,
            "name": self.name,
            "entries": [e.as_json() for e in self.entries],
        }


@dataclass(frozen=True)
class Screening:
    """The screening tests of the period over time, the open findings (triage of the latest
    result of every test) and the return-to-sport battery when a battery test is recorded."""

    tests: list[ScreeningTest] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    return_to_sport: ReturnToSport | None = None

    def as_json(self) -> dict[str, Any]:
        rts = self.return_to_sport
        return {
            "tests": [t.as_json() for t in self.tests],
            "findings": [f.as_json() for f in self.findings],
            "return_to_sport": rts.as_json() if rts is not None else None,
        }


@dataclass(frozen=True)
class Analysis:
    """One athlete's analysis (docs/contracts/analyze.md, one field per top-level key)."""

    athlete: dict[str, Any] = field(default_factory=dict)
    range: dict[str, Any] = field(default_factory=dict)
    weeks: list[dict[str, Any]] = field(default_factory=list)
    neglect: dict[str, Any] = field(default_factory=dict)
    e1rm: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    e1rm_definition: str = ""
    strength: dict[str, Any] = field(default_factory=dict)
    load: list[dict[str, Any]] = field(default_factory=list)
    load_sessions_unrated: Any = None
    acwr_criticism: str = ""
    symmetry: list[dict[str, Any]] = field(default_factory=list)
    guidelines: dict[str, Any] = field(default_factory=dict)
    adherence: dict[str, Any] = field(default_factory=dict)
    energy: dict[str, Any] = field(default_factory=dict)
    definitions: dict[str, Any] = field(default_factory=dict)
    screening: Screening = field(default_factory=Screening)

    @classmethod
    def from_document(cls, doc: dict[str, Any], screening: Screening) -> Analysis:
        """From the domain's analysis document; a key this class does not know is an error
        (a field added to the document must be added here, and to the contract)."""
        known = {f.name for f in fields(cls)} - {"screening"}
        unknown = set(doc) - known
        if unknown:
            raise ValueError(f"analysis keys without a field: {sorted(unknown)}")  # a bug
        return cls(**doc, screening=screening)

    def as_json(self) -> dict[str, Any]:
        """A copy: a shell that edits the document (to word it) leaves this value as it is."""
        doc = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "screening"}
        return {**copy.deepcopy(doc), "screening": self.screening.as_json()}


@dataclass(frozen=True)
class TableFile:
    """One table as the bytes of a file; the shell writes or sends them."""

    name: str
    media_type: str
    suffix: str  # the file name's ending, with its dot
    data: bytes
    rows: int


@dataclass(frozen=True)
class TeamTables:
    """Every athlete's tables (the actor's view), one file each."""

    tables: list[TableFile]

    def as_json(self) -> dict[str, Any]:
        """What the tables are (not the bytes)."""
        return {
            "tables": {
                t.name: {"rows": t.rows, "media_type": t.media_type, "bytes": len(t.data)}
                for t in self.tables
            }
        }
