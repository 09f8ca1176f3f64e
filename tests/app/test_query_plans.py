"""Lookups that run once per set must use an index, not scan every stored set: the plan SQLite
chooses for each statement is checked, on a database big enough for the planner to care."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from tests.helpers import aid, me

from legday.app import athletes, gym, training
from legday.app.db import forget_open_databases, open_database


def test_saving_a_gym_set_finds_its_dedupe_key_by_index(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    athletes.add(db, me(db), "Ann", athletes.AthleteFields(level="beginner"))
    today = datetime.now().replace(microsecond=0)
    training.log_session(
        db, me(db), aid(db, "Ann"), "back-squat 100x5x3 @8", day=date.today(), now=today
    )
    gs = gym.start(db, me(db), aid(db, "Ann"))
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if "set_entry" in statement and "dedupe_key" in statement.split("WHERE", 1)[-1]:
            seen.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        gym.record(db, me(db), gs.session_id, None)
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    forget_open_databases()
    lookups = [(sql, p) for sql, p in seen if sql.lstrip().upper().startswith("SELECT")]
    assert lookups, "the dedupe lookup was not seen"
    raw = sqlite3.connect(tmp_path / "g.db")
    for sql, params in lookups:
        plan = " ".join(str(r[-1]) for r in raw.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "SCAN set_entry" not in plan, (sql, plan)
        assert "SEARCH set_entry" in plan, (sql, plan)
    raw.close()
