"""Typed, frozen results of the assessment use-cases (record, edit, history, show, delete, the
return-to-sport battery, readiness check-ins). Each ``as_json()`` is the
document the CLI prints as JSON and the server sends; the score itself stays the stored score
document (docs/contracts/assess.md), which old rows keep as they were scored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from legday.domain.assess.model import Score
from legday.domain.assess.triage import ReturnToSport
from legday.domain.assess.wellness import Status
from legday.domain.units import display_mass, parse_unit


@dataclass(frozen=True)
class Scored:
    """A test scored, not stored: the domain's score and, for a test done on a chosen exercise
    (a rep max), that exercise's catalog id and name."""

    score: Score
    exercise_id: str | None = None
    exercise_name: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The score document (docs/contracts/assess.md#score); the exercise is named in it as
        ``exercise_id``, in ``inputs`` (its id) and in ``derived`` (its name)."""
        doc = self.score.as_json()  # fresh containers: adding to them changes no score
        if self.exercise_id is not None:
            doc["exercise_id"] = self.exercise_id
            doc["inputs"]["exercise"] = self.exercise_id
            doc["derived"]["exercise"] = self.exercise_name
        return doc


@dataclass(frozen=True)
class Recorded:
    """A stored test: its id, whose it is and the score document it holds."""

    id: int
    athlete: str
    unit: str  # the athlete's mass unit, for showing loads
    taken_on: date
    result: dict[str, Any]  # the score document (docs/contracts/assess.md)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "athlete": self.athlete,
            "taken_on": self.taken_on.isoformat(),
            **self.result,
            **_in_athlete_unit(self.result, self.unit),
        }


def _in_athlete_unit(result: dict[str, Any], unit: str) -> dict[str, Any]:
    """A mass score (stored in kg) restated in the athlete's unit, in its own labelled block so
    that each figure says its unit: ``{"in_athlete_unit": {"unit": "lb", "value": …, "load": …}}``.
    Empty for scores that are not masses."""
    if result.get("unit") != "kg":
        return {}
    u = parse_unit(unit)
    load = (result.get("inputs") or {}).get("load")
    return {
        "in_athlete_unit": {
            "unit": u,
            "value": display_mass(result.get("value"), u, 1),
            "load": display_mass(load, u, 1) if isinstance(load, int | float) else None,
        }
    }


# What an edit's JSON reports as "before", to see what the correction changed.
EDIT_CHANGED = ("value", "unit", "rating", "flags", "inputs", "derived")


@dataclass(frozen=True)
class EditResult:
    """A corrected test: the record as now scored and the score document it replaced."""

    record: Recorded
    before: dict[str, Any]  # the replaced score document, whole (docs/contracts/assess.md)
    version: str = ""  # the corrected test's ETag (legday.app.assess_edit.version)

    def as_json(self) -> dict[str, Any]:
        """The record as :meth:`Recorded.as_json`, with ``before`` holding the replaced values
        of the fields a correction changes."""
        return {
            **self.record.as_json(),
            "before": {k: self.before.get(k) for k in EDIT_CHANGED},
        }


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded result in a test's history."""

    id: int
    taken_on: date
    value: float | None
    rating: str | None
    flags: list[str]
    warnings: list[str]
    exercise_id: str | None
    inputs: dict[str, Any]  # what an edit of this result starts from

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "taken_on": self.taken_on.isoformat(),
            "value": self.value,
            "rating": self.rating,
            "flags": list(self.flags),
            "warnings": list(self.warnings),
            "exercise_id": self.exercise_id,
            "inputs": dict(self.inputs),
        }


@dataclass(frozen=True)
class PerTestHistory:
    """One test's results, oldest first (a rep max: one exercise's), with the trend from the
    first to the latest value in the test's better direction."""

    test: str
    exercise_id: str | None
    name: str
    unit: str | None
    better: str | None  # "higher" | "lower"; None for a test no longer known
    entries: list[HistoryEntry]
    first: float | None
    latest: float | None
    change: float | None
    trend: str | None  # "improving" | "worsening" | "steady"; None with fewer than two values

    def as_json(self) -> dict[str, Any]:
        return {
            "test": self.test,
            "exercise_id": self.exercise_id,
            "name": self.name,
            "unit": self.unit,
            "better": self.better,
            "entries": [e.as_json() for e in self.entries],
            "first": self.first,
            "latest": self.latest,
            "change": self.change,
            "trend": self.trend,
        }


@dataclass(frozen=True)
class AssessmentHistory:
    """Every recorded test of an athlete; ``unit`` is the athlete's mass unit."""

    athlete: str
    unit: str
    tests: list[PerTestHistory]

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete": self.athlete,
            "unit": self.unit,
            "tests": [t.as_json() for t in self.tests],
        }


@dataclass(frozen=True)
class AssessmentSummary:
    """One recorded test in brief: what a delete removes or confirms."""

    id: int
    athlete: str
    test: str
    taken_on: date
    value: float | None
    unit: str | None
    flags: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "athlete": self.athlete,
            "test": self.test,
            "taken_on": self.taken_on.isoformat(),
            "value": self.value,
            "unit": self.unit,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class BatteryTest:
    """One test of the return-to-sport battery and where the athlete stands on it."""

    test: str
    name: str
    role: str  # "hop" | "quadriceps"
    status: str  # "passing" | "failing" | "missing" (still needed) | "not recorded" (optional)
    lsi: float | None
    taken_on: str | None  # ISO date of the latest result
    involved: str | None  # the involved side, as recorded

    def as_json(self) -> dict[str, Any]:
        return {
            "test": self.test,
            "name": self.name,
            "role": self.role,
            "status": self.status,
            "lsi": self.lsi,
            "taken_on": self.taken_on,
            "involved": self.involved,
        }


@dataclass(frozen=True)
class ReturnToSportStatus:
    """The return-to-sport battery from the athlete's latest results."""

    athlete: str
    battery: ReturnToSport
    tests: list[BatteryTest]

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete": self.athlete,
            **self.battery.as_json(),
            "tests": [t.as_json() for t in self.tests],
        }


@dataclass(frozen=True)
class Instrument:
    """What the readiness check-in asks and how a day is judged against the athlete's own
    baseline (docs/readiness.md)."""

    test: str
    name: str
    items: dict[str, str]  # item → the question
    scale: str
    window_days: int
    min_checkins: int
    flag_z: float
    rule: str
    sources: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "test": self.test,
            "name": self.name,
            "items": dict(self.items),
            "scale": self.scale,
            "baseline": {
                "window_days": self.window_days,
                "min_checkins": self.min_checkins,
                "flag_z": self.flag_z,
                "rule": self.rule,
            },
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class CheckIn:
    """A stored check-in judged against the check-ins before it."""

    id: int
    status: Status
    notes: str | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, **self.status.as_json(), "notes": self.notes}


@dataclass(frozen=True)
class CheckInRecorded:
    athlete: str
    check_in: CheckIn
    instrument: Instrument

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete": self.athlete,
            "check_in": self.check_in.as_json(),
            "instrument": self.instrument.as_json(),
        }


@dataclass(frozen=True)
class ReadinessHistory:
    """The check-ins of ``days`` days up to ``as_of`` (all when ``days`` is None), oldest
    first."""

    athlete: str
    as_of: date
    days: int | None
    check_ins: list[CheckIn]
    instrument: Instrument

    def as_json(self) -> dict[str, Any]:
        return {
            "athlete": self.athlete,
            "as_of": self.as_of.isoformat(),
            "days": self.days,
            "check_ins": [c.as_json() for c in self.check_ins],
            "instrument": self.instrument.as_json(),
        }
