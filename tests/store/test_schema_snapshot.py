"""A new SQLite database made from the schema snapshot equals one made by the migrations."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from legday.app.db import forget_open_databases, open_database
from legday.store import migrate, revisions, schema_snapshot
from legday.store.engine import make_engine


def _migrated(path: Path) -> Path:
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    return path


def _schema(path: Path) -> list[tuple[object, ...]]:
    """Every table, index and trigger, with each table's columns in order. The lines inside a
    CREATE TABLE are compared as a sorted list: Alembic's batch migrations write a copied table's
    constraints in an order that varies from run to run, which means nothing to SQLite."""
    con = sqlite3.connect(path)
    try:
        out: list[tuple[object, ...]] = []
        for kind, name, table, sql in con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ):
            if kind == "table" and sql:
                head, *body = sql.splitlines()
                columns = con.execute(f'PRAGMA table_info("{name}")').fetchall()
                out.append((kind, name, table, head, sorted(x.strip(" ,") for x in body), columns))
            else:
                out.append((kind, name, table, sql))
        return out
    finally:
        con.close()


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, without the columns the database fills with the current time."""
    con = sqlite3.connect(path)
    try:
        out: dict[str, list[tuple[object, ...]]] = {}
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            kept = [
                f'"{name}"'
                for _, name, _, _, default, _ in con.execute(f'PRAGMA table_info("{table}")')
                if "CURRENT_TIMESTAMP" not in str(default).upper()
            ]
            out[table] = con.execute(
                f'SELECT {", ".join(kept)} FROM "{table}" ORDER BY 1'
            ).fetchall()
        return out
    finally:
        con.close()


def test_the_snapshot_is_at_the_scripts_head() -> None:
    # Fails after a new migration until `python -m legday.store.schema_snapshot` is run.
    assert schema_snapshot.statements()[0] == revisions.head(), (
        "the schema snapshot is stale: run python -m legday.store.schema_snapshot"
    )


def test_a_new_database_from_the_snapshot_equals_a_migrated_one(tmp_path: Path) -> None:
    migrated = _migrated(tmp_path / "migrated.db")
    fresh = tmp_path / "fresh.db"
    before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    try:
        open_database(f"sqlite:///{fresh}")
    finally:
        forget_open_databases()
    assert _schema(fresh) == _schema(migrated)
    assert _contents(fresh) == _contents(migrated)
    con = sqlite3.connect(fresh)
    try:
        (created,) = con.execute("SELECT created_at FROM app_user WHERE kind = 'local'").fetchone()
        seq = con.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()
    # The local user is stamped when the database is made, not when the snapshot was written.
    assert datetime.fromisoformat(created) >= before - timedelta(seconds=1)
    assert seq == [("training_session", 0)]


def test_a_new_database_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'new.db'}"
    code = (
        "import sys; from legday.app.db import open_database; "
        f"open_database({url!r}); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert _schema(tmp_path / "new.db") == _schema(_migrated(tmp_path / "migrated.db"))


def test_a_snapshot_behind_the_scripts_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    revision, script = schema_snapshot.statements()
    older = [sql for sql in script if "alembic_version" not in sql or "CREATE" in sql]
    monkeypatch.setattr(schema_snapshot, "statements", lambda: ("0001", tuple(older)))
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        assert schema_snapshot.create(engine) is False
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar() == 0
    finally:
        engine.dispose()
    try:  # the migrations make it instead
        open_database(f"sqlite:///{tmp_path / 'new.db'}")
    finally:
        forget_open_databases()
    assert _schema(tmp_path / "new.db") == _schema(_migrated(tmp_path / "migrated.db"))
    assert revision == revisions.head()


def test_a_database_that_holds_anything_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert schema_snapshot.create(engine) is False
    finally:
        engine.dispose()
    assert [row[1] for row in _schema(path)] == ["notes"]
