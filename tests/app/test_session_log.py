"""`legday log` in plain SQL (legday.app.session_log): the standard sqlite3 driver (a
``LiteDatabase``) and a SQLAlchemy unit of work (``Database.writes``, on SQLite and PostgreSQL)
run the same statements, so they must store the same rows — sessions, sets and the daily
tables — and answer alike, refusals included."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.helpers import me

from legday.app import athletes, care_links, registration
from legday.app.athletes import AthleteFields
from legday.app.db import Database, open_database
from legday.app.entry_checks import Implausible, Repeated
from legday.app.mappings import map_exercise
from legday.app.reading import LiteDatabase, open_lite
from legday.app.session_log import log_session
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput, NotFound
from legday.store.models import DailyAggregate, DailyLoad, SetEntry, TrainingSession

NOW = datetime(2026, 3, 20, 18, 0)
PASSWORD = "correct horse battery staple 42"

# (day, shorthand, options): every kind of set the shorthand writes, two sessions on one day,
# records broken, a name the athlete mapped.
HISTORY: list[tuple[date, str, dict[str, Any]]] = [
    (date(2026, 3, 2), "back-squat w60x5 100x5x3 @8; rdl 80x8,8,7 rir2", {"minutes": 55}),
    (date(2026, 3, 2), "split-squat 20x10/10 L/R; single-leg-stance 3x30s; box-jump 5x5", {}),
    (date(2026, 3, 5), "back-squat 105x5x3 @8.5, 110x3 @9; nordic 3x5; bodyweight-squat bwx15x2",
     {"session_rpe": 7.5, "minutes": 61, "notes": "  felt strong  "}),
    (date(2026, 3, 9), "back-squat 112.5x3 d90x6 f80x8; big bad squat 80x5; "
     "walking-lunge bw+10x5x3; step-up bw-20x8", {"session_rpe": 8}),
    (date(2026, 3, 9), "farmer-carry 40x20mx2; copenhagen-plank-short-lever 3x20s; "
     "step-up 20x10 L", {}),
]  # fmt: skip


def _athlete(db: Database) -> int:
    athletes.add(db, me(db), "Sam", AthleteFields(unit="kg", body_mass_kg=80))
    who = athletes.lookup(db, me(db), "Sam")
    map_exercise(db, me(db), who, "big bad squat", "front-squat")
    return who


def _plain(v: Any) -> Any:
    """A stored value as both backends agree on it (JSON text from SQLite's driver parsed)."""
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, str) and v[:1] in "[{":
        return json.loads(v)
    return v


def _rows(db: Database, actor: Actor | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every stored row of the log the actor (default: the local user) may read, without the
    ids each database hands out."""
    skip = {"id", "session_id", "athlete_id", "created_at"}
    out: dict[str, list[dict[str, Any]]] = {}
    with db.read(actor or me(db)) as s:
        sessions = list(s.scalars(select(TrainingSession).order_by(TrainingSession.id)))
        order = {t.id: i for i, t in enumerate(sessions)}
        sets = sorted(s.scalars(select(SetEntry)), key=lambda x: (order[x.session_id], x.seq))
        for name, found in (
            ("training_session", sessions),
            ("set_entry", sets),
            ("daily_aggregate", s.scalars(select(DailyAggregate))),
            ("daily_load", s.scalars(select(DailyLoad))),
        ):
            rows = [
                {c.name: _plain(getattr(r, c.key)) for c in r.__table__.columns
                 if c.name not in skip}
                for r in found
            ]  # fmt: skip
            if name.startswith("daily"):
                rows.sort(key=lambda r: json.dumps(r, sort_keys=True))
            out[name] = rows
    return out


def _shown(v: Any) -> dict[str, Any]:
    shown = dict(v.as_json())
    shown.pop("id")
    return shown


def test_both_drivers_store_identical_rows(db_url: str, tmp_path: Path) -> None:
    full = open_database(db_url)
    lite_path = tmp_path / "lite.db"
    lite_file = open_database(f"sqlite:///{lite_path}")
    full_sam, lite_sam = _athlete(full), _athlete(lite_file)
    lite = open_lite(f"sqlite:///{lite_path}")
    assert isinstance(lite, LiteDatabase)
    new_records, logged = 0, 0
    for day, text, options in HISTORY:
        a = log_session(full, me(full), full_sam, text, day=day, now=NOW, **options)
        b = log_session(lite, lite.local_actor(), lite_sam, text, day=day, now=NOW, **options)
        assert _shown(a) == _shown(b)
        new_records += len(b.new_records)
        logged += len(b.sets)
    assert new_records >= 2  # the later squats beat the earlier ones
    stored = _rows(lite_file)
    assert stored == _rows(full)
    assert len(stored["training_session"]) == len(HISTORY)
    assert len(stored["set_entry"]) == logged
    assert [r["notes"] for r in stored["training_session"]][2] == "felt strong"
    assert {r["exercise_id"] for r in stored["set_entry"]} >= {
        "front-squat",
        "nordic-hamstring-curl",
    }
    assert stored["daily_load"] and stored["daily_aggregate"]

    # Refusals: the same error on both, and nothing stored by either.
    text, day = HISTORY[0][1], HISTORY[0][0]
    for db, sam, actor in ((full, full_sam, me(full)), (lite, lite_sam, lite.local_actor())):
        with pytest.raises(Repeated):
            log_session(db, actor, sam, text, day=day, now=NOW)
        with pytest.raises(Implausible, match="typo"):
            log_session(db, actor, sam, "back-squat 300x5", day=day, now=NOW)
        with pytest.raises(InvalidInput, match=r"no exercise called|ambiguous"):
            log_session(db, actor, sam, "back-squat 100x5; zzzqqq 10x5", day=day, now=NOW)
    assert _rows(lite_file) == _rows(full) == stored


def _account(db: Database, who: str) -> tuple[Actor, int]:
    u = registration.register(db, f"{who}@example.org", PASSWORD, who.title())
    assert u.athlete_id is not None
    return Actor(u.id), u.athlete_id


def test_the_access_rule_holds_on_the_standard_driver(sqlite_url: str) -> None:
    """Nobody logs for an athlete without the write scope (answered like a missing athlete,
    nothing stored); a coach who may log but not read the training logs, finds no records, and
    leaves the daily tables exact (they follow every set of the day)."""
    db = open_database(sqlite_url)
    owner, ann = _account(db, "ann")
    lite = open_lite(sqlite_url)
    assert lite is not None
    day = date(2026, 3, 2)
    log_session(lite, owner, ann, "back-squat 100x5x3", day=day, now=NOW)
    stranger, _ = _account(db, "sly")
    reader, _ = _account(db, "rita")
    logger, _ = _account(db, "leo")
    for who, scopes in ((reader, ["view_training"]), (logger, ["log_for_athlete"])):
        link = care_links.invite(
            db, who, role="coach", scopes=scopes, athlete_email="ann@example.org"
        )
        care_links.accept(db, owner, link.id)
    before = _rows(db, owner)
    assert len(before["set_entry"]) == 3
    for who in (stranger, reader):
        with pytest.raises(NotFound, match=f"no athlete with id {ann}"):
            log_session(lite, who, ann, "back-squat 120x5", day=day, now=NOW)
    assert _rows(db, owner) == before
    v = log_session(lite, logger, ann, "back-squat 120x5", day=day, now=NOW)
    assert v.new_records == []  # the history it would beat is not the logger's to read
    loads = [r for r in _rows(db, owner)["daily_load"] if r["day"] == day.isoformat()]
    assert [(r["sessions"], r["all_sets"]) for r in loads] == [(2, 4)]
