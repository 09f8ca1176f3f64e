"""Keep the daily tables (DailyAggregate, DailyLoad) equal to what the logged sets say.

Every writer of sessions or sets calls :func:`refresh` for the days it touched, inside its own
write transaction, so team-scale analytics read a small dense table instead of every set
(analytics.md, reference timings). The work is set-based: one GROUP BY per chunk of days in SQL
(per session × exercise), then a small expansion to pattern × muscle in Python.

Definitions (analytics.md):
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

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, delete, func, insert, select
from sqlalchemy.orm import Session

from legday.domain.track.facts import ExerciseFacts, catalog_facts, lookup, muscles_of
from legday.store.models import DailyAggregate, DailyLoad, SetEntry, TrainingSession

CHUNK_DAYS = 400  # keeps IN lists well under SQLite's variable limit and memory flat
HARD_RPE = 7.0  # analytics.md: "hard" = RPE ≥ 7
HARD_RIR = 3.0  # RPE 7 ⇔ RIR 3 (Zourdos et al. 2016: RPE = 10 − RIR)


def refresh(
    s: Session,
    athlete_id: int,
    days: Iterable[date],
    *,
    facts: Mapping[str, ExerciseFacts] | None = None,
) -> None:
    """Recompute the daily tables of ``athlete_id`` for exactly ``days`` (delete + insert)."""
    wanted = sorted({d.date() if isinstance(d, datetime) else d for d in days})
    if not wanted:
        return
    index = catalog_facts() if facts is None else facts
    for chunk in _chunks(wanted, CHUNK_DAYS):
        s.execute(
            delete(DailyAggregate).where(
                DailyAggregate.athlete_id == athlete_id, DailyAggregate.day.in_(chunk)
            )
        )
        s.execute(
            delete(DailyLoad).where(DailyLoad.athlete_id == athlete_id, DailyLoad.day.in_(chunk))
        )
        _compute_and_insert(s, athlete_id, chunk[0], chunk[-1], set(chunk), index)


def rebuild(
    s: Session, athlete_id: int, *, facts: Mapping[str, ExerciseFacts] | None = None
) -> None:
    """Recompute every day of ``athlete_id`` (after a bulk import, or to repair the tables)."""
    index = catalog_facts() if facts is None else facts
    s.execute(delete(DailyAggregate).where(DailyAggregate.athlete_id == athlete_id))
    s.execute(delete(DailyLoad).where(DailyLoad.athlete_id == athlete_id))
    first, last = s.execute(
        select(func.min(TrainingSession.started_at), func.max(TrainingSession.started_at)).where(
            TrainingSession.athlete_id == athlete_id
        )
    ).one()
    if first is None:
        return
    lo, hi = _as_datetime(first).date(), _as_datetime(last).date()
    while lo <= hi:
        end = min(hi, lo + timedelta(days=CHUNK_DAYS - 1))
        _compute_and_insert(s, athlete_id, lo, end, None, index)
        lo = end + timedelta(days=1)


def _chunks(items: list[date], n: int) -> Iterator[list[date]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _as_datetime(v: object) -> datetime:
    if isinstance(v, datetime):
        return v
    return datetime.fromisoformat(str(v))


def _compute_and_insert(
    s: Session,
    athlete_id: int,
    lo: date,
    hi: date,
    keep: set[date] | None,
    index: Mapping[str, ExerciseFacts],
) -> None:
    start, stop = datetime.combine(lo, time.min), datetime.combine(hi + timedelta(days=1), time.min)
    in_range = and_(
        TrainingSession.athlete_id == athlete_id,
        TrainingSession.started_at >= start,
        TrainingSession.started_at < stop,
    )
    session_day: dict[int, date] = {}
    loads: dict[date, list[float]] = {}  # day → [load, minutes, sessions, lower_sets, all_sets]
    for sid, started, duration_s, srpe in s.execute(
        select(
            TrainingSession.id,
            TrainingSession.started_at,
            TrainingSession.duration_s,
            TrainingSession.session_rpe,
        ).where(in_range)
    ):
        day = _as_datetime(started).date()
        if keep is not None and day not in keep:
            continue
        session_day[sid] = day
        acc = loads.setdefault(day, [0.0, 0.0, 0.0, 0.0, 0.0])
        acc[2] += 1
        if duration_s is not None:
            minutes = duration_s / 60.0
            acc[1] += minutes
            if srpe is not None:
                acc[0] += srpe * minutes  # Foster session-RPE load, once per session
    if not session_day:
        return

    hard = case(
        (SetEntry.rpe.is_not(None), case((SetEntry.rpe >= HARD_RPE, 1), else_=0)),
        (SetEntry.rir.is_not(None), case((SetEntry.rir <= HARD_RIR, 1), else_=0)),
        else_=1,
    )
    tonnage = case(
        (
            and_(
                SetEntry.load_basis == "external",
                SetEntry.load_kg.is_not(None),
                SetEntry.reps.is_not(None),
            ),
            SetEntry.load_kg * SetEntry.reps,
        ),
        else_=0.0,
    )
    reps_without_contacts = case(
        (and_(SetEntry.contacts.is_(None), SetEntry.reps.is_not(None)), SetEntry.reps), else_=0
    )
    grouped = s.execute(
        select(
            SetEntry.session_id,
            SetEntry.exercise_id,
            func.count(),
            func.sum(hard),
            func.sum(tonnage),
            func.sum(func.coalesce(SetEntry.contacts, 0)),
            func.sum(reps_without_contacts),
        )
        .join(TrainingSession, TrainingSession.id == SetEntry.session_id)
        .where(in_range, SetEntry.set_type != "warmup")
        .group_by(SetEntry.session_id, SetEntry.exercise_id)
    )
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

    if cells:
        s.execute(
            insert(DailyAggregate),
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
        )
    s.execute(
        insert(DailyLoad),
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
