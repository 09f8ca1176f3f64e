"""The club view shows each athlete's latest readiness check-in beside the load flags and counts
a flagged one in the attention sort (today's 2, a stale one 1), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from tests.helpers import aid, me

from legday.app import analytics, athletes, readiness
from legday.app.db import Database, open_database

AS_OF = date.today() - timedelta(days=40)  # a past day: check-ins may not lie in the future
# Totals 18, 19, 17, 18, 20, 16, 18 (mean 18, SD 1.2910), as in tests/domain/assess.
ROWS = [(3, 3), (4, 3), (2, 3), (3, 3), (4, 4), (2, 2), (3, 3)]
NAMES = ("fatigue", "sleep", "soreness", "stress", "mood")


def _items(*answers: int) -> dict[str, int]:
    return dict(zip(NAMES, answers, strict=True))


def _baseline(db: Database, who: str, last: date) -> None:
    for i, (f, s) in enumerate(ROWS):
        readiness.record(
            db, me(db), aid(db, who), _items(f, s, 4, 4, 4), day=last - timedelta(days=6 - i)
        )


def _db(url: str) -> Database:
    db = open_database(url)
    for name in ("Ana", "Ben", "Cal", "Dee", "Eve"):
        athletes.add(db, me(db), name, athletes.AthleteFields(unit="kg"))
    # Ana: a clear drop today (total 15, z −2.32). Ben: the same drop, yesterday (stale).
    # Cal: an ordinary day today. Dee: never checked in. Eve: only check-ins 30+ days old.
    _baseline(db, "Ana", AS_OF - timedelta(days=1))
    readiness.record(db, me(db), aid(db, "Ana"), _items(2, 2, 3, 4, 4), day=AS_OF)
    _baseline(db, "Ben", AS_OF - timedelta(days=2))
    readiness.record(
        db, me(db), aid(db, "Ben"), _items(2, 2, 3, 4, 4), day=AS_OF - timedelta(days=1)
    )
    _baseline(db, "Cal", AS_OF - timedelta(days=1))
    readiness.record(db, me(db), aid(db, "Cal"), _items(3, 3, 4, 4, 4), day=AS_OF)
    readiness.record(
        db, me(db), aid(db, "Eve"), _items(1, 1, 1, 1, 1), day=AS_OF - timedelta(days=30)
    )
    return db


def test_latest_readiness_stands_beside_the_load_flags_and_sorts_by_attention(
    db_url: str,
) -> None:
    db = _db(db_url)
    club = analytics.club_view(db, me(db), as_of=AS_OF).as_json()
    rows = {r["athlete"]: r for r in club["athletes"]}
    ana, ben, cal = rows["Ana"]["readiness"], rows["Ben"]["readiness"], rows["Cal"]["readiness"]
    assert ana["flagged"] and not ana["stale"] and ana["total_z"]["z"] == -2.32
    assert ben["flagged"] and ben["stale"] and ben["days_old"] == 1
    assert not cal["flagged"] and not cal["stale"] and cal["total_z"]["z"] == 0.0
    assert rows["Dee"]["readiness"] is None
    assert rows["Eve"]["readiness"] is None  # 30 days old: says nothing about today
    # No athlete has a session: each gets 1 for "no session yet"; the readiness flag adds 2
    # today, 1 when stale.
    assert [(r["athlete"], r["attention"]) for r in club["athletes"]] == [
        ("Ana", 3), ("Ben", 2), ("Cal", 1), ("Dee", 1), ("Eve", 1),
    ]  # fmt: skip
    assert "readiness below usual (z -2.3)" in rows["Ana"]["attention_reasons"]
    assert any("(stale)" in w for w in rows["Ben"]["attention_reasons"])
    assert not any("readiness" in w for w in rows["Cal"]["attention_reasons"])
    assert rows["Ana"]["test_flags"] == []  # the check-in stores no flag of its own


def test_the_view_as_of_an_earlier_day_ignores_later_check_ins(db_url: str) -> None:
    db = _db(db_url)
    club = analytics.club_view(db, me(db), as_of=AS_OF - timedelta(days=1)).as_json()
    rows = {r["athlete"]: r for r in club["athletes"]}
    assert rows["Ben"]["readiness"]["flagged"] and not rows["Ben"]["readiness"]["stale"]
    # Ana's day before: the last baseline day, with six earlier check-ins: building
    ana = rows["Ana"]["readiness"]
    assert ana["building_baseline"] and ana["baseline_n"] == 6 and not ana["flagged"]
    assert not ana["stale"]


def test_the_club_table_has_a_readiness_column(db_url: str) -> None:
    from tests.helpers import run_cli

    _db(db_url)
    r = run_cli("analyze", "--club", "--as-of", AS_OF.isoformat(), db=db_url)
    assert r.exit_code == 0, r.stderr
    assert "readi" in r.stdout and "below" in r.stdout and "stale" in r.stdout
    assert "McLean 2010" in r.stdout
