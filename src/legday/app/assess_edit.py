"""Correct or remove a recorded test. An edit re-scores the result from its inputs with today's
norm tables, so the value, rating, flags and every derived figure follow the corrected inputs;
nothing else caches an assessment (latest results, the battery and triage read the rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from legday.app import athletes, versions
from legday.app.assess import check_repeat, loads_to_kg, score
from legday.app.assess_results import AssessmentSummary, EditResult, Recorded
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.assess.scoring import ImplausibleValue
from legday.domain.errors import InvalidInput, NotFound
from legday.store import assessments as store
from legday.store import athletes as athlete_rows
from legday.store.models import Assessment, Athlete

# Stored with a score's inputs but describing the person, not the test.
_PERSON = ("age", "sex", "mass_kg")


def _row(
    s: Session, assessment_id: int, athlete_id: int | None, *, lock: bool = False
) -> tuple[Assessment, Athlete]:
    row = store.by_id(s, assessment_id)
    if row is not None and lock:
        store.lock(s, row)
    owner = athlete_rows.get(s, row.athlete_id) if row is not None else None
    if row is None or owner is None:
        raise NotFound(f"no recorded test with id {assessment_id}", "see `legday assess history`")
    if athlete_id is not None and athlete_id != row.athlete_id:
        named = athletes.get(s, athlete_id).name
        raise NotFound(
            f"test {assessment_id} is not recorded for {named}", f"it belongs to {owner.name}"
        )
    return row, owner


def version(row: Assessment) -> str:
    """The ETag of a recorded test: over everything an edit may change (inputs, score, date,
    notes), so any correction makes a new one."""
    state = {
        "id": row.id,
        "test": row.test_id,
        "taken_on": row.taken_on,
        "inputs": row.inputs,
        "result": row.result,
        "notes": row.notes,
    }
    return versions.etag_of(state)


def edit(
    db: Database,
    actor: Actor,
    assessment_id: int,
    values: dict[str, Any],
    athlete_id: int | None = None,
    taken_on: date | None = None,
    age: int | None = None,
    sex: str | None = None,
    mass_kg: float | None = None,
    load_unit: str | None = None,
    notes: str | None = None,
    exercise: str | None = None,
    confirm: bool = False,
    again: bool = False,
    if_match: str | None = None,
) -> EditResult:
    """Change the given inputs (names as in the data file; loads in the athlete's unit unless
    ``load_unit``), the date or the notes of a recorded test and score it again. Inputs not given
    keep their stored values. Returns the new record and the score document it replaced. With
    ``if_match`` (ETags, see :func:`version`) a test changed since is refused
    (PreconditionFailed) and stays as it is."""
    if taken_on is not None and taken_on > date.today():
        raise InvalidInput(f"date {taken_on} is in the future", "give the day the test was taken")
    with db.write(actor) as s:
        row, owner = _row(s, assessment_id, athlete_id, lock=if_match is not None)
        versions.require(version(row), if_match, f"test {assessment_id}")
        who = athletes.info(owner)
        before = dict(row.result or {})
        stored = dict(row.inputs or {})
        day = taken_on or row.taken_on
        old_exercise = stored.pop("exercise", None)
        person = {k: stored.pop(k, None) for k in _PERSON}
        # Stored loads are kg: convert only what the user types now, then lay it over them.
        typed = loads_to_kg(values, load_unit or who.unit)
        merged = {**stored, **typed}

        def rescore(sure: bool) -> dict[str, Any]:
            return score(
                row.test_id,
                merged,
                age=age if age is not None else (who.age_on(day) or person["age"]),
                sex=sex if sex is not None else (who.sex or person["sex"]),
                mass_kg=mass_kg if mass_kg is not None else person["mass_kg"],
                nearest_band=bool(before.get("extrapolated")),
                load_unit="kg",
                exercise=exercise or old_exercise,
                confirm=sure,
            ).as_json()

        try:
            result = rescore(confirm)
        except ImplausibleValue as exc:
            # A value the user confirmed when recording it stays confirmed while it is unchanged.
            kept = exc.input not in typed
            if not (kept and _was_confirmed(before, exc.input)):
                raise
            result = rescore(True)
        if not again:
            check_repeat(s, row.athlete_id, result, day, skip_id=row.id)
        store.set_score(row, day, result)
        if notes is not None:
            row.notes = notes
        s.flush()
        return EditResult(Recorded(row.id, owner.name, who.unit, day, result), before, version(row))


def _was_confirmed(result: dict[str, Any], name: str) -> bool:
    return any(
        str(w).startswith(f"{name} = ") and "confirmed" in str(w)
        for w in result.get("warnings") or []
    )


def _summary(row: Assessment, owner: Athlete) -> AssessmentSummary:
    flags = [str(f) for f in row.flags or []]
    return AssessmentSummary(
        row.id, owner.name, row.test_id, row.taken_on, row.value, row.unit, flags
    )


def show(
    db: Database, actor: Actor, assessment_id: int, athlete_id: int | None = None
) -> AssessmentSummary:
    """One recorded test in brief (id, athlete, test, date, value, unit, flags)."""
    return show_versioned(db, actor, assessment_id, athlete_id).summary


@dataclass(frozen=True)
class VersionedSummary:
    """A recorded test in brief and its version (the ETag an edit sends back in If-Match)."""

    summary: AssessmentSummary
    version: str


def show_versioned(
    db: Database, actor: Actor, assessment_id: int, athlete_id: int | None = None
) -> VersionedSummary:
    """:func:`show` and the test's version (its ETag), read together (on the primary: a client
    edits what it read)."""
    with db.read(actor, primary=True) as s:
        row, owner = _row(s, assessment_id, athlete_id)
        return VersionedSummary(_summary(row, owner), version(row))


def delete(
    db: Database,
    actor: Actor,
    assessment_id: int,
    athlete_id: int | None = None,
    if_match: str | None = None,
) -> AssessmentSummary:
    """Remove a recorded test; returns what was removed (as :func:`show`). With ``if_match``
    a test changed since that version is refused and kept."""
    with db.write(actor) as s:
        row, owner = _row(s, assessment_id, athlete_id, lock=if_match is not None)
        versions.require(version(row), if_match, f"test {assessment_id}")
        gone = _summary(row, owner)
        store.remove(s, row)
        return gone
