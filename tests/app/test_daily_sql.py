"""The daily tables refreshed by SQL the database computes (``legday.store.daily_sql``: one
statement on PostgreSQL) hold exactly the rows of the Python computation, on both databases."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, insert
from tests.app.test_aggregates import _session, _store_history
from tests.app.test_aggregates_bulk import _same, _tables

from legday.app import aggregates
from legday.app.db import open_database
from legday.domain.track.facts import catalog_facts
from legday.store import daily_sql
from legday.store.models import DailyAggregate, DailyLoad
from legday.store.session_rows import SessionRows


def _sql_refresh(s, aid: int, days, facts) -> None:
    table = aggregates.facts_table(facts)
    daily_sql.refresh(SessionRows(s), aid, days, table, aggregates.HARD_RPE, aggregates.HARD_RIR)


def _spoil(s, aid: int, days: list[date]) -> None:
    """Wrong rows the refresh must replace: a day's rows gone, stale ones on a day with
    sessions and on a day without any, a wrong value."""
    s.execute(delete(DailyAggregate).where(DailyAggregate.day == days[0]))
    s.execute(delete(DailyLoad).where(DailyLoad.day == days[1]))
    for day in (days[2], days[-1] + timedelta(days=1)):
        s.execute(
            insert(DailyAggregate).values(
                athlete_id=aid, day=day, pattern="stale", muscle="stale", hard_sets=9.0,
                working_sets=9, tonnage_kg=9.0, contacts=9,
            )
        )  # fmt: skip
    s.execute(
        insert(DailyLoad).values(
            athlete_id=aid, day=days[-1] + timedelta(days=1), load=1.0, minutes=1.0, sessions=1,
            lower_sets=1, all_sets=1,
        )
    )  # fmt: skip


@pytest.mark.parametrize("seed", [2, 7])
def test_sql_refresh_gives_the_python_rows(db_url: str, seed: int) -> None:
    from tests.domain.track.gen import FACTS, history

    rows = history(seed, athletes=2, days=60)
    db = open_database(db_url)
    with db.write(db.local_actor()) as s:
        ids = _store_history(s, rows)
        aid, other = ids[0], ids[1]
        first = min(r.day for r in rows if r.athlete == 0)
        # A session without sets, one of only warm-ups, one late at night, and an exercise id
        # missing from the facts (counted as "other").
        _session(s, aid, datetime.combine(first, datetime.min.time()).replace(hour=6), 30, 5.0, [])
        _session(
            s, aid, datetime.combine(first, datetime.min.time()).replace(hour=23, minute=59),
            20, None, [("back-squat", "warmup", 60.0, 5, None, None)],
        )  # fmt: skip
        _session(
            s, aid, datetime.combine(first, datetime.min.time()).replace(hour=12), None, 7.0,
            [("not-in-facts", "working", 40.0, 8, 8.0, None), (None, "failure", None, 12, None, 3)],
        )  # fmt: skip
        for x in ids.values():
            aggregates.rebuild(s, x, facts=FACTS)  # the Python computation
        want = {x: _tables(s, x) for x in ids.values()}
        days = sorted({r.day for r in rows if r.athlete == 0})
        _spoil(s, aid, days)
        # Every day of the athlete at once, and one day at a time (as after a logged set).
        _sql_refresh(s, aid, [*days, days[-1] + timedelta(days=1)], FACTS)
        for day in days[:5]:
            _sql_refresh(s, aid, [day], FACTS)
        s.expire_all()
        got = _tables(s, aid)
        assert _tables(s, other) == want[other]  # another athlete's rows are left alone
    _same(got, want[aid])
    assert any(k[1] == "other" for k in got[0])
    made_first = {r.session for r in rows if r.athlete == 0 and r.day == first}
    assert got[1][first][2] == len(made_first) + 3  # sessions that day, the three added too


def test_sql_refresh_with_the_catalog_equals_python(db_url: str) -> None:
    """The shipped catalog's facts (hundreds of exercises, contacts per rep, lower-body
    patterns) written into the statement give the Python rows too."""
    facts = catalog_facts()
    ids = sorted(facts)
    jumps = [i for i in ids if facts[i].contacts_per_rep]
    chosen = [ids[0], ids[len(ids) // 2], ids[-1], jumps[0], "back-squat"]
    db = open_database(db_url)
    day = date(2026, 5, 4)
    with db.write(db.local_actor()) as s:
        from tests.app.test_aggregates import _athlete

        aid = _athlete(s)
        for k, ex in enumerate(chosen):
            _session(
                s, aid, datetime(2026, 5, 4, 7 + k), 45, 6.5,
                [(ex, "working", 50.0 + k, 6, 7.5, None), (ex, "drop", None, 10, None, None)],
            )  # fmt: skip
        aggregates.rebuild(s, aid, facts=facts)
        want = _tables(s, aid)
        _spoil(s, aid, [day, day, day])
        _sql_refresh(s, aid, [day, day + timedelta(days=1)], facts)
        s.expire_all()
        got = _tables(s, aid)
    _same(got, want)
    assert want[1][day][2] == len(chosen) and len(want[0]) >= len(chosen)
