"""Assessment use-cases: score a test, record it for an athlete, show the trend, explain a test.

Scores are computed by the domain (``legday.domain.assess``); a recorded test stores the full score
JSON in ``Assessment.result`` so that a later change to a norm table never rewrites history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.db import Database
from legday.domain.assess import registry
from legday.domain.assess.model import TestSpec
from legday.domain.assess.scoring import score as domain_score
from legday.domain.errors import InvalidInput, NotFound
from legday.domain.units import parse_unit, to_kg
from legday.store.models import Assessment

# Tests whose "load" input is a mass that the user may type in lb.
_LOAD_INPUTS = ("load",)


def score(
    test_id: str,
    values: dict[str, Any],
    age: int | None = None,
    sex: str | None = None,
    mass_kg: float | None = None,
    nearest_band: bool = False,
    load_unit: str = "kg",
) -> dict[str, Any]:
    """Score without storing; returns the JSON contract (loads given in ``load_unit``)."""
    clean = _loads_to_kg(values, load_unit)
    return domain_score(test_id, clean, age, sex, mass_kg, nearest_band).as_json()


def _loads_to_kg(values: dict[str, Any], load_unit: str) -> dict[str, Any]:
    unit = parse_unit(load_unit)
    out = dict(values)
    for k in _LOAD_INPUTS:
        if out.get(k) is not None and unit == "lb":
            try:
                out[k] = round(to_kg(float(out[k]), unit), 3)
            except (TypeError, ValueError):
                raise InvalidInput(f"--{k} {out[k]!r} is not a number") from None
    return out


@dataclass(frozen=True)
class Recorded:
    id: int
    athlete: str
    unit: str  # the athlete's mass unit, for showing loads
    taken_on: date
    result: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "athlete": self.athlete,
            "taken_on": self.taken_on.isoformat(),
            **self.result,
        }


def record(
    db: Database,
    test_id: str,
    values: dict[str, Any],
    athlete: str | None = None,
    taken_on: date | None = None,
    age: int | None = None,
    sex: str | None = None,
    mass_kg: float | None = None,
    nearest_band: bool = False,
    load_unit: str | None = None,
    notes: str | None = None,
) -> Recorded:
    """Score and store a test for ``athlete`` in one transaction. Age (on ``taken_on``), sex and
    body mass come from the athlete when not given; loads are in the athlete's unit unless
    ``load_unit`` says otherwise, and are stored in kg."""
    day = taken_on or date.today()
    if day > date.today():
        raise InvalidInput(f"date {day} is in the future", "give the day the test was taken")
    with db.write() as s:
        a = athletes.find(s, athlete)
        who = athletes.info(a)
        unit = load_unit or who.unit
        result = score(
            test_id,
            values,
            age=age if age is not None else who.age_on(day),
            sex=sex if sex is not None else who.sex,
            mass_kg=mass_kg if mass_kg is not None else who.body_mass_kg,
            nearest_band=nearest_band,
            load_unit=unit,
        )
        row = Assessment(
            athlete_id=a.id,
            test_id=result["test"],
            taken_on=day,
            value=result["value"],
            unit=result["unit"],
            rating=result["rating"],
            flags=list(result["flags"]),
            inputs=dict(result["inputs"]),
            result=result,
            notes=notes,
        )
        s.add(row)
        s.flush()
        return Recorded(row.id, a.name, who.unit, day, result)


def _rows(s: Session, athlete_id: int, test_id: str | None = None) -> list[Assessment]:
    q = select(Assessment).where(Assessment.athlete_id == athlete_id)
    if test_id is not None:
        q = q.where(Assessment.test_id == test_id)
    return list(s.scalars(q.order_by(Assessment.test_id, Assessment.taken_on, Assessment.id)))


def latest_results(s: Session, athlete_id: int) -> dict[str, dict[str, Any]]:
    """The latest stored score JSON per test id (by date, then by entry order) — what the planner
    reads to shift emphasis. Each dict also carries ``taken_on`` (ISO date)."""
    latest: dict[str, dict[str, Any]] = {}
    for row in _rows(s, athlete_id):
        latest[row.test_id] = {**(row.result or {}), "taken_on": row.taken_on.isoformat()}
    return latest


def rts_status(db: Database, athlete: str | None) -> dict[str, Any]:
    """The return-to-sport battery from the athlete's latest results: what is recorded (date,
    LSI, involved side), what is missing and what is below the criterion."""
    from legday.domain.assess.triage import return_to_sport

    with db.read() as s:
        a = athletes.find(s, athlete)
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
            {
                "test": spec.id,
                "name": spec.name,
                "role": spec.rts_role,
                "status": status,
                "lsi": got.get("value") if got else None,
                "taken_on": got.get("taken_on") if got else None,
                "involved": (got.get("inputs") or {}).get("involved") if got else None,
            }
        )
    return {"athlete": name, **battery.as_json(), "tests": tests}


def _trend(spec: TestSpec | None, values: list[float]) -> str | None:
    """``improving`` / ``worsening`` / ``steady`` from the first to the latest value, in the
    test's better direction; None with fewer than two values."""
    if len(values) < 2 or spec is None:
        return None
    change = values[-1] - values[0]
    if change == 0:
        return "steady"
    better = change > 0 if spec.better == "higher" else change < 0
    return "improving" if better else "worsening"


def history(db: Database, athlete: str | None, test_id: str | None = None) -> dict[str, Any]:
    """Every recorded test of ``athlete`` grouped by test, oldest first, with the trend."""
    wanted = registry.get(test_id).id if test_id is not None else None
    with db.read() as s:
        a = athletes.find(s, athlete)
        name, unit = a.name, athletes.info(a).unit
        groups: dict[str, list[Assessment]] = {}
        for r in _rows(s, a.id, wanted):
            groups.setdefault(r.test_id, []).append(r)
        tests = [_test_history(tid, entries) for tid, entries in groups.items()]
    return {"athlete": name, "unit": unit, "tests": tests}


def _test_history(tid: str, entries: list[Assessment]) -> dict[str, Any]:
    spec = _spec_or_none(tid)
    values = [e.value for e in entries if e.value is not None]
    return {
        "test": tid,
        "name": spec.name if spec else tid,
        "unit": entries[-1].unit,
        "better": spec.better if spec else None,
        "entries": [
            {
                "id": e.id,
                "taken_on": e.taken_on.isoformat(),
                "value": e.value,
                "rating": e.rating,
                "flags": list(e.flags or []),
                "warnings": list((e.result or {}).get("warnings", [])),
            }
            for e in entries
        ],
        "first": values[0] if values else None,
        "latest": values[-1] if values else None,
        "change": round(values[-1] - values[0], 2) if len(values) > 1 else None,
        "trend": _trend(spec, values),
    }


def _spec_or_none(test_id: str) -> TestSpec | None:
    try:
        return registry.get(test_id)
    except NotFound:  # a test removed from the data since it was recorded
        return None


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
            }
            for i in t.inputs.values()
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
