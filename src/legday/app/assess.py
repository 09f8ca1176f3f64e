"""Assessment use-cases: score a test, record it for an athlete, show the trend, explain a test.

Scores are computed by the domain (``legday.domain.assess``); a recorded test stores the full score
JSON in ``Assessment.result`` so that a later change to a norm table never rewrites history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from legday.app import athletes
from legday.app.assess_results import AssessmentHistory, HistoryEntry, PerTestHistory, Recorded
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.assess import registry
from legday.domain.assess.model import TestSpec
from legday.domain.assess.scoring import score as domain_score
from legday.domain.errors import Conflict, InvalidInput, NotFound
from legday.domain.terms import value_slot
from legday.domain.units import parse_unit, to_kg
from legday.store import assessments as store
from legday.store.models import Assessment

# Tests whose "load" input is a mass that the user may type in lb; "load-kg"/"load-lb" name
# the unit outright.
_LOAD_INPUTS = ("load",)
_UNIT_LOADS = {"load-kg": "kg", "load-lb": "lb"}
# Tests that name the exercise they were done on (a catalog id in the stored score).
_EXERCISE_TESTS = ("rep-max",)


def score(
    test_id: str,
    values: dict[str, Any],
    age: int | None = None,
    sex: str | None = None,
    mass_kg: float | None = None,
    nearest_band: bool = False,
    load_unit: str = "kg",
    exercise: str | None = None,
    confirm: bool = False,
) -> dict[str, Any]:
    """Score without storing; returns the JSON contract (loads given in ``load_unit``). A value
    outside its plausible range raises ``ImplausibleValue`` unless ``confirm``."""
    spec = registry.get(test_id)
    named = _exercise(spec.id, exercise)
    clean = loads_to_kg(values, load_unit)
    result = domain_score(spec.id, clean, age, sex, mass_kg, nearest_band, confirm).as_json()
    if named is not None:
        result["exercise_id"] = named[0]
        result["inputs"]["exercise"] = named[0]
        result["derived"]["exercise"] = named[1]
    return result


def _exercise(test_id: str, name: str | None) -> tuple[str, str] | None:
    """The catalog (id, name) of the exercise a test was done on: an id or a name the catalog
    matcher resolves with confidence; an ambiguous name lists the candidates."""
    if name is None or not name.strip():
        return None
    if test_id not in _EXERCISE_TESTS:
        raise InvalidInput(
            f"{test_id} is not done on a chosen exercise",
            "only " + ", ".join(_EXERCISE_TESTS) + " names its exercise",
        )
    from legday.domain.catalog import load
    from legday.domain.catalog.matching import match_name

    catalog = load()
    key = name.strip().lower()
    if key in catalog:
        ex = catalog.get(key)
        return ex.id, ex.name
    m = match_name(name)
    if m.id is not None and m.name is not None:
        return m.id, m.name
    options = [c.id for c in m.candidates[:5]]
    raise InvalidInput(
        f"no exercise called {name!r}" if not options else f"exercise {name!r} is ambiguous",
        ("did you mean " + ", ".join(options) + "? (give the id)")
        if options
        else "give a catalog id or name (see `legday exercises list`)",
    )


def loads_to_kg(values: dict[str, Any], load_unit: str) -> dict[str, Any]:
    unit = parse_unit(load_unit)
    out = dict(values)
    named = [k for k in _UNIT_LOADS if out.get(k) is not None]
    given = named + [k for k in _LOAD_INPUTS if out.get(k) is not None]
    if len(given) > 1:
        raise InvalidInput(
            "the load is given twice (" + ", ".join(given) + ")",
            "give the load once: in the athlete's unit, in kg or in lb",
        )
    for k in named:
        out["load"] = out.pop(k)
    which = _UNIT_LOADS[named[0]] if named else unit
    for k in _LOAD_INPUTS:
        if out.get(k) is not None and which == "lb":
            try:
                out[k] = round(to_kg(float(out[k]), "lb"), 3)
            except (TypeError, ValueError):
                raise InvalidInput(f"{value_slot(k)} {out[k]!r} is not a number", field=k) from None
    return out


def record(
    db: Database,
    actor: Actor,
    athlete_id: int,
    test_id: str,
    values: dict[str, Any],
    taken_on: date | None = None,
    age: int | None = None,
    sex: str | None = None,
    mass_kg: float | None = None,
    nearest_band: bool = False,
    load_unit: str | None = None,
    notes: str | None = None,
    exercise: str | None = None,
    confirm: bool = False,
    again: bool = False,
) -> Recorded:
    """Score and store a test for the athlete in one transaction. Age (on ``taken_on``), sex and
    body mass come from the athlete when not given; loads are in the athlete's unit unless
    ``load_unit`` says otherwise, and are stored in kg. A rep max names its exercise. An exact
    repeat (same test, day and inputs) raises ``RepeatedTest`` unless ``again``."""
    day = taken_on or date.today()
    if day > date.today():
        raise InvalidInput(f"date {day} is in the future", "give the day the test was taken")
    if registry.get(test_id).id in _EXERCISE_TESTS and not (exercise or "").strip():
        raise InvalidInput(
            f"{test_id} needs the exercise it was lifted on",
            "name the exercise by its catalog id or name, e.g. back-squat",
        )
    with db.write(actor) as s:
        a = athletes.get(s, athlete_id)
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
            exercise=exercise,
            confirm=confirm,
        )
        if not again:
            check_repeat(s, a.id, result, day)
        row = store.add(s, a.id, day, result, notes)
        return Recorded(row.id, a.name, who.unit, day, result)


class RepeatedTest(Conflict):
    """The same test with the same inputs is already stored for that day (a double entry, most
    likely). Shells say how to store a genuine second trial anyway."""

    def __init__(self, test: str, day: date, existing_id: int, daily: bool = False) -> None:
        if daily:  # a once-a-day entry: any second one that day is a repeat
            super().__init__(
                f"a {test} entry is already recorded on {day} (id {existing_id})",
                "it is taken once a day; a second one would count that day twice",
            )
        else:
            super().__init__(
                f"{test} with these values is already recorded on {day} (id {existing_id})",
                "a second entry would count the same test twice; store it only if it was a new "
                "trial",
            )
        self.existing_id = existing_id


def check_repeat(
    s: Session, athlete_id: int, result: dict[str, Any], day: date, skip_id: int | None = None
) -> None:
    """Raise ``RepeatedTest`` when a stored result of the same test on ``day`` has the same
    inputs, or any result at all for a once-a-day test (``skip_id``: the row being edited)."""
    daily = registry.get(result["test"]).daily
    for row in store.on_day(s, athlete_id, result["test"], day):
        if row.id != skip_id and (daily or dict(row.inputs or {}) == dict(result["inputs"])):
            raise RepeatedTest(result["test"], day, row.id, daily)


def _rows(s: Session, athlete_id: int, test_id: str | None = None) -> list[Assessment]:
    """By test id, then oldest first (the sort is stable: entry order within a day stays)."""
    rows = store.of_athlete(s, athlete_id, None if test_id is None else [test_id])
    return sorted(rows, key=lambda r: r.test_id)


def latest_results(
    s: Session, athlete_id: int, until: date | None = None
) -> dict[str, dict[str, Any]]:
    """The latest stored score JSON per test id (by date, then by entry order) — what the planner
    reads to shift emphasis. Each dict also carries ``taken_on`` (ISO date). With ``until``, only
    results taken on or before that day count (the state of things as of then)."""
    latest: dict[str, dict[str, Any]] = {}
    for row in store.of_athlete(s, athlete_id, until=until):
        latest[row.test_id] = {**(row.result or {}), "taken_on": row.taken_on.isoformat()}
    return dict(sorted(latest.items()))  # by test id, whatever order the tests were taken in


def rep_maxes(s: Session, athlete_id: int) -> dict[str, dict[str, Any]]:
    """The latest recorded rep max per exercise (catalog id → stored score JSON with
    ``taken_on``): e1RM in kg as ``value``, the lifted load and reps in ``inputs``. Rep maxes
    recorded before they named an exercise are left out."""
    out: dict[str, dict[str, Any]] = {}
    for row in _rows(s, athlete_id, "rep-max"):
        result = row.result or {}
        ex = result.get("exercise_id")
        if isinstance(ex, str):
            out[ex] = {**result, "taken_on": row.taken_on.isoformat()}
    return out


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


def history(
    db: Database, actor: Actor, athlete_id: int, test_id: str | None = None
) -> AssessmentHistory:
    """Every recorded test of the athlete grouped by test, oldest first, with the trend."""
    wanted = registry.get(test_id).id if test_id is not None else None
    with db.read(actor) as s:
        a = athletes.get(s, athlete_id)
        name, unit = a.name, athletes.info(a).unit
        # A rep max's trend only means something per exercise: one group per exercise.
        groups: dict[tuple[str, str | None], list[Assessment]] = {}
        for r in _rows(s, a.id, wanted):
            ex = (r.result or {}).get("exercise_id")
            groups.setdefault((r.test_id, ex if isinstance(ex, str) else None), []).append(r)
        tests = [_test_history(tid, ex, entries) for (tid, ex), entries in groups.items()]
    return AssessmentHistory(name, unit, tests)


def _test_history(tid: str, exercise: str | None, entries: list[Assessment]) -> PerTestHistory:
    spec = _spec_or_none(tid)
    values = [e.value for e in entries if e.value is not None]
    name = spec.name if spec else tid
    return PerTestHistory(
        test=tid,
        exercise_id=exercise,
        name=f"{name} — {exercise}" if exercise else name,
        unit=entries[-1].unit,
        better=spec.better if spec else None,
        entries=[
            HistoryEntry(
                id=e.id,
                taken_on=e.taken_on,
                value=e.value,
                rating=e.rating,
                flags=[str(f) for f in e.flags or []],
                warnings=[str(w) for w in (e.result or {}).get("warnings", [])],
                exercise_id=(e.result or {}).get("exercise_id"),
                inputs=dict(e.inputs or {}),
            )
            for e in entries
        ],
        first=values[0] if values else None,
        latest=values[-1] if values else None,
        change=round(values[-1] - values[0], 2) if len(values) > 1 else None,
        trend=_trend(spec, values),
    )


def _spec_or_none(test_id: str) -> TestSpec | None:
    try:
        return registry.get(test_id)
    except NotFound:  # a test removed from the data since it was recorded
        return None
