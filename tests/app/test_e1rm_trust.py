"""Issue 13 item 6: one e1RM — Epley over 1–10 reps with an external load, no RPE adjustment —
used by records, analyze, the report and `next`, and stated in each; where `next` uses an
RPE-adjusted estimate it says so and shows legday's e1RM beside it."""

from __future__ import annotations

from datetime import date

import pytest
from tests.helpers import aid, me, run_cli

from legday.app import analytics, athletes, next_session, training
from legday.app.db import open_database
from legday.domain.science.e1rm import DEFINITION, standard
from legday.report.captions import CAPTIONS


def test_the_definition() -> None:
    assert standard(100, 5) == pytest.approx(100 * (1 + 5 / 30))
    assert standard(100, 1) == 100 and standard(100, 10) == pytest.approx(100 * (1 + 10 / 30))
    assert standard(100, 11) is None and standard(0, 5) is None
    assert "Epley" in DEFINITION and "1–10 reps" in DEFINITION and "no RPE" in DEFINITION


def test_records_and_analyze_agree_and_say_so(db_url: str) -> None:
    db = open_database(db_url)
    athletes.add(db, me(db), "Sam", athletes.AthleteFields())
    training.log_session(db, me(db), aid(db, "Sam"), "back-squat 100x5 @8", day=date(2024, 1, 2))
    # 11 reps: outside legday's range — analyze used to take it (1–12), records never did
    training.log_session(db, me(db), aid(db, "Sam"), "back-squat 95x11", day=date(2024, 1, 9))
    doc = analytics.analyze(db, me(db), aid(db, "Sam")).as_json()
    assert [r["week"] for r in doc["e1rm"]["back-squat"]] == ["2024-W01"]
    assert doc["e1rm"]["back-squat"][0]["e1rm_kg"] == pytest.approx(100 * (1 + 5 / 30))
    assert doc["e1rm_definition"] == DEFINITION
    rec = training.records(db, me(db), aid(db, "Sam")).as_json()
    assert rec["exercises"][0]["e1rm"]["value_kg"] == pytest.approx(116.67, abs=0.01)
    assert rec["e1rm_definition"] == DEFINITION
    assert "Epley" in run_cli("records", "-a", "Sam", db=db_url).stdout
    assert "1–10 reps" in CAPTIONS["e1rm-trends"][0]


def test_next_names_the_rpe_adjusted_estimate_and_shows_both(db_url: str) -> None:
    db = open_database(db_url)
    athletes.add(db, me(db), "Sam", athletes.AthleteFields(level="intermediate"))
    training.log_session(db, me(db), aid(db, "Sam"), "back-squat 100x5x3 @8", day=date(2026, 3, 2))
    doc = next_session.next_session(db, me(db), aid(db, "Sam"), date(2026, 3, 5)).as_json()
    squat = doc["exercises"][0]
    assert squat["rule"] == "rpe"
    # RTS chart: 5 @ 8 is 81.1 % → 123.3 kg; Epley 100 × (1 + 5/30) = 116.67 kg beside it
    assert "RPE-adjusted e1RM 123.3" in squat["why"]
    assert "Epley e1RM, no RPE: 116.67 kg" in squat["why"]
    assert doc["e1rm_definition"].startswith(DEFINITION)
