"""Typed, frozen result models of the use-cases a web page or an API response shows.

Dataclasses (docs/conventions.md says why): each serialises one obvious way, ``as_json()``,
which is ``dataclasses.asdict`` with dates written as ISO text — the JSON document the CLI
prints and the server sends."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class AcwrEstimate:
    """A load ratio from working sets when session RPE × minutes is missing in the window."""

    acwr: float
    basis: str


@dataclass(frozen=True)
class AthleteDay:
    """What the club view and a coach's roster say of one athlete as of one day
    (docs/contracts/analyze.md); each adds the test flags and readiness in its own form."""

    athlete: str
    athlete_id: int
    as_of: str  # ISO date
    last_day: str | None
    days_since_last_session: int | None
    stale: bool
    acwr_rolling: float | None
    acwr_rolling_uncoupled: float | None
    acwr_estimate: AcwrEstimate | None
    unrated_days_28d: int
    flags: list[str]
    lower_set_share_28d: float | None
    load_7d: float
    load_28d: float
    attention: int
    attention_reasons: list[str]


@dataclass(frozen=True)
class ClubRow(AthleteDay):
    """One athlete of the club view: test flags and readiness as the documents analysis gives."""

    test_flags: list[dict[str, Any]]
    readiness: dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ClubView:
    """Every athlete the actor may see, as of one day."""

    as_of: str  # ISO date
    athletes: list[ClubRow]
    window_days: int
    stale_after_days: int
    sort: str
    acwr_criticism: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PlanCheck:
    """The rule checker's verdict on the stored plan (docs/evidence/rules.md)."""

    athlete: str
    plan_id: int
    ok: bool
    violations: list[dict[str, Any]]
    warnings: list[str]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PlanDocument:
    """The current plan: the stored plan document (docs/plan-format.md), its id, the athlete's
    unit and how many weeks the whole plan has (``document`` may hold one week only)."""

    plan_id: int
    unit: str
    plan_weeks: int
    document: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        """The plan document with ``plan_id``, ``unit`` and ``plan_weeks`` added (what the CLI's
        plan show prints as JSON)."""
        return {
            **self.document,
            "plan_id": self.plan_id,
            "unit": self.unit,
            "plan_weeks": self.plan_weeks,
        }
