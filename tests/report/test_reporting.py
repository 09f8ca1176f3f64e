"""The report use-case's own data: training days and assessment results with their norm bands."""

from __future__ import annotations

from datetime import date, datetime

from legday.app import athletes
from legday.app.assess import record
from legday.app.db import open_database
from legday.app.reporting import NormBand, assessments_in, norm_band, training_days_in
from legday.store.models import TrainingSession
from tests.helpers import me


def _setup(url: str) -> tuple[object, int]:
    db = open_database(url)
    person = athletes.add(
        db, me(db), "Ann", athletes.AthleteFields(birth_date=date(1952, 3, 1), sex="female")
    )
    with db.write(db.local_actor()) as s:
        for when in (
            datetime(2024, 5, 6, 7, 0),
            datetime(2024, 5, 6, 18, 30),  # a second session the same day
            datetime(2024, 5, 8, 9, 0),
            datetime(2024, 6, 1, 9, 0),
        ):
            s.add(TrainingSession(athlete_id=person.id, started_at=when, source="legday"))
    return db, person.id


def test_training_days_count_sessions_per_day_within_the_period(db_url: str) -> None:
    db, aid = _setup(db_url)
    with db.read(db.local_actor()) as s:  # type: ignore[attr-defined]
        every = training_days_in(s, aid, None, None)
        may = training_days_in(s, aid, date(2024, 5, 1), date(2024, 5, 31))
    assert [(d.date, d.sessions) for d in every] == [
        ("2024-05-06", 2),
        ("2024-05-08", 1),
        ("2024-06-01", 1),
    ]
    assert [d.date for d in may] == ["2024-05-06", "2024-05-08"]


def test_assessments_carry_the_normal_range_they_were_scored_with(db_url: str) -> None:
    db, aid = _setup(db_url)
    # 72-year-old woman: Rikli & Jones normal range 10–15 stands
    # (docs/evidence/norms.md#30-second-chair-stand, 70–74).
    record(db, db.local_actor(), aid, "chair-stand-30s", {"value": 9}, taken_on=date(2024, 5, 7))
    record(db, db.local_actor(), aid, "chair-stand-30s", {"value": 12}, taken_on=date(2024, 6, 2))
    with db.read(db.local_actor()) as s:  # type: ignore[attr-defined]
        got = assessments_in(s, aid, None, None)
        june = assessments_in(s, aid, date(2024, 6, 1), None)
    assert [(a.taken_on, a.value, a.rating) for a in got] == [
        ("2024-05-07", 9.0, "below"),
        ("2024-06-02", 12.0, "normal"),
    ]
    band = got[0].band
    assert band is not None and (band.low, band.high) == (10.0, 15.0)
    assert "Rikli" in str(band.source)
    assert got[0].name == "30-second chair stand"
    assert got[0].as_json()["band"]["low"] == 10.0
    assert [a.taken_on for a in june] == ["2024-06-02"]


def test_a_result_without_norms_has_no_band() -> None:
    assert norm_band({"normal_range": None, "sources": []}) is None
    assert norm_band({}) is None
    assert norm_band({"normal_range": [1, 2], "sources": ["A", "B"]}) == NormBand(
        1.0, 2.0, "normal range", "A; B"
    )


def test_period_text_fills_open_ends_from_the_training_days() -> None:
    from dataclasses import replace

    from tests.report.fixtures import report_data

    data = report_data()
    assert data.period_text() == "2020-12-28 – 2021-01-19"
    assert replace(data, date_to=date(2021, 3, 1)).period_text() == "2020-12-28 – 2021-03-01"
    assert replace(data, training_days=[]).period_text() == "no sessions yet"
    assert replace(data, training_days=[], date_from=date(2021, 1, 1)).period_text() == (
        "2021-01-01 – …"
    )
