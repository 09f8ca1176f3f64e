"""Shared fixtures.

``db_url`` gives a fresh, migrated database per test: a SQLite file always, and a PostgreSQL
database too when a server is configured (LEGDAY_TEST_PG_URL, set by .ci/run). Under CI=true a
missing server fails the run instead of skipping (the PostgreSQL half is not optional there).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLES = SHARED / "samples"

PG_URL = os.environ.get("LEGDAY_TEST_PG_URL")
IN_CI = os.environ.get("CI", "").lower() == "true"
_counter = itertools.count()


def samples_dir() -> Path:
    """../shared/samples; skipped only where that folder is absent, never in CI."""
    if not SAMPLES.is_dir():
        if IN_CI:
            pytest.fail(f"{SAMPLES} is missing in CI")
        pytest.skip("../shared/samples is not beside this checkout")
    return SAMPLES


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test ever touches the real user's data folder or database."""
    monkeypatch.setenv("LEGDAY_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LEGDAY_DATABASE_URL", raising=False)
    yield
    from legday.app.db import forget_open_databases

    forget_open_databases()


def _pg_template() -> str:
    """Migrate one template database per test run; each test clones it (fast on PostgreSQL)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert PG_URL
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"legday_tpl_{os.getpid()}"
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    from legday.store import migrate
    from legday.store.engine import make_engine

    eng = make_engine(url)
    migrate.upgrade(eng)
    eng.dispose()
    return name


_template: list[str] = []


def new_pg_database() -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert PG_URL
    if not _template:
        _template.append(_pg_template())
    name = f"legday_t_{os.getpid()}_{next(_counter)}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_template[0]}"'))
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _backends() -> list[str]:
    return ["sqlite", "postgresql"]


def drop_pg_database(url: str) -> None:
    """Drop a test's database once it is done: left behind, a full run's ~900 databases fill
    gigabytes and make every replica's base backup copy them all. Best effort: cleanup must
    never fail the test it follows."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from legday.app.db import forget_open_databases

    forget_open_databases()
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            # FORCE ends connections a test's server thread or pool may still hold.
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    except SQLAlchemyError:
        pass
    finally:
        admin.dispose()


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but LEGDAY_TEST_PG_URL is not set: PostgreSQL tests must run")
        pytest.skip("no PostgreSQL server (set LEGDAY_TEST_PG_URL)")
    url = new_pg_database()
    yield url
    drop_pg_database(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database only (for tests about SQLite itself, or slow ones)."""
    return f"sqlite:///{tmp_path / 'test.db'}"
