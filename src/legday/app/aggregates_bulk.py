"""The daily tables of sessions an import has just inserted, computed from the rows in memory
instead of read back (legday.app.aggregates keeps them for every other writer, with the same
definitions): an import of thousands of sessions then fills them without a GROUP BY per chunk of
days. A day that also holds another session of the athlete is refreshed by
:func:`legday.app.aggregates.refresh` (SQL), so the result is exact either way
(tests/app/test_aggregates_bulk.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from legday.app.aggregates import (
    HARD_RIR,
    HARD_RPE,
    _add_session,
    _as_datetime,
    _maintains,
    _refresh_days,
)
from legday.domain.track.facts import ExerciseFacts, catalog_facts, lookup, muscles_of
from legday.store import plain_daily
from legday.store.plain import Writes

if TYPE_CHECKING:  # the plain import path (refresh_bulk_rows) imports no SQLAlchemy
    from sqlalchemy.orm import Session

NewSession = tuple[int, datetime, int | None, float | None]  # id, started_at, duration_s, sRPE
# Fields a set row must carry for the daily tables (bulk path), found by name in ``columns``.
BULK_FIELDS = (
    "session_id", "exercise_id", "set_type", "load_kg", "load_basis", "reps", "rpe", "rir",
    "contacts",
)  # fmt: skip


@_maintains
def refresh_bulk(
    s: Session,
    athlete_id: int,
    sessions: Sequence[NewSession],
    sets: Iterable[Sequence[Any]],
    columns: Sequence[str],
    *,
    facts: Mapping[str, ExerciseFacts] | None = None,
) -> None:
    """The same rows as ``refresh(s, athlete_id, days of sessions)``, computed from the rows an
    import has just inserted instead of read back: ``sessions`` were created in this transaction
    and ``sets`` (tuples laid out as ``columns``) are ALL of their sets. A day that also holds
    another session of the athlete is left to :func:`refresh` (SQL), so the result is exact."""
    from legday.store.session_rows import SessionRows

    _bulk(SessionRows(s), athlete_id, sessions, sets, columns, facts)


def refresh_bulk_rows(
    u: Writes,
    athlete_id: int,
    sessions: Sequence[NewSession],
    sets: Iterable[Sequence[Any]],
    columns: Sequence[str],
) -> None:
    """``refresh_bulk`` in a plain unit of work (an import on the standard driver): the same
    statements, after the same check that the actor may log for the athlete."""
    from legday.store.plain_log import require_log

    require_log(u, athlete_id)
    _bulk(u, athlete_id, sessions, sets, columns, None)


def _bulk(
    u: Writes,
    athlete_id: int,
    sessions: Sequence[NewSession],
    sets: Iterable[Sequence[Any]],
    columns: Sequence[str],
    facts: Mapping[str, ExerciseFacts] | None,
) -> None:
    if not sessions:
        return
    index = catalog_facts() if facts is None else facts
    days = {started.date() for _, started, _, _ in sessions}
    shared = days_with_other_sessions(u, athlete_id, sessions, days)
    clean = days - shared
    delete_days(u, athlete_id, sorted(clean))
    session_day = {sid: d for sid, started, _, _ in sessions if (d := started.date()) in clean}
    loads: dict[date, list[float]] = {}  # day → [load, minutes, sessions, lower_sets, all_sets]
    for _, started, duration_s, srpe in sessions:
        day = started.date()
        if day not in clean:
            continue
        _add_session(loads, day, duration_s, srpe)
    groups = _group_sets(sets, columns, session_day)
    cells: dict[tuple[date, str, str], list[float]] = {}
    spread: dict[str | None, Spread] = {}
    for (sid, ex_id), (n, n_hard, ton, contacts, bare_reps) in sorted(
        groups.items(), key=_group_order
    ):
        set_day = session_day[sid]
        how = spread.get(ex_id)
        if how is None:
            how = spread[ex_id] = spread_of(lookup(index, ex_id))
        pattern, muscles, per_rep, is_lower = how
        total_contacts = contacts + bare_reps * per_rep if per_rep else contacts
        first = True
        for muscle, weight in muscles:
            key = (set_day, pattern, muscle)
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = [0.0, 0.0, 0.0, 0.0]
            cell[0] += weight * float(n_hard)
            cell[2] += weight * ton
            if first:
                cell[1] += n
                cell[3] += total_contacts
                first = False
        acc = loads[set_day]
        acc[4] += n
        if is_lower:
            acc[3] += n
    _insert_daily(u, athlete_id, cells, loads)
    if shared:
        _refresh_days(u, athlete_id, shared, index)


# pattern, (muscle, weight) rows, contacts per rep, lower body: one exercise's share of a group
Spread = tuple[str, tuple[tuple[str, float], ...], int | None, bool]


def spread_of(f: ExerciseFacts) -> Spread:
    return f.pattern, muscles_of(f), f.contacts_per_rep, f.is_lower


def _group_order(item: tuple[tuple[int, str | None], Any]) -> tuple[int, str]:
    # SQLite's GROUP BY visits (session, exercise) in this order (NULL first); adding the groups
    # in the same order gives the same float sums.
    sid, ex_id = item[0]
    return sid, "" if ex_id is None else "\x01" + ex_id


def _group_sets(
    sets: Iterable[Sequence[Any]], columns: Sequence[str], session_day: Mapping[int, date]
) -> dict[tuple[int, str | None], list[Any]]:
    """(session, exercise) → [working sets, hard sets, tonnage, contacts, reps without contacts]
    over the non-warm-up sets: the GROUP BY of :func:`_compute_and_insert`, in Python."""
    at = {name: columns.index(name) for name in BULK_FIELDS}
    si, ei, ti, li, bi = (
        at["session_id"],
        at["exercise_id"],
        at["set_type"],
        at["load_kg"],
        at["load_basis"],
    )
    ri, pi, qi, ci = at["reps"], at["rpe"], at["rir"], at["contacts"]
    groups: dict[tuple[int, str | None], list[Any]] = {}
    for r in sets:
        if r[ti] == "warmup" or r[si] not in session_day:
            continue
        key = (r[si], r[ei])
        g = groups.get(key)
        if g is None:
            g = groups[key] = [0, 0, 0.0, 0, 0]
        g[0] += 1
        rpe = r[pi]
        if rpe is not None:
            g[1] += rpe >= HARD_RPE
        elif r[qi] is not None:
            g[1] += r[qi] <= HARD_RIR
        else:
            g[1] += 1
        reps, load, contacts = r[ri], r[li], r[ci]
        if reps is not None:
            if load is not None and r[bi] == "external":
                g[2] += load * reps
            if contacts is None:
                g[4] += reps
        if contacts is not None:
            g[3] += contacts
    return groups


def days_with_other_sessions(
    u: Writes, athlete_id: int, sessions: Sequence[NewSession], days: set[date]
) -> set[date]:
    """Days of ``days`` on which the athlete has a session not in ``sessions``."""
    lo, hi = min(days), max(days)
    start, stop = datetime.combine(lo, time.min), datetime.combine(hi + timedelta(days=1), time.min)
    stored = plain_daily.count_sessions_between(u, athlete_id, start, stop)
    if stored == len(sessions):
        return set()  # only the new sessions lie in the span: no day is shared
    mine = {sid for sid, _, _, _ in sessions}
    shared: set[date] = set()
    for sid, started, _, _ in plain_daily.sessions_between(u, athlete_id, start, stop):
        day = _as_datetime(started).date()
        if sid not in mine and day in days:
            shared.add(day)
    return shared


def delete_days(u: Writes, athlete_id: int, days: list[date]) -> None:
    """Rows left on these days (there should be none: they held no session) go, as in refresh."""
    if not days:
        return
    if plain_daily.any_rows_between(u, athlete_id, days[0], days[-1]):
        plain_daily.delete_days(u, athlete_id, days)


def _insert_daily(
    u: Writes,
    athlete_id: int,
    cells: Mapping[tuple[date, str, str], list[float]],
    loads: Mapping[date, list[float]],
) -> None:
    """Bulk-insert the computed rows (plain executemany on the driver: see
    ``legday.store.plain_daily.insert_bulk``)."""
    plain_daily.insert_bulk(
        u,
        [
            (athlete_id, day, pattern, muscle, v[0], int(v[1]), v[2], int(v[3]))
            for (day, pattern, muscle), v in cells.items()
        ],
        [
            (athlete_id, day, v[0], v[1], int(v[2]), int(v[3]), int(v[4]))
            for day, v in loads.items()
        ],
    )
