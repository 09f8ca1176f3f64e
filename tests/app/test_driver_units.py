"""Plain-SQL units of work on the pooled driver connection (``Database.rows``/``writes``): one
transaction each, errors translated as on the ORM path, a broken connection not pooled again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from tests.helpers import me

from legday.app import athletes
from legday.app.db import forget_open_databases, open_database
from legday.app.sqlite_writers import SHARED_WRITERS_ENV
from legday.domain.errors import Conflict, StorageError
from legday.store.pg_rows import psycopg_sql

NAMES = "SELECT name FROM athlete WHERE owner_id = :owner ORDER BY name"
INSERT = (
    "INSERT INTO athlete (owner_id, name, level, unit, limitations, profile)"
    " VALUES (:owner, :name, 'beginner', 'kg', '[]', '{}') RETURNING id"
)


def test_psycopg_statements_keep_literals_and_casts() -> None:
    assert psycopg_sql("SELECT 1 WHERE id = :id AND x < :x_2") == (
        "SELECT 1 WHERE id = %(id)s AND x < %(x_2)s"
    )
    # a clock in a literal, a cast and a LIKE pattern are not parameters
    sql = "SELECT '18:00:00', n::text FROM t WHERE k LIKE 'web:%' AND a = :a"
    assert (
        psycopg_sql(sql) == "SELECT '18:00:00', n::text FROM t WHERE k LIKE 'web:%%' AND a = %(a)s"
    )


def test_a_unit_commits_whole_or_not_at_all(db_url: str) -> None:
    db = open_database(db_url)
    owner = me(db).user_id
    athletes.add(db, me(db), "Ann", athletes.AthleteFields())
    with db.writes(me(db)) as u:
        new = u.insert_id(INSERT, {"owner": owner, "name": "Bob"})
    assert new > 0
    with pytest.raises(RuntimeError), db.writes(me(db)) as u:
        u.insert_id(INSERT, {"owner": owner, "name": "Cy"})
        raise RuntimeError("boom")
    with pytest.raises(Conflict), db.writes(me(db)) as u:
        u.insert_id(INSERT, {"owner": owner, "name": "Dee"})
        u.insert_id(INSERT, {"owner": owner, "name": "ann"})  # names are unique without case
    with db.rows(me(db)) as u:
        assert [r[0] for r in u.rows(NAMES, {"owner": owner})] == ["Ann", "Bob"]


def test_a_connection_that_broke_is_not_used_again(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("a server connection that the server ends is PostgreSQL's")
    db = open_database(db_url)
    owner = me(db).user_id
    athletes.add(db, me(db), "Ann", athletes.AthleteFields())
    with pytest.raises(StorageError), db.writes(me(db)) as u:
        u.rows("SELECT pg_terminate_backend(pg_backend_pid())", {})
    for _ in range(3):  # whichever pooled connection comes next works
        with db.rows(me(db)) as u:
            assert [r[0] for r in u.rows(NAMES, {"owner": owner})] == ["Ann"]


def test_sqlite_writers_of_all_processes_queue_on_one_file_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a server of several workers, while a unit writes, the lock file beside the database is
    held, so another process's writer waits in the kernel for it (not in SQLite's sleeping busy
    handler); after, it is free."""
    fcntl = pytest.importorskip("fcntl")
    monkeypatch.setenv(SHARED_WRITERS_ENV, "1")  # as `legday serve --workers 2` sets it
    db = open_database(f"sqlite:///{tmp_path / 'club.db'}")
    athletes.add(db, me(db), "Ann", athletes.AthleteFields())
    lock_file = tmp_path / "club.db-writer"

    def free() -> bool:
        fd = os.open(lock_file, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        finally:
            os.close(fd)  # closing drops a lock taken here
        return True

    for unit in (db.writes, db.write):
        with unit(me(db)):
            assert not free()
        assert free()
    with db.rows(me(db)):  # readers take no writer lock
        assert free()


def test_a_person_s_own_commands_leave_no_lock_file_beside_the_database(tmp_path: Path) -> None:
    """Outside a server of several workers, writers queue on a thread lock only: the data folder
    holds the database and nothing legday made beside it."""
    db = open_database(f"sqlite:///{tmp_path / 'mine.db'}")
    athletes.add(db, me(db), "Ann", athletes.AthleteFields())
    with db.writes(me(db)):
        pass
    forget_open_databases()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.db"]


def test_a_pooled_connection_the_server_closed_is_replaced_unseen(db_url: str) -> None:
    """After the server ends an idle pooled connection (a restart, an admin), the next units of
    work on either path get a fresh one: nobody sees an error."""
    if not db_url.startswith("postgresql"):
        pytest.skip("a server that closes connections is PostgreSQL's")
    from sqlalchemy import create_engine, text

    db = open_database(db_url)
    owner = me(db).user_id
    athletes.add(db, me(db), "Ann", athletes.AthleteFields())
    with db.rows(me(db)) as u:
        pid = int(u.rows("SELECT pg_backend_pid()", {})[0][0])
    admin = create_engine(db_url)
    try:
        with admin.connect() as c:
            assert c.scalar(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    finally:
        admin.dispose()
    for _ in range(50):  # the server's goodbye reaches the idle socket
        if not _pid_alive(db_url, pid):
            break
        time.sleep(0.05)
    with db.rows(me(db)) as u:
        assert [r[0] for r in u.rows(NAMES, {"owner": owner})] == ["Ann"]
        assert int(u.rows("SELECT pg_backend_pid()", {})[0][0]) != pid
    assert [a.name for a in athletes.list_all(db, me(db))] == ["Ann"]


def _pid_alive(db_url: str, pid: int) -> bool:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as c:
            return bool(
                c.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid})
            )
    finally:
        engine.dispose()
