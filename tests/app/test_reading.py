"""The plain read path (legday.app.reading): `next`, `records` and the athlete lookup run the same
plain SQL on the standard sqlite3 driver (a ``LiteDatabase``) as through a SQLAlchemy session
(``Database.rows``), with the access rule in every statement; a file the plain path cannot take
is left to the full ``Database``."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from tests.helpers import aid, me

from legday.app import athletes, care_links, registration, training
from legday.app.athlete_lookup import lookup
from legday.app.athlete_views import list_all
from legday.app.db import Database, open_database
from legday.app.next_session import next_session
from legday.app.reading import LiteDatabase, open_lite
from legday.app.training_records import records
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound

NOW = datetime(2026, 3, 20, 18, 0)
PASSWORD = "correct horse battery staple 42"


def _history(db: Database, name: str = "Sam") -> int:
    athletes.add(db, me(db), name, athletes.AthleteFields(unit="kg"))
    who = aid(db, name)
    for day, text in (
        (date(2026, 3, 2), "back-squat 100x5x3; romanian-deadlift 80x8x3"),
        (date(2026, 3, 5), "back-squat 102.5x5x3 @8; romanian-deadlift 82.5x8x3"),
        (date(2026, 3, 9), "back-squat 105x5x3 @8.5; romanian-deadlift 85x8x2"),
    ):
        training.log_session(db, me(db), who, text, day=day, now=NOW)
    return who


def _lite(path: Path) -> LiteDatabase:
    lite = open_lite(f"sqlite:///{path}")
    assert lite is not None
    return lite


def test_the_plain_path_answers_as_the_session_path(tmp_path: Path) -> None:
    path = tmp_path / "legday.db"
    db = open_database(f"sqlite:///{path}")
    sam = _history(db)
    lite = _lite(path)
    assert lite.local_actor() == me(db)
    day = date(2026, 3, 12)
    assert (
        next_session(lite, me(db), sam, day).as_json()
        == next_session(db, me(db), sam, day).as_json()
    )
    plain_records = records(lite, me(db), sam).as_json()
    assert plain_records == records(db, me(db), sam).as_json()
    squat = next(e for e in plain_records["exercises"] if e["exercise_id"] == "back-squat")
    assert squat["heaviest"]["load_kg"] == 105 and squat["heaviest"]["date"] == "2026-03-09"
    assert lookup(lite, me(db), "SAM") == lookup(db, me(db), "sam") == sam
    assert lookup(lite, me(db), None) == sam  # the only athlete
    fields = athletes.AthleteFields(
        birth_date=date(1990, 5, 17), sex="female", body_mass_kg=61.5, height_cm=168,
        level="intermediate", unit="lb", limitations=("knee-pain",),
    )  # fmt: skip
    athletes.add(db, me(db), "Ann", fields)
    listed = [a.as_json() for a in list_all(lite, me(db))]
    assert listed == [a.as_json() for a in list_all(db, me(db))]
    assert [(a["name"], a["sex"], a["limitations"]) for a in listed] == [
        ("Ann", "female", ["knee-pain"]),
        ("Sam", None, []),
    ]
    with pytest.raises(InvalidInput, match="more than one athlete"):
        lookup(lite, me(db), None)
    with pytest.raises(NotFound, match="no athlete called 'Bea'"):
        lookup(lite, me(db), "Bea")


def _account(db: Database, who: str) -> tuple[Actor, int]:
    u = registration.register(db, f"{who}@example.org", PASSWORD, who.title())
    assert u.athlete_id is not None
    return Actor(u.id), u.athlete_id


@pytest.mark.parametrize("path_kind", ["lite", "session"])
def test_the_access_rule_holds_on_the_plain_statements(
    db_url: str, tmp_path: Path, path_kind: str
) -> None:
    """Another account finds nothing; a coach linked with view_training reads the history; one
    linked with view_assessments only may know the athlete exists (the lookup finds her) but is
    answered as if she were missing when reading her training."""
    if path_kind == "lite" and not db_url.startswith("sqlite"):
        pytest.skip("the standard-driver path is SQLite's")
    db = open_database(db_url)
    owner, athlete = _account(db, "ann")
    training.log_session(db, owner, athlete, "back-squat 100x5x3", day=date(2026, 3, 2), now=NOW)
    stranger, _ = _account(db, "sly")
    coaches = {"trainer": ["view_training"], "tester": ["view_assessments"]}
    actors = {}
    for who, scopes in coaches.items():
        actors[who], _ = _account(db, who)
        link = care_links.invite(
            db, actors[who], role="coach", scopes=scopes, athlete_email="ann@example.org"
        )
        care_links.accept(db, owner, link.id)
    reader = _lite(Path(db_url.removeprefix("sqlite:///"))) if path_kind == "lite" else db
    day = date(2026, 3, 5)

    assert records(reader, owner, athlete).exercises[0].heaviest.load_kg == 100
    for call in (
        lambda: records(reader, stranger, athlete),
        lambda: next_session(reader, stranger, athlete, day),
    ):
        with pytest.raises(NotFound, match=f"no athlete with id {athlete}"):
            call()
    with pytest.raises(NotFound):
        lookup(reader, stranger, "Ann")
    assert records(reader, actors["trainer"], athlete).exercises[0].heaviest.load_kg == 100
    seen = next_session(reader, actors["trainer"], athlete, day)
    assert seen.source == "history" and seen.exercises[0].exercise_id == "back-squat"
    assert lookup(reader, actors["tester"], "Ann") == athlete  # a roster name
    for call in (
        lambda: records(reader, actors["tester"], athlete),
        lambda: next_session(reader, actors["tester"], athlete, day),
    ):
        with pytest.raises(NotFound, match=f"no athlete with id {athlete}"):
            call()


def test_files_the_plain_path_cannot_take_go_to_the_full_database(tmp_path: Path) -> None:
    path = tmp_path / "legday.db"
    assert open_lite(f"sqlite:///{path}") is None  # not there: the full path says so
    db = open_database(f"sqlite:///{path}")
    _history(db)
    assert open_lite(f"sqlite:///{path}") is not None
    assert open_lite(f"sqlite:///{path}?timeout=5") is None  # options: the engine's to read
    assert open_lite("sqlite://") is None  # in memory
    assert open_lite("postgresql+psycopg://u@127.0.0.1:1/x") is None
    with sqlite3.connect(path) as conn:  # an older schema: upgraded by the full path
        conn.execute("UPDATE alembic_version SET version_num = 'older'")
    assert open_lite(f"sqlite:///{path}") is None


def test_everyday_reads_start_without_sqlalchemy(tmp_path: Path) -> None:
    """`legday next`, `legday records`, `legday athlete list` and `legday log` on a SQLite file
    import no SQLAlchemy (most of their start-up cost, bench/bench_cli.py)."""
    path = tmp_path / "legday.db"
    _history(open_database(f"sqlite:///{path}"))
    env = {**os.environ, "LEGDAY_DATABASE_URL": f"sqlite:///{path}"}
    probe = (
        "import sys; from legday.cli.main import main; sys.argv = ['legday', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "print('sqlalchemy' in sys.modules, file=sys.stderr)"
    )
    everyday = (
        ["next", "--json"], ["records", "--json"], ["records"], ["athlete", "list"],
        ["log", "back-squat 100x5x3; romanian-deadlift 80x8", "--json"],
        ["log", "back-squat 100x5x3; romanian-deadlift 80x8", "--again"],
    )  # fmt: skip
    for args in everyday:
        run = subprocess.run(
            [sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        assert run.stderr.strip().splitlines()[-1] == "False", args
        assert "Sam" in run.stdout
