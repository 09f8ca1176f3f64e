"""The plain record path (legday.app.import_plain) keeps the import's rules: the access rule for
the athlete, one transaction (a value the database refuses leaves nothing behind), the same
errors as the ORM path, a new database made from the snapshot as the full path makes it."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from legday.app import athletes, importing
from legday.app.db import Database, forget_open_databases, open_database
from legday.app.import_summary import NewAthlete
from legday.app.reading import LiteDatabase, open_lite
from legday.domain.access import Actor
from legday.domain.errors import Conflict, LegdayError, NotFound, StorageError
from legday.domain.records import SessionRecord, SetRecord
from legday.interop.common import ParsedFile


def _parsed(**set_fields: object) -> ParsedFile:
    """Two sets; the first with ``set_fields``."""
    first: dict[str, object] = {"reps": 5, "load_kg": 100.0, **set_fields}
    sets = (
        SetRecord(exercise_raw="Squat", position=1, **first),  # type: ignore[arg-type]
        SetRecord(exercise_raw="Squat", position=2, reps=5, load_kg=100.0),
    )
    return ParsedFile("strong", [SessionRecord(datetime(2024, 1, 2, 17, 0), sets, source="strong")])


def _counts(path: Path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as con:
        return tuple(  # type: ignore[return-value]
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("training_session", "set_entry", "daily_load")
        )


def _two_paths(path: Path) -> tuple[Database, LiteDatabase]:
    full = open_database(f"sqlite:///{path}")
    lite = open_lite(f"sqlite:///{path}")
    assert lite is not None
    return full, lite


def test_another_accounts_athlete_is_refused_alike(tmp_path: Path) -> None:
    from legday.store.models import User

    path = tmp_path / "shared.db"
    full, lite = _two_paths(path)
    mine = athletes.add(full, full.local_actor(), "Mine", athletes.AthleteFields()).id
    with full.engine.begin() as conn:
        conn.execute(User.__table__.insert().values(display_name="other", kind="person"))
        uid = conn.scalar(select(User.id).where(User.display_name == "other"))
    other = Actor(user_id=uid)
    messages = []
    for db in (full, lite):
        with pytest.raises(NotFound) as caught:
            importing.import_parsed(db, other, mine, _parsed())
        messages.append(str(caught.value))
        with pytest.raises(NotFound):  # a dry run reads nothing of it either
            importing.import_parsed(db, other, mine, _parsed(), dry_run=True)
    assert messages[0] == messages[1] == f"no athlete with id {mine}"
    assert _counts(path) == (0, 0, 0)
    # their own new athlete of the same name is theirs, not the other account's
    summary = importing.import_parsed(lite, other, NewAthlete("Mine"), _parsed())
    assert summary.sets_added == 2
    with sqlite3.connect(path) as con:
        owners = con.execute("SELECT owner_id FROM athlete ORDER BY id").fetchall()
    assert owners == [(full.local_actor().user_id,), (uid,)]
    forget_open_databases()


def test_an_unknown_athlete_id_is_not_found_alike(tmp_path: Path) -> None:
    path = tmp_path / "one.db"
    full, lite = _two_paths(path)
    for db in (full, lite):
        with pytest.raises(NotFound, match="no athlete with id 4242"):
            importing.import_parsed(db, db.local_actor(), 4242, _parsed())
    assert _counts(path) == (0, 0, 0)
    forget_open_databases()


@pytest.mark.parametrize(
    ("fields", "kind"),
    [({"side": None}, Conflict), ({"reps": 10**30}, StorageError)],
)
def test_a_value_the_database_refuses_leaves_nothing(
    tmp_path: Path, fields: dict[str, object], kind: type[LegdayError]
) -> None:
    """A NOT NULL the database enforces, or a number the driver cannot store: the whole import
    rolls back (the athlete it would have made too) and says nothing was stored."""
    path = tmp_path / "refuses.db"
    lite = open_lite(f"sqlite:///{path}", create=True)
    assert lite is not None
    with pytest.raises(kind) as caught:
        importing.import_parsed(lite, lite.local_actor(), NewAthlete("Sam"), _parsed(**fields))
    assert "nothing was" in f"{caught.value} {caught.value.hint}"
    assert _counts(path) == (0, 0, 0)
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*) FROM athlete").fetchone()[0] == 0


def test_the_check_message_is_the_orm_paths(tmp_path: Path) -> None:
    full, lite = _two_paths(tmp_path / "check.db")
    said = []
    for db in (full, lite):
        with pytest.raises(Conflict) as caught:
            importing.import_parsed(db, db.local_actor(), NewAthlete("Sam"), _parsed(side=None))
        said.append((str(caught.value), caught.value.hint))
    assert said[0] == said[1]
    forget_open_databases()


def test_a_new_file_is_made_as_the_full_path_makes_it(tmp_path: Path) -> None:
    """The standard driver's new file: the snapshot's schema and rows, WAL, the local user."""
    from tests.store.test_schema_snapshot import _contents, _schema

    lite = open_lite(f"sqlite:///{tmp_path / 'deep' / 'lite.db'}", create=True)
    assert lite is not None and lite.local_actor().user_id == 1
    open_database(f"sqlite:///{tmp_path / 'full.db'}")
    forget_open_databases()
    lite_path, full_path = tmp_path / "deep" / "lite.db", tmp_path / "full.db"
    assert _schema(lite_path) == _schema(full_path)
    assert _contents(lite_path) == _contents(full_path)
    with sqlite3.connect(lite_path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # an existing file is used as it is; without ``create`` a missing one is not made
    assert open_lite(f"sqlite:///{lite_path}", create=True) is not None
    assert open_lite(f"sqlite:///{tmp_path / 'missing.db'}") is None
    assert not (tmp_path / "missing.db").exists()
