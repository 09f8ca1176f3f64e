"""The record path of an import (files read as SessionRecord/SetRecord objects, and every file
below legday.app.importing.COLUMNS_FROM_ROWS): which sessions are new or grow and which sets are
already stored (a dedupe key per set, a source key per session), then the writes — sessions by
the driver, sets by legday.store.imports.insert_set_rows, a legday export's assessments and body
mass. legday.app.import_bulk does the same on columns; tests/app/test_import_columns.py compares
every table both write. The caller holds the import's one transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from legday.app import import_keys, import_plan
from legday.app.import_plan import BODY_MASS_RANGE_KG as BODY_MASS_RANGE_KG
from legday.app.import_plan import Plan, Written
from legday.domain.records import SessionRecord
from legday.interop.common import ParsedFile
from legday.store import imports
from legday.store.models import Assessment, Athlete


def plan(s: Session, athlete_id: int | None, sessions: list[SessionRecord]) -> Plan:
    """The new sessions, the stored sessions that grow, and the sets of each not stored yet."""
    existing = import_keys.existing_sessions(s, athlete_id, {x.source for x in sessions})
    if athlete_id is None:
        return import_plan.plan(sessions, existing, set())
    seen = import_plan.seen_keys(
        sessions,
        imports.set_count(s, athlete_id),
        lambda: import_keys.derived_keys(s, athlete_id),
        lambda among: imports.stored_keys(s, athlete_id, among=among),
    )
    return import_plan.plan(sessions, existing, seen)


def write(
    s: Session,
    athlete_id: int,
    plan: Plan,
    names: dict[str, str | None],
    report: Callable[[str, int, int | None], None],
) -> Written:
    """``import_plan.write`` on the ORM unit's connection."""
    store = import_plan.RowStore(
        lambda rows: imports.insert_sessions(s, rows),
        lambda sids: imports.last_seq(s, sids),
        lambda rows, done: imports.insert_set_rows(s, rows, done),
    )
    return import_plan.write(store, athlete_id, plan, names, report)


def write_assessments(s: Session, athlete_id: int, items: list[dict[str, Any]]) -> None:
    """Assessments from a legday export; one already stored (same test, day, value) is kept."""
    if not items:
        return
    stored = imports.assessment_keys(s, athlete_id)
    for a in items:
        key = (a["test_id"], a["taken_on"], a["value"])
        if key in stored:
            continue
        stored.add(key)
        s.add(Assessment(athlete_id=athlete_id, **a))
    s.flush()


def body_mass(a: Athlete, parsed: ParsedFile) -> str:
    kg = import_plan.body_mass(parsed)
    if kg is not None:
        a.body_mass_kg = kg
    return import_plan.body_mass_note(parsed)
