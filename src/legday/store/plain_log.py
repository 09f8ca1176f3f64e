"""The statements of logging a session (`legday log`) in plain SQL, run by either driver: the
standard sqlite3 one (``legday.store.lite``, no SQLAlchemy at start-up) or a SQLAlchemy
session's connection (``legday.store.session_rows``), on SQLite and PostgreSQL alike. The checks
before a write (exact repeats, implausible loads) and the records a new set breaks read through
here on every path, so each statement is written once. Not ORM statements: each read names the
access rule (``legday.store.plain.within``); the writer checks the write scope first
(``require_log``). This module imports no SQLAlchemy."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from legday.domain.access import Scope
from legday.domain.errors import NotFound
from legday.domain.records import SetRecord
from legday.store.plain import Rows, Writes, as_datetime, within

# The columns a set's data lives in, named once: SetRecord's fields are the set's columns.
RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(SetRecord))
# A new set row: its place (session, athlete, order) and its data.
SET_COLUMNS: tuple[str, ...] = ("session_id", "athlete_id", "seq", *RECORD_FIELDS)
# A new session row as `legday log` writes it (created_at: the database's default).
SESSION_COLUMNS: tuple[str, ...] = (
    "athlete_id", "started_at", "duration_s", "session_rpe", "notes", "source", "status",
    "warnings",
)  # fmt: skip

# What makes two sets "the same" for the repeat check (legday.app.entry_checks), in this order.
SHAPE_FIELDS: tuple[str, ...] = (
    "exercise_id", "exercise_raw", "set_type", "load_kg", "load_basis", "reps", "rpe", "rir",
    "side", "duration_s", "distance_m", "contacts",
)  # fmt: skip

# What a personal record needs (legday.domain.train.prs.LiftSet), in this order.
LIFT_FIELDS = (
    "exercise_id",
    "started_at",
    "load_kg",
    "reps",
    "set_type",
    "load_basis",
    "session_id",
)


def in_list(name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``(:name0, :name1, …)`` and its parameters: one IN list both drivers take."""
    params = {f"{name}{i}": v for i, v in enumerate(values)}
    return "(" + ", ".join(f":{k}" for k in params) + ")", params


def require_log(u: Rows, athlete_id: int) -> None:
    """Refuse (as "not found", like a missing athlete) unless the actor may log for the athlete."""
    found = u.rows(
        f"SELECT 1 FROM athlete WHERE id = :id AND {within(u, 'id', Scope.LOG_FOR_ATHLETE)}",
        {"id": athlete_id},
    )
    if not found:
        raise NotFound(f"no athlete with id {athlete_id}")


def mappings_of(u: Rows, athlete_id: int) -> dict[str, str]:
    """The athlete's exercise-name mappings: normalised raw name → exercise id."""
    found = u.rows(
        "SELECT raw_key, exercise_id FROM exercise_mapping WHERE athlete_id = :athlete"
        f" AND {within(u, 'athlete_id', Scope.VIEW_TRAINING)}",
        {"athlete": athlete_id},
    )
    return {str(k): str(v) for k, v in found}


def shapes_between(
    u: Rows, athlete_id: int, since: datetime, until: datetime
) -> dict[int, list[tuple[Any, ...]]]:
    """``SHAPE_FIELDS`` of the sets of each of the athlete's sessions started in [since, until),
    in order, by session id (a session without sets maps to an empty list)."""
    cols = ", ".join(f"s.{c}" for c in SHAPE_FIELDS)
    rule = within(u, "t.athlete_id", Scope.VIEW_TRAINING)
    found = u.rows(
        f"SELECT t.id, s.id, {cols} FROM training_session t"
        " LEFT JOIN set_entry s ON s.session_id = t.id"
        " WHERE t.athlete_id = :athlete AND t.started_at >= :since AND t.started_at < :until"
        f" AND {rule} ORDER BY t.id, s.seq",
        {"athlete": athlete_id, "since": since, "until": until},
    )
    out: dict[int, list[tuple[Any, ...]]] = {}
    for r in found:
        sets = out.setdefault(int(r[0]), [])
        if r[1] is not None:
            sets.append(tuple(r[2:]))
    return out


