"""The dashboard's typed parts from a short, hand-worked history (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from tests.helpers import aid, me, run_cli

from legday.app import dashboard
from legday.app.db import open_database

TODAY = date(2026, 11, 10)


def test_the_dashboard_parts_follow_the_history(db_url: str) -> None:
    assert run_cli("athlete", "add", "Ana", "--age", "30", db=db_url).exit_code == 0
    for day, text, rpe, minutes in [
        ("2026-11-02", "back-squat 100x5", "7", "60"),  # Monday of ISO week 45
        ("2026-11-04", "back-squat 100x5", "7", "60"),
        ("2026-11-09", "back-squat 110x5", "8", "50"),  # Monday of week 46
    ]:
        r = run_cli(
            "log", "--date", day, "--session-rpe", rpe, "--minutes", minutes, text, db=db_url
        )
        assert r.exit_code == 0, r.stderr
    db = open_database(db_url)
    board = dashboard.load(db, me(db), aid(db, "Ana"), TODAY)
    assert board.has_training and board.date_to == date(2026, 11, 9)
    # The latest day of the load table: session-RPE 8 × 50 minutes (Foster) = 400 AU.
    assert board.load_today is not None
    assert (board.load_today.day, board.load_today.load) == (date(2026, 11, 9), 400.0)
    # Epley: 110 × (1 + 5/30) = 128.33 kg beats week 45's 100 × (1 + 5/30) = 116.67 kg.
    newest = board.recent_prs[0]
    assert (newest.exercise_id, newest.name, newest.week) == (
        "back-squat",
        "Back Squat",
        "2026-W46",
    )
    assert newest.e1rm_kg == pytest.approx(128.33, abs=0.01)
    assert newest.previous_kg == pytest.approx(116.67, abs=0.01)
    # Week 45 had two strength days (meets the WHO advice), week 46 one.
    assert board.who_weeks.met == 1 and board.who_weeks.weeks >= 2
    assert board.adherence.plan_id is None and board.adherence.share is None
    doc = board.as_json()
    assert doc["load_today"]["date"] == "2026-11-09"
    assert doc["recent_prs"][0]["week"] == "2026-W46" and doc["who_weeks"]["met"] == 1
