"""The bulk path of the daily tables (what an import uses) gives the rows ``rebuild`` gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import insert, select

from legday.app import aggregates, aggregates_bulk
from legday.app.db import open_database
from legday.store.models import Athlete, DailyAggregate, DailyLoad, SetEntry, TrainingSession

COLUMNS = (
    "session_id", "athlete_id", "seq", "exercise_id", "exercise_raw", "set_type", "load_kg",
    "load_basis", "reps", "rpe", "rir", "contacts",
)  # fmt: skip


def _tables(s, aid: int) -> tuple[dict, dict]:
    agg = {
        (r.day, r.pattern, r.muscle): (r.hard_sets, r.working_sets, r.tonnage_kg, r.contacts)
        for r in s.scalars(select(DailyAggregate).where(DailyAggregate.athlete_id == aid))
    }
    load = {
        r.day: (r.load, r.minutes, r.sessions, r.lower_sets, r.all_sets)
        for r in s.scalars(select(DailyLoad).where(DailyLoad.athlete_id == aid))
    }
    return agg, load


def _add_sessions(s, aid: int, rows) -> tuple[list, list[tuple]]:
    """Store generated rows (tests.domain.track.gen) as sessions and sets; returns what an
    import would hand to refresh_bulk: (id, start, duration, sRPE) and the set tuples."""
    sessions: dict[int, tuple] = {}
    sets: list[tuple] = []
    for r in rows:
        if r.session not in sessions:
            start = datetime.combine(r.day, datetime.min.time()).replace(hour=19)
            duration = None if r.minutes is None else int(r.minutes * 60)
            sid = s.execute(
                insert(TrainingSession).returning(TrainingSession.id),
                [dict(athlete_id=aid, started_at=start, duration_s=duration,
                      session_rpe=r.session_rpe, warnings=[])],
            ).scalar_one()  # fmt: skip
            sessions[r.session] = (sid, start, duration, r.session_rpe)
        sid = sessions[r.session][0]
        sets.append(
            (sid, aid, len(sets), r.exercise, r.exercise or "?", r.set_type, r.load, r.basis,
             r.reps, r.rpe, r.rir, r.contacts)
        )  # fmt: skip
    s.execute(insert(SetEntry), [dict(zip(COLUMNS, x, strict=True)) for x in sets])
    return list(sessions.values()), sets


def _same(a: tuple[dict, dict], b: tuple[dict, dict]) -> None:
    assert a[0].keys() == b[0].keys() and a[1].keys() == b[1].keys()
    for k, v in a[0].items():
        assert v == pytest.approx(b[0][k], rel=1e-12), k
    for k, v in a[1].items():
        assert v == pytest.approx(b[1][k], rel=1e-12), k


@pytest.mark.parametrize("seed", [1, 5])
def test_bulk_equals_rebuild_for_a_fresh_history(db_url: str, seed: int) -> None:
    from tests.domain.track.gen import FACTS, history

    rows = history(seed, athletes=1, days=120)
    db = open_database(db_url)
    with db.write(db.local_actor()) as s:
        a = Athlete(name="A", profile={}, limitations=[])
        s.add(a)
        s.flush()
        sessions, sets = _add_sessions(s, a.id, rows)
        aggregates_bulk.refresh_bulk(s, a.id, sessions, sets, COLUMNS, facts=FACTS)
        bulk = _tables(s, a.id)
        aggregates.rebuild(s, a.id, facts=FACTS)
        rebuilt = _tables(s, a.id)
    assert len(bulk[1]) == len({r.day for r in rows})
    _same(bulk, rebuilt)


def test_bulk_leaves_shared_days_and_other_athletes_right(db_url: str) -> None:
    """Old sessions on some of the new days (the SQL path takes those), stale rows on a new day
    (removed, as refresh removes them), and another athlete whose rows must not move."""
    from tests.domain.track.gen import FACTS, history

    rows = history(2, athletes=2, days=60)
    old = [r for r in rows if r.athlete == 0 and r.day.toordinal() % 3 == 0]
    new = [r for r in rows if r.athlete == 0 and r.day.toordinal() % 3 != 0]
    # Old sessions moved onto the first new day share it with the new ones.
    shared_day = new[0].day
    old += [replace(r, session=10_000, day=shared_day) for r in old[:3]]
    other = [r for r in rows if r.athlete == 1]
    db = open_database(db_url)
    with db.write(db.local_actor()) as s:
        a, b = (Athlete(name=n, profile={}, limitations=[]) for n in ("A", "B"))
        s.add_all([a, b])
        s.flush()
        _add_sessions(s, a.id, old)
        _add_sessions(s, b.id, other)
        aggregates.rebuild(s, a.id, facts=FACTS)
        aggregates.rebuild(s, b.id, facts=FACTS)
        before_b = _tables(s, b.id)
        stale = date(1999, 1, 1)
        s.add(DailyLoad(athlete_id=a.id, day=stale, load=1.0, minutes=1.0, sessions=1))
        sessions, sets = _add_sessions(s, a.id, new)
        stale_sid = s.execute(
            insert(TrainingSession).returning(TrainingSession.id),
            [dict(athlete_id=a.id, started_at=datetime(1999, 1, 1, 9), warnings=[])],
        ).scalar_one()
        # The stale day now holds a new session with no sets: one session, no sets.
        sessions.append((stale_sid, datetime(1999, 1, 1, 9), None, None))
        aggregates_bulk.refresh_bulk(s, a.id, sessions, sets, COLUMNS, facts=FACTS)
        bulk = _tables(s, a.id)
        after_b = _tables(s, b.id)
        aggregates.rebuild(s, a.id, facts=FACTS)
        rebuilt = _tables(s, a.id)
    assert bulk[1][stale] == (0.0, 0.0, 1, 0, 0)
    assert shared_day in bulk[1]
    _same(bulk, rebuilt)
    assert after_b == before_b


def test_hand_worked_day(sqlite_url: str) -> None:
    """One session worked by hand (docs/evidence/load-monitoring.md): squat 2 working sets, RPE 8
    and 6 (1 hard), 100 kg × 5 each; a warm-up that counts nowhere; 45 minutes at session RPE 6."""
    from tests.domain.track.gen import FACTS

    db = open_database(sqlite_url)
    with db.write(db.local_actor()) as s:
        a = Athlete(name="A", profile={}, limitations=[])
        s.add(a)
        s.flush()
        start = datetime(2024, 5, 6, 7, 0)
        sid = s.execute(
            insert(TrainingSession).returning(TrainingSession.id),
            [dict(athlete_id=a.id, started_at=start, duration_s=2700, session_rpe=6.0,
                  warnings=[])],
        ).scalar_one()  # fmt: skip
        sets = [
            (sid, a.id, 1, "back-squat", "Squat", "warmup", 60.0, "external", 5, None, None, None),
            (sid, a.id, 2, "back-squat", "Squat", "working", 100.0, "external", 5, 8.0, None, None),
            (sid, a.id, 3, "back-squat", "Squat", "working", 100.0, "external", 5, 6.0, None, None),
        ]
        s.execute(insert(SetEntry), [dict(zip(COLUMNS, x, strict=True)) for x in sets])
        aggregates_bulk.refresh_bulk(s, a.id, [(sid, start, 2700, 6.0)], sets, COLUMNS, facts=FACTS)
        agg, load = _tables(s, a.id)
    d = date(2024, 5, 6)
    assert load == {d: (270.0, 45.0, 1, 2, 2)}  # 6 × 45 min
    assert agg == {
        (d, "squat", "quadriceps"): (1.0, 2, 1000.0, 0),
        (d, "squat", "gluteus-maximus"): (1.0, 0, 1000.0, 0),
        (d, "squat", "adductors"): (0.5, 0, 500.0, 0),
    }
