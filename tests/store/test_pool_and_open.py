"""A server's share: the pool is sized from the environment, and a database is checked once per
process (not on every request)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from legday.app import db as app_db
from legday.domain.errors import StorageError
from legday.store import engine as store_engine
from legday.store import revisions


def test_pool_size_and_overflow_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEGDAY_DB_POOL_SIZE", "12")
    monkeypatch.setenv("LEGDAY_DB_MAX_OVERFLOW", "3")
    eng = store_engine.make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    try:
        assert eng.pool.size() == 12  # type: ignore[attr-defined]
        assert eng.pool._max_overflow == 3  # type: ignore[attr-defined]
    finally:
        eng.dispose()


def test_without_the_variables_the_defaults_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LEGDAY_DB_POOL_SIZE", raising=False)
    monkeypatch.delenv("LEGDAY_DB_MAX_OVERFLOW", raising=False)
    assert store_engine.pool_settings() == {}


@pytest.mark.parametrize("bad", ["0", "-1", "many", "2.5", "100000"])
def test_a_wrong_pool_size_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("LEGDAY_DB_POOL_SIZE", bad)
    with pytest.raises(StorageError) as err:
        store_engine.pool_settings()
    assert "LEGDAY_DB_POOL_SIZE" in str(err.value)


def test_the_schema_is_checked_once_per_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'once.db'}"
    app_db.open_database(url)  # creates and migrates
    app_db.forget_open_databases()
    calls: list[int] = []
    real = revisions.stored

    def counted(conn: object) -> str | None:
        calls.append(1)
        return real(conn)  # type: ignore[arg-type]

    monkeypatch.setattr(revisions, "stored", counted)
    handles: list[app_db.Database] = []

    def request() -> None:
        handles.append(app_db.open_database(url))

    threads = [threading.Thread(target=request) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    handles.append(app_db.open_database(url))
    assert len(calls) == 1
    assert all(h is handles[0] for h in handles)
