"""SQLite's planner statistics (sqlite_stat1) for a table an import filled from empty, computed
from the columns the import wrote instead of by ANALYZE reading the table back.

ANALYZE scans every index of the table (~0.35 s at a million sets, all on the import's thread
before its commit); here the same counts come from the Polars columns already in memory, on the
staging thread while SQLite is still copying the sets. The rows written are the ones ANALYZE
writes: per index, the row count, then for each prefix of its columns the average number of rows
per distinct value, rounded up (NULLs count as one value), with ANALYZE's own rule that an
average of 2 on nearly distinct keys is written as 1 (SQLite's analyze.c, statGet; the SQLite
documentation of sqlite_stat1: https://sqlite.org/fileformat2.html#stat1tab).
tests/store/test_import_stats.py compares the rows and the query plans with a real ANALYZE.

Only what can be computed exactly is: a table that held rows before the import, an index on an
expression or with a WHERE clause, a column the import did not write, or a SQLite built with
STAT4 (whose samples ANALYZE would also gather) — each leaves the table to ANALYZE."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl
    from sqlalchemy.orm import Session

    from legday.store.import_staging import Part

StatRow = tuple[str, str, str]  # sqlite_stat1's (tbl, idx, stat)
# Per table: (index name, its columns, whether it is UNIQUE). Read on the import's connection
# before the copy (the staging thread must not touch the database).
Indexes = dict[str, list[tuple[str, list[str], bool]]]


def plain_indexes(raw: Any, tables: Sequence[str]) -> Indexes:
    """The indexes of ``tables`` whose stat1 row can be computed from columns, for the tables
    that hold no row yet and whose every index is plain (no expression, no WHERE); ``raw`` is
    the import's sqlite3 connection. Empty when this SQLite gathers STAT4 samples too."""
    options = {str(r[0]) for r in raw.execute("PRAGMA compile_options")}
    if any("STAT4" in o or "STAT3" in o for o in options):
        return {}
    out: Indexes = {}
    for table in tables:
        if raw.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
            continue
        found: list[tuple[str, list[str], bool]] = []
        plain = True
        # index_list: seq, name, unique, origin, partial
        for _seq, name, unique, _origin, partial in raw.execute(f"PRAGMA index_list({table})"):
            cols = [c for _n, _cid, c in raw.execute(f'PRAGMA index_info("{name}")')]
            if partial or any(c is None for c in cols):
                plain = False
                break
            found.append((str(name), [str(c) for c in cols], bool(unique)))
        if plain and found:
            out[table] = found
    return out


def stat_rows(indexes: Indexes, parts: Sequence[Part]) -> dict[str, list[StatRow]]:
    """sqlite_stat1's rows for each table of ``indexes`` that ``parts`` fill (all of its rows:
    the table was empty), from the parts' columns; a table an index column of which no part
    holds is left out (ANALYZE reads it)."""
    import polars as pl

    by_table: dict[str, list[Part]] = {}
    for part in parts:
        if part[0] in indexes:
            by_table.setdefault(part[0], []).append(part)
    out: dict[str, list[StatRow]] = {}
    for table, mine in by_table.items():
        needed = {c for _, cols, _ in indexes[table] for c in cols}
        # A column with one value in every part adds nothing to any count of distinct keys.
        same = _one_value(mine, needed)
        if same is None:
            continue
        varying = sorted(needed - same)
        frames = [_full(frame, constants, varying) for _, frame, constants in mine]
        rows = pl.concat(frames, how="vertical_relaxed") if len(frames) > 1 else frames[0]
        out[table] = [(table, name, _stat(rows, cols, same, unique))
                      for name, cols, unique in indexes[table]]  # fmt: skip
    return out


def _one_value(parts: Sequence[Part], needed: set[str]) -> set[str] | None:
    """The ``needed`` columns that hold one value in every row of ``parts`` (None: a needed
    column is missing from a part)."""
    same: set[str] = set(needed)
    first: dict[str, Any] = {}
    for _, frame, constants in parts:
        for c in needed:
            if c in constants:
                if first.setdefault(c, constants[c]) != constants[c] or constants[c] is None:
                    same.discard(c)
            elif c in frame.columns:
                same.discard(c)
            else:
                return None
    return same


def _full(frame: pl.DataFrame, constants: Mapping[str, Any], columns: list[str]) -> pl.DataFrame:
    """``columns`` of a part, a one-value column made full length."""
    import polars as pl

    return frame.select(
        [pl.col(c) if c in frame.columns
         else pl.lit(constants[c], dtype=pl.Int64 if type(constants[c]) is int else pl.String)
         .alias(c) for c in columns]
    )  # fmt: skip


def _stat(rows: pl.DataFrame, cols: list[str], same: set[str], unique: bool) -> str:
    """``nRow`` then, per prefix of the index's ``cols``, ⌈nRow / distinct⌉ (1 for a 2 on keys
    within 10 % of distinct), as ANALYZE writes it; columns of ``same`` (one value) add no
    distinct key."""
    n = rows.height
    out = [str(n)]
    for k in range(1, len(cols) + 1):
        counted = [c for c in cols[:k] if c not in same]
        if not counted:
            distinct = 1 if n else 0
        elif unique and k == len(cols) and not any(rows[c].null_count() for c in counted):
            distinct = n  # the UNIQUE constraint held for every row the copy stored
        elif len(counted) == 1:
            distinct = rows[counted[0]].n_unique()
        else:
            distinct = rows.select(counted).n_unique()
        out.append(str(_average(n, distinct)))
    return " ".join(out)


def _average(n: int, distinct: int) -> int:
    value = (n + distinct - 1) // distinct if distinct else 0
    if value == 2 and n * 10 <= distinct * 11:
        value = 1
    return value


def write(raw: Any, stats: Mapping[str, list[StatRow]]) -> None:
    """Replace the stat1 rows of the tables in ``stats`` and have this connection's planner load
    them (``ANALYZE sqlite_master`` creates the table if need be and reloads the statistics, as
    ANALYZE itself does; it gathers nothing)."""
    if not stats:
        return
    raw.execute("ANALYZE sqlite_master")
    for table, rows in stats.items():
        raw.execute("DELETE FROM sqlite_stat1 WHERE tbl = ?", (table,))
        raw.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", rows)
    raw.execute("ANALYZE sqlite_master")


# The tables an import fills from columns (legday.store.imports), analysed after a large one.
IMPORT_TABLES = ("training_session", "set_entry", "daily_aggregate", "daily_load")


def countable(s: Session) -> Indexes:
    """On SQLite, the tables an import fills that hold no row yet, with the indexes whose
    statistics legday.store.imports.insert_frames can compute from the columns; call it before
    the import's first write. Empty on PostgreSQL (its ANALYZE samples)."""
    conn = s.connection()
    if conn.dialect.name != "sqlite":
        return {}
    return plain_indexes(conn.connection.driver_connection, IMPORT_TABLES)


def analyze(s: Session, known: Mapping[str, list[StatRow]] | None = None) -> None:
    """Fresh planner statistics for the tables an import fills (inside its transaction: both
    SQLite and PostgreSQL allow it there, and a rollback drops them with the rows). ``known``:
    SQLite's statistics of tables computed from the columns written, stored as they are;
    ANALYZE reads the other tables."""
    conn = s.connection()
    if known and conn.dialect.name == "sqlite":
        write(conn.connection.driver_connection, known)
    for table in IMPORT_TABLES:
        if not known or table not in known:
            conn.exec_driver_sql(f"ANALYZE {table}")
