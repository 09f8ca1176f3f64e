"""PostgreSQL's bulk path for an import: rows and columns streamed by COPY (psycopg 3) on the
import's own connection, so inside its one transaction — one stream instead of a statement per
row. The caller has checked the access rule for the athlete the rows belong to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl


def copy_rows(
    conn: Any,
    table: str,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    chunk: int,
    done_upto: Callable[[int], None],
) -> None:
    """Tuples laid out as ``columns`` into ``table``; ``done_upto`` after every ``chunk`` rows."""
    raw = conn.connection.driver_connection
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with raw.cursor() as cur, cur.copy(sql) as copy:
        for done in range(0, len(rows), chunk):
            for row in rows[done : done + chunk]:
                copy.write_row(row)
            done_upto(min(done + chunk, len(rows)))


def copy_frame(conn: Any, table: str, frame: pl.DataFrame, constants: dict[str, Any]) -> None:
    """The columns as CSV text (written by Polars) through COPY; one-value columns joined as CSV
    cells too."""
    import polars as pl

    full = frame.with_columns([pl.lit(v, dtype=_dtype(v)).alias(c) for c, v in constants.items()])
    names = list(full.columns)
    # NULL is an unquoted \N; every text cell is quoted, so a text "\N" stays text.
    data = full.write_csv(include_header=False, null_value="\\N", quote_style="non_numeric")
    raw = conn.connection.driver_connection
    sql = f"COPY {table} ({', '.join(names)}) FROM STDIN (FORMAT csv, NULL '\\N')"
    with raw.cursor() as cur, cur.copy(sql) as copy:
        copy.write(data.encode("utf-8"))


def _dtype(v: Any) -> Any:
    import polars as pl

    if v is None:
        return pl.String
    return pl.Int64 if type(v) is int else pl.String
