"""Helpers of the column reader of Strong files (legday.interop.strong_bulk): a function of the
exact parser run once per distinct cell text and spread back onto every row, each workout's
first row read on the columns' lists, and the plausible ranges checked on columns. Anything they
cannot read raises :class:`Declined`, and the exact parser reads the file."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from legday.interop import cells
from legday.interop import csvutil as cu

if TYPE_CHECKING:
    import polars as pl

# Reads the lines whole (a separator no plain file holds), and joins cells into one key.
UNIT_SEPARATOR = "\x1f"


class Declined(Exception):
    """Not a plain file (or a bad cell): the exact parser reads it and words any error."""


def col(cols: dict[str, int], key: str) -> str | None:
    return f"c{cols[key]}" if key in cols else None


def mapped(df: pl.DataFrame, source: list[str], fn: Any, dtype: Any, name: str) -> pl.Series:
    """``fn(*texts, first_line)`` on each distinct tuple of ``source`` columns (in order of first
    appearance), spread back onto every row. Several columns are joined into one key first: the
    texts hold no unit separator (legday.interop.strong_bulk checks), and one key column groups
    and joins several times faster than seven."""
    import polars as pl

    key = pl.concat_str(source, separator=UNIT_SEPARATOR) if len(source) > 1 else pl.col(source[0])
    keyed = df.select(key.alias("_key"), *source, "line")
    distinct = keyed.filter(pl.col("_key").is_first_distinct())
    values = [fn(*row) for row in distinct.drop("_key").iter_rows()]
    table = distinct.select("_key").with_columns(pl.Series(name, values, dtype=dtype))
    return keyed.select("_key").join(table, on="_key", how="left", maintain_order="left")[name]


Workout = tuple[str, datetime, str | None, int | None, list[str]]  # key, start, name, s, notes


def workouts(first_rows: pl.DataFrame, cols: dict[str, int], path: str) -> list[Workout]:
    """strong._workout's reading of each workout's first row (start, duration, name, notes) on
    the columns' lists: the same calls on the same texts without a call and a record per
    workout; an unreadable cell sends the file to the exact parser, which words the error."""

    def texts(key: str) -> list[str] | None:
        return first_rows[f"c{cols[key]}"].to_list() if key in cols else None

    dates, durations = texts("date"), texts("duration")
    names, notes = texts("workout_name"), texts("workout_notes")
    assert dates is not None
    starts = _plain_starts(first_rows[f"c{cols['date']}"])
    keys, lines = first_rows["wkey"].to_list(), first_rows["line"].to_list()
    out: list[Workout] = []
    duration_text = cu.duration_text
    for i, key in enumerate(keys):
        started = starts[i]
        if started is None:
            try:
                started = datetime.fromisoformat(dates[i].strip()).replace(tzinfo=None)
            except ValueError:
                raise Declined from None
        seconds = duration_text(durations[i], path, lines[i]) if durations is not None else None
        name = (names[i].strip() or None) if names is not None else None
        note = notes[i].strip() if notes is not None else ""
        out.append((key, started, name, seconds, [note] if note else []))
    return out


# A start written as Strong writes it (ASCII spaces around at most): this shape reads the same
# in Polars as in datetime.fromisoformat, a day that does not exist refused by both (a time per
# workout by Python took 0.2 s at 50,000 workouts).
PLAIN_START = r"^ *\d{4}-\d{2}-\d{2} (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d *$"


def _plain_starts(texts: pl.Series) -> list[datetime | None]:
    """The starts of the texts of PLAIN_START's shape read at once; None for any other text (and
    for a day no calendar has), which fromisoformat then reads or refuses."""
    import polars as pl

    text = pl.col(texts.name)
    read = (
        pl.when(text.str.contains(PLAIN_START))
        .then(text.str.strip_chars(" "))
        .otherwise(None)
        .str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us", strict=False)
    )
    values: list[datetime | None] = texts.to_frame().select(read).to_series().to_list()
    return values


def spread(source: list[str], fn: Any) -> Any:
    """Call ``fn`` with the seven value texts in strong._SET_COLUMNS order (absent ones "")
    from the distinct tuple of ``source`` columns (duplicates removed) plus the line."""
    order = list(dict.fromkeys(source))
    at = [order.index(c) for c in source]

    def call(*row: Any) -> Any:
        return fn(*(row[i] for i in at), row[-1])

    return call


def check_ranges(frame: pl.DataFrame) -> None:
    """cells.check_set over the columns: any value outside → the exact path words the error."""
    import polars as pl

    def within(name: str, low: float, high: float) -> pl.Expr:
        c = pl.col(name)
        return c.is_null() | ((c >= low) & (c <= high))

    ok = frame.select(
        pl.all_horizontal(
            within("load_kg", 0.0, cells.MAX_LOAD_KG),
            within("reps", 0, cells.MAX_COUNT),
            within("rpe", 0.0, cells.MAX_RPE),
            within("duration_s", 0.0, cells.MAX_DURATION_S),
            within("distance_m", 0.0, cells.MAX_DISTANCE_M),
            within("exercise_occurrence", 1, cells.MAX_INT32),
            within("position", 1, cells.MAX_INT32),
            within("source_line", 0, cells.MAX_INT32),
        ).all()
    ).item()
    if not ok:
        raise Declined
