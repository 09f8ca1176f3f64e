"""What the record path of an import decides before it writes, on plain data: which sessions are
new or grow and which sets are already stored (a dedupe key per set, a source key per session),
and the set rows it then writes. Both drivers' record paths (legday.app.import_records on an ORM
unit, legday.app.import_plain on a plain one) read what is stored their own way and share this.
This module imports no SQLAlchemy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from legday.app.import_keys import new_session_row
from legday.domain.records import SessionRecord, SetRecord
from legday.interop.common import ParsedFile, session_identity, set_identity
from legday.store.plain_import import KEY_LIMIT

BODY_MASS_RANGE_KG = (20.0, 350.0)  # the range athletes.py accepts


@dataclass
class Plan:
    sessions_new: list[tuple[SessionRecord, list[SetRecord]]] = field(default_factory=list)
    sessions_more: list[tuple[int, SessionRecord, list[SetRecord]]] = field(default_factory=list)
    skipped: int = 0
    added: int = 0  # sets to store, warm-ups included
    warmups: int = 0


def seen_keys(
    sessions: list[SessionRecord],
    stored: int,
    derived: Callable[[], set[str]],
    keys: Callable[[list[str] | None], set[str]],
) -> set[str]:
    """The dedupe keys a file's sets meet among the athlete's ``stored`` sets: those derived for
    sets entered in legday, and the stored keys (all of them for a short history; else only
    those the file's sets could carry, looked up by the index)."""
    if stored == 0:
        return set()
    wanted = [set_identity(sess, x) for sess in sessions for x in sess.sets]
    found = derived()
    if stored <= 4 * len(wanted):
        return found | keys(None)
    return found | keys(wanted)


def plan(
    sessions: list[SessionRecord], existing: dict[tuple[str, str], int], seen: set[str]
) -> Plan:
    """The new sessions, the stored sessions (``existing``: identity → id) that grow, and the
    sets of each whose key is not in ``seen``."""
    out = Plan()
    fresh: dict[tuple[str, str], tuple[SessionRecord, list[SetRecord]]] = {}
    more: dict[int, tuple[SessionRecord, list[SetRecord]]] = {}
    for sess in sessions:
        key = session_identity(sess.source, sess.source_key, sess.started_at)
        new_sets: list[SetRecord] = []
        for x in sess.sets:
            k = x.dedupe_key
            if not k or len(k) > KEY_LIMIT:
                k = set_identity(sess, x)  # derived or shortened (a rare case)
                x = replace(x, dedupe_key=k)
            if k in seen:
                out.skipped += 1
                continue
            seen.add(k)
            new_sets.append(x)
            if x.set_type == "warmup":
                out.warmups += 1
        out.added += len(new_sets)
        sid = existing.get(key)
        if sid is not None:
            if new_sets:
                more.setdefault(sid, (sess, []))[1].extend(new_sets)
        elif key in fresh:
            fresh[key][1].extend(new_sets)
        elif new_sets or not sess.sets:
            fresh[key] = (sess, new_sets)
    out.sessions_new = list(fresh.values())
    out.sessions_more = [(sid, sess, sets) for sid, (sess, sets) in more.items()]
    return out


@dataclass
class Written:
    """What the aggregates need from a write: the new sessions (id, start, duration, session
    RPE), every set row inserted (laid out as legday.store.plain_import.SET_COLUMNS) and the
    days of sessions that grew."""

    sessions: list[tuple[int, datetime, int | None, float | None]]
    rows: list[tuple[Any, ...]]
    grown_days: set[date]


@dataclass(frozen=True)
class RowStore:
    """How one driver's unit of work stores what :func:`write` hands it: the new sessions (their
    ids in order), the highest set place of stored sessions, the set rows (with progress)."""

    insert_sessions: Callable[[list[dict[str, Any]]], list[int]]
    last_seq: Callable[[list[int]], dict[int, int]]
    insert_set_rows: Callable[[list[tuple[Any, ...]], Callable[[int], None]], None]


def write(
    store: RowStore,
    athlete_id: int,
    plan: Plan,
    names: dict[str, str | None],
    report: Callable[[str, int, int | None], None],
) -> Written:
    """Store ``plan``'s new sessions and every set it adds, in this order, through ``store``."""
    total = plan.added
    report("write", 0, total)
    rows = [new_session_row(athlete_id, sess) for sess, _ in plan.sessions_new]
    ids = store.insert_sessions(rows)
    last: dict[int, int] = {}
    if plan.sessions_more:
        last = store.last_seq([sid for sid, _, _ in plan.sessions_more])
    out = written(athlete_id, plan, ids, last, names)
    store.insert_set_rows(out.rows, lambda done: report("write", done, total))
    return out


def written(
    athlete_id: int,
    plan: Plan,
    ids: list[int],
    last: dict[int, int],
    names: dict[str, str | None],
) -> Written:
    """The set rows of ``plan`` (new sessions got ``ids``; a stored session's sets go after
    its highest place, ``last``), and what the aggregates need of them."""
    targets: list[tuple[int, int, list[SetRecord]]] = [
        (sid, 0, sets) for sid, (_, sets) in zip(ids, plan.sessions_new, strict=True)
    ]
    targets += [(sid, last.get(sid, 0), sets) for sid, _, sets in plan.sessions_more]
    return Written(
        sessions=[
            (sid, sess.started_at, sess.duration_s, sess.session_rpe)
            for sid, (sess, _) in zip(ids, plan.sessions_new, strict=True)
        ],
        rows=set_rows(athlete_id, targets, names),
        grown_days={sess.started_at.date() for _, sess, _ in plan.sessions_more},
    )


def set_rows(
    athlete_id: int,
    targets: Iterable[tuple[int, int, list[SetRecord]]],
    names: dict[str, str | None],
) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    add = rows.append
    for sid, seq0, sets in targets:
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


def body_mass(parsed: ParsedFile) -> float | None:
    """The body mass a file gives, to store; None when it gives none or one out of range."""
    kg = parsed.body_mass_kg
    low, high = BODY_MASS_RANGE_KG
    return kg if kg is not None and low <= kg <= high else None


def body_mass_note(parsed: ParsedFile) -> str:
    """The warning that says what became of the file's body mass (see :func:`body_mass`)."""
    kg = body_mass(parsed)
    if kg is None:
        low, high = BODY_MASS_RANGE_KG
        return f"body weight {parsed.body_mass_kg} kg is outside {low:g}–{high:g} kg; not stored"
    return f"body mass set to {kg:g} kg (latest body weight, {parsed.body_mass_on})"
