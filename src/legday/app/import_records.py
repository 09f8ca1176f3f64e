"""The record path of an import (files read as SessionRecord/SetRecord objects, and every file
below legday.app.importing.COLUMNS_FROM_ROWS): which sessions are new or grow and which sets are
already stored (a dedupe key per set, a source key per session), then the writes — sessions by
the driver, sets by legday.store.imports.insert_set_rows, a legday export's assessments and body
mass. legday.app.import_bulk does the same on columns; tests/app/test_import_columns.py compares
every table both write. The caller holds the import's one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from legday.app import import_keys
from legday.domain.records import SessionRecord, SetRecord
from legday.interop.common import ParsedFile, session_identity, set_identity
from legday.store import imports
from legday.store.models import Assessment, Athlete

BODY_MASS_RANGE_KG = (20.0, 350.0)  # the range athletes.py accepts


@dataclass
class Plan:
    sessions_new: list[tuple[SessionRecord, list[SetRecord]]] = field(default_factory=list)
    sessions_more: list[tuple[int, SessionRecord, list[SetRecord]]] = field(default_factory=list)
    skipped: int = 0
    added: int = 0  # sets to store, warm-ups included
    warmups: int = 0


def plan(s: Session, athlete_id: int | None, sessions: list[SessionRecord]) -> Plan:
    """The new sessions, the stored sessions that grow, and the sets of each not stored yet."""
    plan = Plan()
    existing = import_keys.existing_sessions(s, athlete_id, {x.source for x in sessions})
    seen_keys = _existing_dedupe_keys(s, athlete_id, sessions)
    fresh: dict[tuple[str, str], tuple[SessionRecord, list[SetRecord]]] = {}
    more: dict[int, tuple[SessionRecord, list[SetRecord]]] = {}
    for sess in sessions:
        key = session_identity(sess.source, sess.source_key, sess.started_at)
        new_sets: list[SetRecord] = []
        for x in sess.sets:
            k = x.dedupe_key
            if not k or len(k) > imports.KEY_LIMIT:
                k = set_identity(sess, x)  # derived or shortened (a rare case)
                x = _with_key(x, k)
            if k in seen_keys:
                plan.skipped += 1
                continue
            seen_keys.add(k)
            new_sets.append(x)
            if x.set_type == "warmup":
                plan.warmups += 1
        plan.added += len(new_sets)
        sid = existing.get(key)
        if sid is not None:
            if new_sets:
                more.setdefault(sid, (sess, []))[1].extend(new_sets)
        elif key in fresh:
            fresh[key][1].extend(new_sets)
        elif new_sets or not sess.sets:
            fresh[key] = (sess, new_sets)
    plan.sessions_new = list(fresh.values())
    plan.sessions_more = [(sid, sess, sets) for sid, (sess, sets) in more.items()]
    return plan


def _with_key(x: SetRecord, key: str) -> SetRecord:
    from dataclasses import replace

    return replace(x, dedupe_key=key)


def _existing_dedupe_keys(
    s: Session, athlete_id: int | None, sessions: list[SessionRecord]
) -> set[str]:
    if athlete_id is None:
        return set()
    stored = imports.set_count(s, athlete_id)
    if stored == 0:
        return set()
    wanted = [set_identity(sess, x) for sess in sessions for x in sess.sets]
    found = import_keys.derived_keys(s, athlete_id)
    if stored <= 4 * len(wanted):
        return found | imports.stored_keys(s, athlete_id)
    return found | imports.stored_keys(s, athlete_id, among=wanted)


@dataclass
class Written:
    """What the aggregates need from a write: the new sessions (id, start, duration, session
    RPE), every set row inserted (laid out as imports.SET_COLUMNS) and the days of sessions that
    grew."""

    sessions: list[tuple[int, datetime, int | None, float | None]]
    rows: list[tuple[Any, ...]]
    grown_days: set[date]


def write(
    s: Session,
    athlete_id: int,
    plan: Plan,
    names: dict[str, str | None],
    report: Callable[[str, int, int | None], None],
    total: int,
) -> Written:
    report("write", 0, total)
    session_rows = [import_keys.new_session_row(athlete_id, sess) for sess, _ in plan.sessions_new]
    ids = imports.insert_sessions(s, session_rows)
    targets: list[tuple[int, int, SessionRecord, list[SetRecord]]] = [
        (sid, 0, sess, sets) for sid, (sess, sets) in zip(ids, plan.sessions_new, strict=True)
    ]
    if plan.sessions_more:
        last = imports.last_seq(s, [sid for sid, _, _ in plan.sessions_more])
        targets += [(sid, last.get(sid, 0), sess, sets) for sid, sess, sets in plan.sessions_more]
    rows = _set_rows(athlete_id, targets, names)
    imports.insert_set_rows(s, rows, lambda done: report("write", done, total))
    return Written(
        sessions=[
            (sid, sess.started_at, sess.duration_s, sess.session_rpe)
            for sid, (sess, _) in zip(ids, plan.sessions_new, strict=True)
        ],
        rows=rows,
        grown_days={sess.started_at.date() for _, sess, _ in plan.sessions_more},
    )


def _set_rows(
    athlete_id: int,
    targets: Iterable[tuple[int, int, SessionRecord, list[SetRecord]]],
    names: dict[str, str | None],
) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    add = rows.append
    for sid, seq0, _, sets in targets:
        for seq, x in enumerate(sets, start=seq0 + 1):
            raw = x.exercise_raw
            add(
                (
                    sid, athlete_id, seq, names.get(raw) or x.exercise_id,
                    raw if len(raw) <= 300 else raw[:300], x.exercise_occurrence, x.position,
                    x.set_type, x.load_kg, x.load_basis, x.reps, x.rpe, x.rir, x.side,
                    x.duration_s, x.distance_m, x.contacts, x.notes, x.source_row, x.source_line,
                    x.dedupe_key,
                )
            )  # fmt: skip
    return rows


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
    kg = parsed.body_mass_kg
    low, high = BODY_MASS_RANGE_KG
    if kg is None or not low <= kg <= high:
        return f"body weight {kg} kg is outside {low:g}–{high:g} kg; not stored"
    a.body_mass_kg = kg
    return f"body mass set to {kg:g} kg (latest body weight, {parsed.body_mass_on})"
