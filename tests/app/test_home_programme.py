"""Home sessions through the use-case on SQLite and PostgreSQL: one record a day (a correction
replaces it), a pain rating is health data (a link without ``view_health`` sees no day, one
without ``log_for_athlete`` may not record), the pain rule only where the plan carries it."""

from __future__ import annotations

from datetime import date

import pytest

from legday.app import accounts, care_links, home_programme, planning, practice, registration
from legday.app.db import Database, open_database
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound

TODAY = date(2026, 12, 6)


def _person(db: Database, email: str) -> Actor:
    u = registration.register(db, email, "correct horse battery", email.split("@")[0])
    return Actor(u.id)


def test_a_physio_records_and_reads_home_sessions_of_a_client(db_url: str) -> None:
    db = open_database(db_url)
    physio = _person(db, "physio@example.org")
    client = practice.create_client(db, physio, "Edith", given_on=date(2026, 12, 1),
        purpose="home programme", witness="daughter", birth_date=date(1946, 3, 2),
        sex="female")  # fmt: skip
    aid = client.athlete_id
    assert home_programme.load(db, physio, aid, TODAY).pain_rule is None  # no plan yet
    flags = {"goals": ["balance", "strength"], "days": 3, "limitations": ["knee-osteoarthritis"]}
    planning.generate(db, physio, aid, flags, today=TODAY)
    home_programme.record(db, physio, aid, date(2026, 12, 4), "done", 7, False, today=TODAY)
    home_programme.record(db, physio, aid, date(2026, 12, 5), "partly", 3, True, today=TODAY)
    home_programme.record(db, physio, aid, date(2026, 12, 4), "done", 4, True, "ok", today=TODAY)
    got = home_programme.load(db, physio, aid, TODAY)
    assert got.has_plan and got.rows and got.pain_rule is not None
    assert "5 out of 10" in got.pain_rule and "[" not in got.pain_rule  # no source key
    doc = got.as_json()
    assert [(d["date"], d["adherence"], d["pain_during"], d["flags"]) for d in doc["days"]] == [
        ("2026-12-04", "done", 4, []),  # the correction replaced the first record
        ("2026-12-05", "partly", 3, []),
    ]
    with pytest.raises(InvalidInput):
        home_programme.record(db, physio, aid, date(2026, 12, 7), "done", 2, True, today=TODAY)


def test_scopes_decide_who_sees_and_records(db_url: str) -> None:
    db = open_database(db_url)
    owner = _person(db, "ann@example.org")
    aid = int(accounts.me(db, owner).athlete_id or 0)
    home_programme.record(db, owner, aid, date(2026, 12, 5), "done", 2, True, today=TODAY)
    coach = _person(db, "coach@example.org")
    link = care_links.invite(db, coach, role="coach", scopes=["view_training"],
                             athlete_email="ann@example.org")  # fmt: skip
    care_links.accept(db, owner, link.id)
    assert home_programme.load(db, coach, aid, TODAY).days == []  # no view_health
    with pytest.raises(NotFound):
        home_programme.record(db, coach, aid, date(2026, 12, 6), "not", None, None, today=TODAY)
    stranger = _person(db, "ben@example.org")
    with pytest.raises(NotFound):
        home_programme.load(db, stranger, aid, TODAY)
    assert [d.pain_during for d in home_programme.load(db, owner, aid, TODAY).days] == [2]
