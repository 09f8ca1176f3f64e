"""Is this database whole? SQLite's own integrity check, and a sanity query on both backends for
values no legday wrote: another tool's edits (text in a number column, an unknown set type, an
infinite load, a date that is not a date). `legday db check` shows them; a command that trips
over one names it instead of printing a traceback."""

from __future__ import annotations

from sqlalchemy import Connection, text

from legday.domain.records import LOAD_BASES, SET_TYPES, SIDES

# Plausible ranges, as the importers enforce them (interop/cells.py).
MAX_LOAD_KG = 2000
MAX_COUNT = 100_000
MAX_DURATION_S = 366 * 24 * 3600


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _number(col: str, low: float, high: float, sqlite: bool, whole: bool = False) -> str:
    """A condition true for an impossible value in ``col`` (NULL is always allowed)."""
    kinds = "'integer'" if whole else "'integer', 'real'"
    typed = f"typeof({col}) NOT IN ({kinds}, 'null') OR " if sqlite else ""
    # PostgreSQL orders NaN above every number, so NOT BETWEEN catches NaN and ±Infinity too.
    return f"({typed}({col} IS NOT NULL AND NOT ({col} BETWEEN {low} AND {high})))"


def _checks(sqlite: bool) -> list[tuple[str, str, str]]:
    """(table, what is wrong, SQL condition) for each kind of impossible value."""
    n = _number
    stamp = (
        "(typeof(started_at) != 'text' OR started_at NOT GLOB "
        "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*' "
        # substr(): a bare column of DATETIME affinity would compare '9000' as a number.
        "OR substr(started_at, 1, 4) NOT BETWEEN '1900' AND '8999')"
        if sqlite
        else "(started_at < '1900-01-01' OR started_at >= '9000-01-01')"
    )
    return [
        ("set_entry", "load_kg is not a load", n("load_kg", 0, MAX_LOAD_KG, sqlite)),
        ("set_entry", "reps is not a count", n("reps", 0, MAX_COUNT, sqlite, whole=True)),
        ("set_entry", "rpe is not 0-10", n("rpe", 0, 10, sqlite)),
        ("set_entry", "duration_s is not a duration", n("duration_s", 0, MAX_DURATION_S, sqlite)),
        ("set_entry", "seq is not a position", n("seq", 0, 2**31 - 1, sqlite, whole=True)),
        ("set_entry", "set_type is not known", f"set_type NOT IN ({_quoted(SET_TYPES)})"),
        ("set_entry", "load_basis is not known", f"load_basis NOT IN ({_quoted(LOAD_BASES)})"),
        ("set_entry", "side is not known", f"side NOT IN ({_quoted(SIDES)})"),
        ("training_session", "started_at is not a date", stamp),
        ("training_session", "session_rpe is not 0-10", n("session_rpe", 0, 10, sqlite)),
        (
            "training_session",
            "duration_s is not a duration",
            n("duration_s", 0, MAX_DURATION_S, sqlite, whole=True),
        ),
        ("athlete", "body_mass_kg is not a mass", n("body_mass_kg", 0, 1000, sqlite)),
    ]


def integrity(conn: Connection) -> str:
    """'ok', or the first problem SQLite's integrity check finds (PostgreSQL checks its pages
    itself; a query that reads every table is its check)."""
    if conn.dialect.name == "sqlite":
        row = conn.exec_driver_sql("PRAGMA integrity_check(1)").fetchone()
        return str(row[0]) if row else "ok"
    for table in ("athlete", "training_session", "set_entry", "assessment", "plan"):
        conn.exec_driver_sql(f"SELECT count(*) FROM {table}").fetchone()
    return "ok"


def impossible_values(conn: Connection, limit: int = 5) -> list[str]:
    """Rows holding values no legday wrote: ``set_entry row 12: load_kg is not a load``."""
    found: list[str] = []
    sqlite = conn.dialect.name == "sqlite"
    for table, what, condition in _checks(sqlite):
        rows = conn.execute(
            text(f"SELECT id FROM {table} WHERE {condition} ORDER BY id LIMIT :n"),
            {"n": limit},
        ).fetchall()
        found += [f"{table} row {r[0]}: {what}" for r in rows]
        if len(found) >= limit:
            break
    return found[:limit]
