"""Screening tests over time for `analyze` and the report: Nordic force, the hop tests and
Y-Balance, each with the threshold its flag is judged against, plus the open findings (triage
of the latest results) and the return-to-sport battery when a battery test is recorded."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.analysis_results import Screening, ScreeningEntry, ScreeningTest, SeriesPoint
from legday.app.assess import latest_results
from legday.app.assess_results import BatteryTest, ReturnToSportStatus
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.assess import registry
from legday.domain.assess.triage import return_to_sport, triage
from legday.domain.errors import NotFound
from legday.store import assessments as store

# The screening tests shown over time; each series says what crossing its threshold means.
SCREENING_TESTS: tuple[str, ...] = (
    "nordic", "y-balance", "single-leg-hop", "triple-hop", "crossover-hop", "timed-hop-6m",
    "quad-strength",
)  # fmt: skip


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _series(test_id: str, result: dict[str, Any]) -> list[SeriesPoint]:
    """The plotted figures of one stored result: name, value, unit, threshold and the side of
    the threshold that raises the flag (``flag_below``)."""
    d = result.get("derived") or {}
    inputs = result.get("inputs") or {}
    value = _num(result.get("value"))
    if test_id == "nordic":
        cut = _num(d.get("threshold_n"))
        return [
            SeriesPoint(f"{side} limb", _num(inputs.get(side)), "N", cut, flag_below=True)
            for side in ("left", "right")
        ]
    if test_id == "y-balance":
        spec = registry.get("y-balance")
        anterior = spec.table("anterior").value
        out = [SeriesPoint("anterior difference", value, "cm", anterior, flag_below=False)]
        for side in ("left", "right"):
            comp = _num(d.get(f"composite_{side}_pct"))
            if comp is not None:
                # Plisky 2006 reported the 94 % cut-off for girls only: no line for others.
                girl = inputs.get("sex") == "female"
                cut = spec.table("composite-girls").value if girl else None
                out.append(SeriesPoint(f"composite {side}", comp, "%", cut, flag_below=True))
        return out
    # The hop tests and quadriceps strength: a limb symmetry index against its criterion.
    cut = _num(d.get("lsi_threshold_pct"))
    return [SeriesPoint("LSI", value, "%", cut, flag_below=True)]


def _name(test_id: str) -> str:
    try:
        return registry.get(test_id).name
    except NotFound:
        return test_id


def screening(
    s: Session,
    athlete_id: int,
    date_from: date | None,
    date_to: date | None,
    age: int | None,
    sex: str | None,
) -> Screening:
    """Each screening test's results in the period (oldest first) with their flags and
    thresholds; the findings of the latest result of every test (whatever the period: they are
    what is open now)."""
    groups: dict[str, list[ScreeningEntry]] = {}
    for row in store.of_athlete(s, athlete_id, SCREENING_TESTS, date_from, date_to):
        result = dict(row.result or {})
        groups.setdefault(row.test_id, []).append(
            ScreeningEntry(
                id=row.id,
                date=row.taken_on.isoformat(),
                value=row.value,
                unit=row.unit,
                flags=[str(f) for f in row.flags or []],
                series=_series(row.test_id, result),
            )
        )
    tests = [ScreeningTest(t, _name(t), groups[t]) for t in SCREENING_TESTS if t in groups]
    latest = latest_results(s, athlete_id)
    findings = list(triage(latest, age=age, sex=sex))
    battery = None
    if any(registry.get(t).rts_role for t in latest if t in registry.TEST_IDS):
        battery = return_to_sport(latest)
    return Screening(tests, findings, battery)


def rts_status(db: Database, actor: Actor, athlete_id: int) -> ReturnToSportStatus:
    """The return-to-sport battery from the athlete's latest results: what is recorded (date,
    LSI, involved side), what is missing and what is below the criterion."""
    with db.read(actor) as s:
        a = athletes.get(s, athlete_id)
        latest = latest_results(s, a.id)
        name = a.name
    battery = return_to_sport(latest)
    tests = []
    for spec in registry.all_tests():
        if spec.rts_role is None:
            continue
        got = latest.get(spec.id)
        # "missing" is still needed; "not recorded" is a fourth hop test the battery can do without.
        status = "missing" if spec.id in battery.missing else "not recorded"
        if got is not None:
            status = "failing" if spec.id in battery.failing else "passing"
        tests.append(
            BatteryTest(
                test=spec.id,
                name=spec.name,
                role=spec.rts_role,
                status=status,
                lsi=_num(got.get("value")) if got else None,
                taken_on=got.get("taken_on") if got else None,
                involved=(got.get("inputs") or {}).get("involved") if got else None,
            )
        )
    return ReturnToSportStatus(name, battery, tests)