def lifts(
    u: Rows,
    athlete_id: int,
    exercise_ids: Sequence[str],
    *,
    exclude_session: int | None = None,
    until: datetime | None = None,
) -> list[tuple[Any, ...]]:
    """``LIFT_FIELDS`` of the athlete's sets of ``exercise_ids``, except those of
    ``exclude_session``, from sessions started up to ``until`` (None: any time). The rule filters
    as for any read: an actor who may log for the athlete but not see their training finds none."""
    if not exercise_ids:
        return []
    ids, params = in_list("ex", sorted(set(exercise_ids)))
    sql = (
        "SELECT s.exercise_id, t.started_at, s.load_kg, s.reps, s.set_type, s.load_basis,"
        " s.session_id FROM set_entry s JOIN training_session t ON s.session_id = t.id"
        f" WHERE s.athlete_id = :athlete AND s.exercise_id IN {ids}"
        f" AND {within(u, 's.athlete_id', Scope.VIEW_TRAINING)}"
    )
    params["athlete"] = athlete_id
    if exclude_session is not None:
        sql += " AND s.session_id <> :exclude"
        params["exclude"] = exclude_session
    if until is not None:
        sql += " AND t.started_at <= :until"
        params["until"] = until
    return [(r[0], as_datetime(r[1]), *r[2:]) for r in u.rows(sql, params)]


def lock_athlete(u: Writes, athlete_id: int) -> None:
    """Hold the athlete's row until commit (PostgreSQL; SQLite's one writer covers it): two
    writers of one athlete queue here instead of rebuilding the same day of the daily tables at
    once. NO KEY UPDATE: inserting a set holds KEY SHARE on its athlete."""
    if u.dialect == "postgresql":  # nobody reads the row: sent with the next statement read
        u.execute("SELECT id FROM athlete WHERE id = :id FOR NO KEY UPDATE", {"id": athlete_id})


def session_to_log_in(u: Writes, session_id: int) -> tuple[int, int, bool, datetime] | None:
    """(athlete, athlete's owner, may the actor log in it, start) of the session; None when there
    is no such session. "May log" is the access rule for both reading the athlete's training and
    logging for them, so a refusal can be logged and answered exactly like a missing session in
    the same unit of work that writes. On PostgreSQL the row is held until commit, so the next
    set's place (``append_set``) is read and written by one request at a time."""
    found = u.rows(
        "SELECT t.athlete_id, a.owner_id, t.started_at,"
        f" CASE WHEN {within(u, 't.athlete_id', Scope.VIEW_TRAINING)}"
        f" AND {within(u, 't.athlete_id', Scope.LOG_FOR_ATHLETE)} THEN 1 ELSE 0 END"
        " FROM training_session t JOIN athlete a ON a.id = t.athlete_id WHERE t.id = :id"
        + (" FOR NO KEY UPDATE OF t" if u.dialect == "postgresql" else ""),
        {"id": session_id},
    )
    if not found:
        return None
    athlete, owner, started, allowed = found[0]
    return int(athlete), int(owner), bool(allowed), as_datetime(started)


def insert_session(u: Writes, values: Mapping[str, Any]) -> int:
    """A new session row (``SESSION_COLUMNS``; ``warnings`` a list) and its id."""
    row = {c: values[c] for c in SESSION_COLUMNS}
    row["warnings"] = json.dumps(list(row["warnings"]))
    cols = ", ".join(SESSION_COLUMNS)
    marks = ", ".join(f":{c}" for c in SESSION_COLUMNS)
    return u.insert_id(f"INSERT INTO training_session ({cols}) VALUES ({marks}) RETURNING id", row)


_INSERT_SET = (
    f"INSERT INTO set_entry ({', '.join(SET_COLUMNS)})"
    f" VALUES ({', '.join(f':{c}' for c in SET_COLUMNS)})"
)


def _set_row(session_id: int, athlete_id: int, seq: int, r: SetRecord) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "athlete_id": athlete_id,
        "seq": seq,
        **{n: getattr(r, n) for n in RECORD_FIELDS},
    }


_NEXT_PLACE = "(SELECT coalesce(max(seq), 0) + 1 FROM set_entry WHERE session_id = :session_id)"
_APPEND_SET = (
    f"INSERT INTO set_entry ({', '.join(SET_COLUMNS)}) VALUES ("
    + ", ".join(_NEXT_PLACE if c == "seq" else f":{c}" for c in SET_COLUMNS)
    + ") RETURNING id, seq"
)


def append_set(u: Writes, session_id: int, athlete_id: int, record: SetRecord) -> tuple[int, int]:
    """One new set at the end of a session (one past its highest place), in one statement:
    (its id, its place). The caller holds the session (``session_to_log_in``), so two sets
    sent at once do not take the same place."""
    found = u.rows(_APPEND_SET, _set_row(session_id, athlete_id, 0, record))
    return int(found[0][0]), int(found[0][1])


def insert_sets(
    u: Writes, session_id: int, athlete_id: int, records: Sequence[tuple[int, SetRecord]]
) -> None:
    """The sets of a new session: (seq, record) each."""
    if records:
        u.execute_many(
            _INSERT_SET, [_set_row(session_id, athlete_id, seq, r) for seq, r in records]
        )
