"""Keep the daily tables (DailyAggregate, DailyLoad) equal to what the logged sets say.

Every writer of sessions or sets calls :func:`refresh` for the days it touched, inside its own
write transaction, so team-scale analytics read a small dense table instead of every set
(docs/evidence/load-monitoring.md#speed). The work is set-based: one GROUP BY per chunk of days in
SQL (per session × exercise), then a small expansion to pattern × muscle in Python.

Definitions (docs/evidence/load-monitoring.md):
- working set = any set that is not a warm-up (working, drop, failure);
- hard set = a working set with RPE ≥ 7 when RPE is logged; else RIR ≤ 3 when RIR is logged (the
  same threshold, RPE = 10 − RIR, Zourdos et al. 2016); else every working set;
- hard sets and tonnage are muscle-weighted (primary 1.0, secondary 0.5); tonnage counts external
  loads only (assistance and body weight are not lifted plates);
- ``working_sets`` and ``contacts`` are NOT weighted: they sit on the exercise's first muscle row
  only, so that summing any column over muscles counts each set once;
- session-RPE load (Foster et al. 2001) = session RPE × minutes, each session counted once;
- the day of a session is the local wall-clock date it started (timestamps are stored as the
  source's local time, so a late session in another zone stays on the day the athlete lived it).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar, cast

from legday.domain.track.facts import ExerciseFacts, catalog_facts, lookup, muscles_of
from legday.store import plain_daily
from legday.store.plain import Writes
from legday.store.plain_daily import CHUNK_DAYS

if TYPE_CHECKING:  # `legday log`'s plain path (refresh_rows) imports no SQLAlchemy
    from sqlalchemy.orm import Session

    from legday.store.daily_sql import FactsTable

HARD_RPE = 7.0  # docs/evidence/load-monitoring.md: "hard" = RPE ≥ 7
HARD_RIR = 3.0  # RPE 7 ⇔ RIR 3 (Zourdos et al. 2016: RPE = 10 − RIR)

_F = TypeVar("_F", bound=Callable[..., None])


def _maintains(fn: _F) -> _F:
    """Runs ``fn(s, athlete_id, …)`` inside ``tenancy.maintaining``: the daily tables follow every
    set of the athlete (not only those the actor may read), once the actor may log for them."""

    @functools.wraps(fn)
    def run(s: Session, athlete_id: int, *args: Any, **kwargs: Any) -> None:
        from legday.store.tenancy import maintaining

        with maintaining(s, [athlete_id]):
            fn(s, athlete_id, *args, **kwargs)

    return cast(_F, run)


@_maintains
def refresh(
    s: Session,
    athlete_id: int,
    days: Iterable[date],
    *,
    facts: Mapping[str, ExerciseFacts] | None = None,
) -> None:
    """Recompute the daily tables of ``athlete_id`` for exactly ``days`` (delete + insert)."""
    from legday.store.session_rows import SessionRows

    _refresh_days(SessionRows(s), athlete_id, days, facts)


def refresh_rows(u: Writes, athlete_id: int, days: Iterable[date]) -> None:
    """``refresh`` in a plain unit of work (`legday log` on the standard driver): the same
    statements, after the same check that the actor may log for the athlete."""
    from legday.store.plain_log import require_log

    require_log(u, athlete_id)
    _refresh_days(u, athlete_id, days, None)


def refresh_allowed(u: Writes, athlete_id: int, days: Iterable[date]) -> None:
    """``refresh_rows`` for a unit that has already asked the access rule, in this same
    transaction, whether its actor may log for the athlete (``plain_log.session_to_log_in``):
    the check is not asked twice."""
    _refresh_days(u, athlete_id, days, None)


def facts_table(index: Mapping[str, ExerciseFacts]) -> FactsTable:
    """The facts as ``legday.store.daily_sql`` writes them into its statement, built once per
    facts mapping (the catalog's: once per process)."""
    found = _tables.get(id(index))
    if found is not None and found[0] is index:
        return found[1]
    from legday.store.daily_sql import FactsTable

    rows = tuple(
        (ex_id, f.pattern, muscle, weight, i == 0, f.contacts_per_rep or None, f.is_lower)
        for ex_id, f in sorted(index.items())
        for i, (muscle, weight) in enumerate(muscles_of(f))
    )
    table = FactsTable(rows)
    if len(_tables) >= 8:  # tests pass facts of their own; the catalog's stays the usual one
        _tables.clear()
    _tables[id(index)] = (index, table)
    return table


_tables: dict[int, tuple[Mapping[str, ExerciseFacts], FactsTable]] = {}


def _refresh_days(
    u: Writes,
    athlete_id: int,
    days: Iterable[date],
    facts: Mapping[str, ExerciseFacts] | None,
) -> None:
    wanted = sorted({d.date() if isinstance(d, datetime) else d for d in days})
    if not wanted:
        return
    index = catalog_facts() if facts is None else facts
    if u.dialect == "postgresql":  # one statement instead of six round trips
        from legday.store import daily_sql

        table = facts_table(index)
        for chunk in _chunks(wanted, CHUNK_DAYS):
            daily_sql.refresh(u, athlete_id, chunk, table, HARD_RPE, HARD_RIR)
        return
    for chunk in _chunks(wanted, CHUNK_DAYS):
        plain_daily.delete_days(u, athlete_id, chunk)
        _compute_and_insert(u, athlete_id, chunk[0], chunk[-1], set(chunk), index)


@_maintains
def rebuild(
    s: Session, athlete_id: int, *, facts: Mapping[str, ExerciseFacts] | None = None
) -> None:
    """Recompute every day of ``athlete_id`` (after a bulk import, or to repair the tables)."""
    from legday.store import aggregates as daily
    from legday.store.session_rows import SessionRows

    index = catalog_facts() if facts is None else facts
    daily.delete_all(s, athlete_id)
    first, last = daily.session_span(s, athlete_id)
    if first is None:
        return
    lo, hi = _as_datetime(first).date(), _as_datetime(last).date()
    u = SessionRows(s)
    while lo <= hi:
        end = min(hi, lo + timedelta(days=CHUNK_DAYS - 1))
        _compute_and_insert(u, athlete_id, lo, end, None, index)
        lo = end + timedelta(days=1)


def _add_session(
    loads: dict[date, list[float]], day: date, duration_s: float | None, srpe: float | None
) -> None:
    """Count one session on ``day``: [load, minutes, sessions, lower_sets, all_sets]."""
    acc = loads.setdefault(day, [0.0, 0.0, 0.0, 0.0, 0.0])
    acc[2] += 1
    if duration_s is not None:
        minutes = duration_s / 60.0
        acc[1] += minutes
        if srpe is not None:
            acc[0] += srpe * minutes  # Foster session-RPE load, once per session


def _chunks(items: list[date], n: int) -> Iterator[list[date]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _as_datetime(v: object) -> datetime:
    if isinstance(v, datetime):
        return v
    return datetime.fromisoformat(str(v))


def _compute_and_insert(
    u: Writes,
    athlete_id: int,
    lo: date,
    hi: date,
    keep: set[date] | None,
    index: Mapping[str, ExerciseFacts],
) -> None:
    start, stop = datetime.combine(lo, time.min), datetime.combine(hi + timedelta(days=1), time.min)
    session_day: dict[int, date] = {}
    loads: dict[date, list[float]] = {}  # day → [load, minutes, sessions, lower_sets, all_sets]
    for sid, started, duration_s, srpe in plain_daily.sessions_between(u, athlete_id, start, stop):
        day = _as_datetime(started).date()
        if keep is not None and day not in keep:
            continue
        session_day[sid] = day
        _add_session(loads, day, duration_s, srpe)
    if not session_day:
        return

    grouped = plain_daily.set_groups(u, athlete_id, start, stop, HARD_RPE, HARD_RIR)
    # (day, pattern, muscle) → [hard_sets, working_sets, tonnage, contacts]
    cells: dict[tuple[date, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for sid, ex_id, n, n_hard, ton, contacts, bare_reps in grouped:
        set_day = session_day.get(sid)
        if set_day is None:
            continue
        f = lookup(index, ex_id)
        total_contacts = int(contacts or 0)
        if f.contacts_per_rep:
            total_contacts += int(bare_reps or 0) * f.contacts_per_rep
        for i, (muscle, weight) in enumerate(muscles_of(f)):
            cell = cells[(set_day, f.pattern, muscle)]
            cell[0] += weight * float(n_hard or 0)
            cell[2] += weight * float(ton or 0.0)
            if i == 0:
                cell[1] += n
                cell[3] += total_contacts
        acc = loads[set_day]
        acc[4] += n
        if f.is_lower:
            acc[3] += n

    plain_daily.insert_rows(
        u,
        [
            {
                "athlete_id": athlete_id,
                "day": day,
                "pattern": pattern,
                "muscle": muscle,
                "hard_sets": v[0],
                "working_sets": int(v[1]),
                "tonnage_kg": v[2],
                "contacts": int(v[3]),
            }
            for (day, pattern, muscle), v in cells.items()
        ],
        [
            {
                "athlete_id": athlete_id,
                "day": day,
                "load": v[0],
                "minutes": v[1],
                "sessions": int(v[2]),
                "lower_sets": int(v[3]),
                "all_sets": int(v[4]),
            }
            for day, v in loads.items()
        ],
    )
