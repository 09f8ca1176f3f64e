"""Progress report use-case: gather everything a report shows for one athlete and one period.

The analysis itself (weekly volume, neglect audit, e1RM, load, adherence) comes from
:func:`legday.app.analytics.analyze`; this module adds what the analysis does not carry — the
assessment results with their norm bands and the calendar of training days — and returns plain
data. Rendering (charts, HTML, PDF) lives in :mod:`legday.report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from legday.app import athletes
from legday.app.analysis_results import Analysis
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput
from legday.domain.terms import slot
from legday.store import analysis as history_store
from legday.store import assessments as store


@dataclass(frozen=True)
class NormBand:
    """The normal range a scored test was compared with, and the paper it comes from."""

    low: float
    high: float
    label: str
    source: str | None

    def as_json(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "label": self.label, "source": self.source}


@dataclass(frozen=True)
class AssessmentResult:
    """One stored test result of the report's period (``value`` in ``unit``; loads in kg)."""

    test_id: str
    name: str
    taken_on: str  # ISO date
    value: float | None
    unit: str | None
    rating: str | None
    flags: list[str]
    band: NormBand | None

    def as_json(self) -> dict[str, Any]:
        return {
            "test_id": self.test_id,
            "name": self.name,
            "taken_on": self.taken_on,
            "value": self.value,
            "unit": self.unit,
            "rating": self.rating,
            "flags": list(self.flags),
            "band": self.band.as_json() if self.band is not None else None,
        }


@dataclass(frozen=True)
class TrainingDay:
    date: str  # ISO date
    sessions: int


@dataclass(frozen=True)
class ReportData:
    """What one report shows. Masses are kilograms; the renderer converts to ``unit``."""

    athlete: dict[str, Any]  # AthleteView.as_json()
    unit: str  # "kg" | "lb": how masses are shown
    date_from: date | None
    date_to: date | None
    analysis: Analysis
    assessments: list[AssessmentResult] = field(default_factory=list)
    training_days: list[TrainingDay] = field(default_factory=list)
    generated_on: date = field(default_factory=date.today)

    @property
    def athlete_name(self) -> str:
        return str(self.athlete["name"])

    def period_text(self) -> str:
        """``2024-01-01 – 2024-06-30`` with the first and last training day filling open ends."""
        days = [d.date for d in self.training_days]
        if not days and self.date_from is None and self.date_to is None:
            return "no sessions yet"
        start = self.date_from.isoformat() if self.date_from else (days[0] if days else "…")
        end = self.date_to.isoformat() if self.date_to else (days[-1] if days else "…")
        return f"{start} – {end}"


def gather(
    db: Database,
    actor: Actor,
    athlete_id: int,
    date_from: date | None = None,
    date_to: date | None = None,
    today: date | None = None,
    *,
    primary: bool = False,
) -> ReportData:
    """Collect the analysis, assessments and training days of ``athlete`` in the period
    (``primary``: from the primary database, for the athlete's own page after a write)."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise InvalidInput(
            f"{slot('date_from')} {date_from} is after {slot('date_to')} {date_to}",
            f"give the earlier date as {slot('date_from')}",
        )
    from legday.app.analytics import analyze

    with db.read(actor, primary=primary) as s:
        row = athletes.get(s, athlete_id)
        person = athletes.view(row, today).as_json()
        unit = "lb" if row.unit == "lb" else "kg"
        tests = assessments_in(s, row.id, date_from, date_to)
        days = training_days_in(s, row.id, date_from, date_to)
    analysis = analyze(
        db, actor, athlete_id, date_from=date_from, date_to=date_to, today=today, primary=primary
    )
    return ReportData(
        athlete=person,
        unit=unit,
        date_from=date_from,
        date_to=date_to,
        analysis=analysis,
        assessments=tests,
        training_days=days,
        generated_on=today or date.today(),
    )


def _in_period(day: date, date_from: date | None, date_to: date | None) -> bool:
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def training_days_in(
    s: Any, athlete_id: int, date_from: date | None, date_to: date | None
) -> list[TrainingDay]:
    """Each calendar day with at least one session, and how many sessions it had."""
    counts: dict[date, int] = {}
    for started in history_store.session_starts(s, athlete_id):
        day = started.date()
        if _in_period(day, date_from, date_to):
            counts[day] = counts.get(day, 0) + 1
    return [TrainingDay(d.isoformat(), n) for d, n in sorted(counts.items())]


def assessments_in(
    s: Any, athlete_id: int, date_from: date | None, date_to: date | None
) -> list[AssessmentResult]:
    """Every stored test result in the period, oldest first, with its norm band when scored."""
    # Oldest first, then by test (the sort is stable: entry order within a test stays).
    rows = sorted(
        store.of_athlete(s, athlete_id, since=date_from, until=date_to),
        key=lambda r: (r.taken_on, r.test_id),
    )
    return [
        AssessmentResult(
            test_id=a.test_id,
            name=assessment_name(a.test_id),
            taken_on=a.taken_on.isoformat(),
            value=a.value,
            unit=a.unit,
            rating=a.rating,
            flags=[str(f) for f in a.flags or []],
            band=norm_band(dict(a.result or {})),
        )
        for a in rows
    ]


def norm_band(result: dict[str, Any]) -> NormBand | None:
    """The normal range a scored test was compared with, read from the stored scoring output
    (``Score.as_json()``: ``normal_range`` and ``sources``). ``None`` when the test has no norm
    for this athlete (no age/sex, or no published norms)."""
    rng = result.get("normal_range")
    if not isinstance(rng, list | tuple) or len(rng) != 2 or None in rng:
        return None
    sources = [str(c) for c in result.get("sources") or []]
    return NormBand(float(rng[0]), float(rng[1]), "normal range", "; ".join(sources) or None)


def assessment_name(test_id: str) -> str:
    """The test's name from the assessment registry (its id when the test is no longer known)."""
    from legday.domain.assess.registry import get
    from legday.domain.errors import NotFound

    try:
        return get(test_id).name
    except NotFound:
        return test_id
