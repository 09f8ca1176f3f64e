"""The statements of an import's record path in plain SQL (``legday.store.plain.Writes``), run by
either driver: the standard sqlite3 one (``legday.store.lite``: a personal import starts without
SQLAlchemy, a third of its time, bench/bench_personal_import.py) or a SQLAlchemy unit's
connection. They read and write exactly what the ORM path (``legday.store.imports``) does;
tests/app/test_import_plain.py compares every table both leave behind.

Not ORM statements, so no tenant filter reaches them: each read names the access rule as the ORM
path's filter would (``legday.store.plain.within``); the caller checks the write scope before
the first write (``legday.store.plain_log.require_log``). This module imports no SQLAlchemy."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from itertools import repeat
from operator import eq, itemgetter
from typing import Any

from legday.domain.access import HEALTH_TESTS, Scope
from legday.domain.errors import NotFound
from legday.store.plain import Rows, Writes, as_datetime, within
from legday.store.plain_log import in_list
from legday.store.sql_literals import sql_literal

INSERT_CHUNK = 20_000  # rows per executemany: bounded memory, frequent progress updates
IN_CHUNK = 900  # values per IN (…) list: under SQLite's old 999-variable limit
KEY_LIMIT = 400  # characters set_entry.dedupe_key holds (store/models.py)
# The tables whose planner statistics an import refreshes after a large write (the ORM path's
# legday.store.import_stats.IMPORT_TABLES; a test holds them equal).
ANALYZED_TABLES = ("training_session", "set_entry", "daily_aggregate", "daily_load")
# pg_advisory_xact_lock key shared by every import ("import" in ASCII).
IMPORT_LOCK = 0x696D706F7274

# set_entry columns written by an import, in the order of the tuples the record path builds.
SET_COLUMNS = (
    "session_id", "athlete_id", "seq", "exercise_id", "exercise_raw", "exercise_occurrence",
    "position", "set_type", "load_kg", "load_basis", "reps", "rpe", "rir", "side", "duration_s",
    "distance_m", "contacts", "notes", "source_row", "source_line", "dedupe_key",
)  # fmt: skip
# training_session columns of a new session (legday.app.import_keys.new_session_row).
SESSION_COLUMNS = (
    "athlete_id", "started_at", "timezone", "duration_s", "session_rpe", "name", "notes", "source",
    "source_key", "status", "plan_ref", "warnings",
)  # fmt: skip
_JSON_COLUMNS = {"plan_ref", "warnings"}

_TRAINING = Scope.VIEW_TRAINING  # what the ORM path's filter lets a unit read of sessions, sets


def chunks(items: Sequence[Any], n: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def one_import_at_a_time(u: Writes) -> None:
    """On PostgreSQL, imports take turns (SQLite's write lock already does this): the second of
    two imports of one file then sees the first one's sets and adds nothing."""
    if u.dialect == "postgresql":
        u.rows(f"SELECT pg_advisory_xact_lock({IMPORT_LOCK})", {})


# --- the athlete ---------------------------------------------------------------------------------


def athlete_id_named(u: Rows, owner_id: int, name: str) -> int | None:
    """The id of ``owner_id``'s athlete whose name equals ``name`` in any case (if visible)."""
    found = u.rows(
        "SELECT id FROM athlete WHERE owner_id = :owner AND lower(name) = :name"
        f" AND {within(u, 'id', None)} ORDER BY id LIMIT 1",
        {"owner": owner_id, "name": name.lower()},
    )
    return int(found[0][0]) if found else None


def insert_athlete(u: Writes, name: str, unit: str) -> int:
    """A new athlete of the unit's actor, as an import makes one (a beginner, no limitations)."""
    return u.insert_id(
        "INSERT INTO athlete (owner_id, name, birth_date, age_years, sex, body_mass_kg,"
        " height_cm, level, unit, limitations, profile) VALUES (:owner, :name, NULL, NULL, NULL,"
        " NULL, NULL, 'beginner', :unit, :none, :empty) RETURNING id",
        {"owner": u.actor.user_id, "name": name, "unit": unit, "none": "[]", "empty": "{}"},
    )


def set_body_mass(u: Writes, athlete_id: int, kg: float) -> None:
    """The athlete's body mass; only the owner changes an athlete's own row (as the ORM's flush
    guard): anyone else is answered as if the athlete were missing."""
    found = u.rows(
        "UPDATE athlete SET body_mass_kg = :kg, updated_at = CURRENT_TIMESTAMP"
        " WHERE id = :id AND owner_id = :owner RETURNING id",
        {"kg": kg, "id": athlete_id, "owner": u.actor.user_id},
    )
    if not found:
        raise NotFound(f"no athlete with id {athlete_id}")


# --- what is stored already ----------------------------------------------------------------------


def stored_sessions(
    u: Rows, athlete_id: int, sources: set[str]
) -> list[tuple[int, str, str | None, datetime]]:
    """(id, source, source key, start) of the athlete's sessions from these sources."""
    marks, params = in_list("src", sorted(sources))
    found = u.rows(
        "SELECT id, source, source_key, started_at FROM training_session"
        f" WHERE athlete_id = :athlete AND source IN {marks}"
        f" AND {within(u, 'athlete_id', _TRAINING)}",
        {**params, "athlete": athlete_id},
    )
    return [(int(i), src, key, as_datetime(start)) for i, src, key, start in found]


def keyless_sets(u: Rows, athlete_id: int) -> list[tuple[str, datetime, str, int, int]]:
    """(session source, session start, name, occurrence, position) of the athlete's sets that
    carry no dedupe key (entered in legday)."""
    found = u.rows(
        "SELECT t.source, t.started_at, s.exercise_raw, s.exercise_occurrence, s.position"
        " FROM set_entry s JOIN training_session t ON t.id = s.session_id"
        " WHERE s.athlete_id = :athlete AND s.dedupe_key IS NULL"
        f" AND {within(u, 's.athlete_id', _TRAINING)} AND {within(u, 't.athlete_id', _TRAINING)}",
        {"athlete": athlete_id},
    )
    return [(src, as_datetime(start), raw, occ, pos) for src, start, raw, occ, pos in found]


def set_count(u: Rows, athlete_id: int) -> int:
    """How many sets the athlete has stored."""
    found = u.rows(
        "SELECT count(*) FROM set_entry WHERE athlete_id = :athlete"
        f" AND {within(u, 'athlete_id', _TRAINING)}",
        {"athlete": athlete_id},
    )
    return int(found[0][0] or 0)


def stored_keys(u: Rows, athlete_id: int, among: list[str] | None = None) -> set[str]:
    """The dedupe keys stored on the athlete's sets; with ``among``, only those of them (looked
    up by the index, a chunk at a time)."""
    base = (
        "SELECT dedupe_key FROM set_entry WHERE athlete_id = :athlete AND dedupe_key IS NOT NULL"
        f" AND {within(u, 'athlete_id', _TRAINING)}"
    )
    if among is None:
        return {k for (k,) in u.rows(base, {"athlete": athlete_id}) if k}
    found: set[str] = set()
    for chunk in chunks(among, IN_CHUNK):
        marks, params = in_list("k", chunk)
        sql = f"{base} AND dedupe_key IN {marks}"
        found.update(k for (k,) in u.rows(sql, {**params, "athlete": athlete_id}) if k)
    return found


def assessment_keys(u: Rows, athlete_id: int) -> set[tuple[str, date, float | None]]:
    """(test, day, value) of the athlete's stored assessments the actor may read (health tests
    with the health scope, as the ORM path's filter)."""
    health, params = in_list("health", HEALTH_TESTS)
    found = u.rows(
        "SELECT test_id, taken_on, value FROM assessment WHERE athlete_id = :athlete AND ("
        f"(test_id IN {health} AND {within(u, 'athlete_id', Scope.VIEW_HEALTH)}) OR"
        f" (test_id NOT IN {health} AND {within(u, 'athlete_id', Scope.VIEW_ASSESSMENTS)}))",
        {**params, "athlete": athlete_id},
    )
    return {(t, d if isinstance(d, date) else date.fromisoformat(str(d)), v) for t, d, v in found}


def last_seq(u: Rows, session_ids: list[int]) -> dict[int, int]:
    """The highest place of a set in each of these sessions (sessions without sets: absent)."""
    out: dict[int, int] = {}
    for chunk in chunks(session_ids, IN_CHUNK):
        marks, params = in_list("sid", chunk)
        found = u.rows(
            f"SELECT session_id, max(seq) FROM set_entry WHERE session_id IN {marks}"
            f" AND {within(u, 'athlete_id', _TRAINING)} GROUP BY session_id",
            params,
        )
        out.update({int(sid): int(m or 0) for sid, m in found})
    return out


# --- writes --------------------------------------------------------------------------------------


def _session_value(column: str, v: Any, sqlite: bool) -> Any:
    """A session value as SQLAlchemy's column types store it (JSON as json.dumps text, None
    too: the JSON null, as the ORM path writes it; a DATETIME on SQLite as text with
    microseconds)."""
    if column in _JSON_COLUMNS:
        return json.dumps(v)
    if sqlite and isinstance(v, datetime):
        return v.isoformat(" ", "microseconds")
    return v


def insert_sessions(u: Writes, rows: list[dict[str, Any]]) -> list[int]:
    """Insert the new sessions (dicts keyed by ``SESSION_COLUMNS``); their ids in the order
    given. On SQLite the ids are handed out here, after the highest id ever handed out (the
    table's AUTOINCREMENT mark keeps ids of deleted sessions from coming back): the import
    holds the one write lock, so no other writer can take them, and the rows go in by one
    executemany. Elsewhere each row returns the id its sequence gave."""
    if not rows:
        return []
    sqlite = u.dialect == "sqlite"
    values = [tuple(_session_value(c, r[c], sqlite) for c in SESSION_COLUMNS) for r in rows]
    cols = ", ".join(SESSION_COLUMNS)
    if not sqlite:
        marks = ", ".join(f":{c}" for c in SESSION_COLUMNS)
        sql = f"INSERT INTO training_session ({cols}) VALUES ({marks}) RETURNING id"
        return [u.insert_id(sql, dict(zip(SESSION_COLUMNS, v, strict=True))) for v in values]
    found = u.rows(
        "SELECT max(coalesce((SELECT max(id) FROM training_session), 0), coalesce((SELECT seq"
        " FROM sqlite_sequence WHERE name = 'training_session'), 0))",
        {},
    )
    first = 1 + int(found[0][0])
    ids = list(range(first, first + len(rows)))
    sql = (
        f"INSERT INTO training_session (id, {cols})"
        f" VALUES ({', '.join('?' * (len(SESSION_COLUMNS) + 1))})"
    )
    batch = [(i, *v) for i, v in zip(ids, values, strict=True)]
    for chunk in chunks(batch, INSERT_CHUNK):
        u.execute_rows(sql, chunk)
    return ids


def insert_plan(
    rows: Sequence[tuple[Any, ...]], literals: bool
) -> tuple[str, Callable[[tuple[Any, ...]], tuple[Any, ...]] | None]:
    """The INSERT of set rows (``?`` marks) and what of each row it takes (None: all of it).

    With ``literals`` (SQLite) a column holding one value in every row (the athlete, often the
    reps in reserve, the side, notes…) is written into the statement once instead of bound once
    per row: binding is most of the driver's cost per set (~10 % less time for the insert,
    bench/bench_import.py). Only NULL, whole numbers and plain text are written so; floats stay
    parameters, so no value is ever re-read from decimal text."""
    plain = (
        f"INSERT INTO set_entry ({', '.join(SET_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(SET_COLUMNS))})"
    )
    if not rows or not literals:
        return plain, None
    first = rows[0]
    literal: dict[int, str] = {}
    for i, v in enumerate(first):
        written = sql_literal(v)
        if written is not None and all(map(eq, map(itemgetter(i), rows), repeat(v))):
            literal[i] = written
    keep = [i for i in range(len(SET_COLUMNS)) if i not in literal]
    if not literal or not keep:
        return plain, None
    names = [SET_COLUMNS[i] for i in keep] + [SET_COLUMNS[i] for i in literal]
    values = ["?"] * len(keep) + list(literal.values())
    sql = f"INSERT INTO set_entry ({', '.join(names)}) VALUES ({', '.join(values)})"
    if len(keep) == 1:
        only = keep[0]
        return sql, lambda r: (r[only],)
    return sql, itemgetter(*keep)


def insert_set_rows(
    u: Writes, rows: list[tuple[Any, ...]], done_upto: Callable[[int], None]
) -> None:
    """Set rows (tuples laid out as ``SET_COLUMNS``) by the driver's executemany, one-value
    columns written as literals on SQLite."""
    sql, pick = insert_plan(rows, literals=u.dialect == "sqlite")
    for done in range(0, len(rows), INSERT_CHUNK):
        chunk = rows[done : done + INSERT_CHUNK]
        u.execute_rows(sql, chunk if pick is None else list(map(pick, chunk)))
        done_upto(min(done + INSERT_CHUNK, len(rows)))


_ASSESSMENT_COLUMNS = (
    "athlete_id", "test_id", "taken_on", "value", "unit", "rating", "flags", "inputs", "result",
    "notes",
)  # fmt: skip


def insert_assessments(u: Writes, athlete_id: int, items: list[dict[str, Any]]) -> None:
    """Assessments of a legday export (dicts of the parser's fields), in the order given."""
    if not items:
        return
    rows = [
        {
            **{k: a.get(k) for k in _ASSESSMENT_COLUMNS[1:]},
            "athlete_id": athlete_id,
            "flags": json.dumps(a.get("flags") or []),
            "inputs": json.dumps(a.get("inputs") or {}),
            "result": json.dumps(a.get("result") or {}),
        }
        for a in items
    ]
    marks = ", ".join(f":{c}" for c in _ASSESSMENT_COLUMNS)
    u.execute_many(
        f"INSERT INTO assessment ({', '.join(_ASSESSMENT_COLUMNS)}) VALUES ({marks})", rows
    )


def analyze(u: Writes) -> None:
    """Fresh planner statistics for the tables an import fills (inside its transaction: both
    SQLite and PostgreSQL allow it there, and a rollback drops them with the rows)."""
    for table in ANALYZED_TABLES:
        u.execute(f"ANALYZE {table}", {})
