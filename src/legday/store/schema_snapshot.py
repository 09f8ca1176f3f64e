"""A new SQLite database made from a snapshot of the schema instead of by replaying migrations.

Replaying the six migrations on a new file costs Alembic's import (~90 ms) and its batch
table copies (~0.2 s idle), paid by every first command on a new database: a user's first
import, every test database. The snapshot is what the migrations leave behind, written once as
SQL (``schema_sqlite.sql`` beside this module), so a new file takes a few milliseconds.

The migrations stay the authority: ``python -m legday.store.schema_snapshot`` rewrites the
snapshot from them, and tests/store/test_schema_snapshot.py fails when the snapshot and a
database made by the migrations differ in any table, index, constraint or seeded row. A snapshot
of an older revision than the scripts' head is never used (the caller migrates instead).

Seeded rows are stored without the columns whose default is CURRENT_TIMESTAMP, so the local
user's ``created_at`` is the moment the database was made, as with the migrations.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from legday.store import revisions

if TYPE_CHECKING:
    from sqlalchemy import Engine

SNAPSHOT = Path(__file__).with_name("schema_sqlite.sql")
_REVISION_LINE = re.compile(r"^-- revision: (\S+)$", re.MULTILINE)


def dump(path: Path) -> str:
    """The snapshot text of the SQLite database at ``path``: its revision, its tables, seeded
    rows, AUTOINCREMENT high-water marks, then indexes and triggers, one statement each."""
    con = sqlite3.connect(path)
    try:
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        objects = con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).fetchall()
        tables = [(name, sql) for kind, name, sql in objects if kind == "table"]
        out = [f"-- legday's SQLite schema, made by its migrations\n-- revision: {revision}"]
        out += [f"{sql};" for _, sql in tables]
        for name, _ in tables:
            out += _rows(con, name)
        out += [
            f"INSERT INTO sqlite_sequence (name, seq) VALUES ({_quote(con, n)}, {seq});"
            for n, seq in con.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
        ]
        out += [f"{sql};" for kind, _, sql in objects if kind != "table"]
        return "\n".join(out) + "\n"
    finally:
        con.close()


def _quote(con: sqlite3.Connection, value: object) -> str:
    return str(con.execute("SELECT quote(?)", (value,)).fetchone()[0])


def _rows(con: sqlite3.Connection, table: str) -> list[str]:
    """INSERTs for the rows a migration seeded, leaving out columns the database fills with the
    current time when the row goes in."""
    columns = [
        name
        for _, name, _, _, default, _ in con.execute(f'PRAGMA table_info("{table}")')
        if not (default and "CURRENT_TIMESTAMP" in str(default).upper())
    ]
    listed = ", ".join(f'"{c}"' for c in columns)
    quoted = ", ".join(f'quote("{c}")' for c in columns)
    return [
        f'INSERT INTO "{table}" ({listed}) VALUES ({", ".join(values)});'
        for values in con.execute(f'SELECT {quoted} FROM "{table}" ORDER BY rowid')
    ]


@cache
def statements() -> tuple[str, tuple[str, ...]]:
    """The snapshot's revision and its statements (split where SQLite says a statement ends)."""
    text = SNAPSHOT.read_text(encoding="utf-8")
    found = _REVISION_LINE.search(text)
    if found is None:
        raise ValueError(f"{SNAPSHOT.name} names no revision")
    out: list[str] = []
    pending = ""
    for line in text.splitlines(keepends=True):
        if not pending and line.startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"{SNAPSHOT.name} ends inside a statement")
    return found.group(1), tuple(out)


def _at_head() -> tuple[str, ...] | None:
    """The snapshot's statements when it is at the scripts' head; None when it is not there, not
    readable or behind (the migrations then make the schema)."""
    try:
        revision, script = statements()
    except (OSError, ValueError, revisions.UnreadableScripts):
        return None
    try:
        return script if revision == revisions.head() else None
    except revisions.UnreadableScripts:
        return None


def create(engine: Engine) -> bool:
    """Make the schema in the empty SQLite database of ``engine`` from the snapshot, in one
    transaction under the write lock. False (and nothing done) when the snapshot is not at the
    scripts' head or the database holds anything: the caller migrates, or refuses, as before."""
    script = _at_head()
    if script is None:
        return False
    with engine.begin() as conn:  # BEGIN IMMEDIATE: a second first user waits, then sees tables
        if conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
            return False
        for sql in script:
            conn.exec_driver_sql(sql)
    return True


def create_file(conn: sqlite3.Connection) -> bool:
    """:func:`create` on the standard sqlite3 driver (a connection without implicit
    transactions): a first import on a new file then starts without SQLAlchemy. The same
    guard: the write lock first (BEGIN IMMEDIATE), so of two processes starting at once one makes
    the schema and the other finds it made; False (nothing done) when the database holds
    anything or the snapshot is not at the scripts' head."""
    script = _at_head()
    if script is None:
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            conn.execute("ROLLBACK")
            return False
        for sql in script:
            conn.execute(sql)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return True


def write() -> Path:
    """Rewrite the snapshot from a database the migrations make now."""
    from legday.store import migrate
    from legday.store.engine import make_engine

    with tempfile.TemporaryDirectory(prefix="legday-schema-") as folder:
        path = Path(folder) / "schema.db"
        engine = make_engine(f"sqlite:///{path}")
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        SNAPSHOT.write_text(dump(path), encoding="utf-8")
    statements.cache_clear()
    return SNAPSHOT


if __name__ == "__main__":
    print(f"wrote {write()}", file=sys.stderr)
