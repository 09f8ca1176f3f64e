"""A starting server opens its PostgreSQL pool before the first request (app.db.open_pool)."""

from __future__ import annotations

from pathlib import Path

from legday.app.db import open_database, open_server_pool


def test_a_postgresql_pool_is_opened_whole_and_left_open(db_url: str) -> None:
    db = open_database(db_url)
    opened = open_server_pool(db_url)
    if not db_url.startswith("postgresql"):
        assert opened == 0  # SQLite: connections are cheap, nothing opened ahead
        return
    pool = db.engine.pool
    assert opened == pool.size() > 1  # type: ignore[attr-defined]
    assert pool.checkedin() == opened  # type: ignore[attr-defined]
    with db.rows(db.local_actor()) as u:  # and they work
        assert u.rows("SELECT 1", {}) == [(1,)]


def test_a_sqlite_server_makes_no_database_before_its_first_request(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'club.db'}"
    assert open_server_pool(url) == 0
    assert not (tmp_path / "club.db").exists()
