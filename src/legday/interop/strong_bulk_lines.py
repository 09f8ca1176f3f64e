"""The lines of a Strong file as cells, for the column reader (legday.interop.strong_bulk): the
header read and checked, then every line read twice by Polars — whole (the raw row kept with
each set) and split into cells — once each line is known to be one plain record, so that
Polars' CSV reader and Python's agree cell for cell. Anything else raises
:class:`~legday.interop.strong_bulk_cells.Declined` and the exact parser reads the file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from legday.domain.units import Unit
from legday.interop import csvutil as cu
from legday.interop import strong, strong_body
from legday.interop import strong_bulk_cells as cells_of
from legday.interop.strong_bulk_cells import Declined

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class Head:
    """What the header line says: where each column is, how loads are read, the record shape."""

    cols: dict[str, int]
    units: Any
    delim: str
    width: int
    record: str  # the regular expression one plain line matches


def head(text: str, data: bytes, path: str, unit: Unit | None) -> Head:
    header = cu.first_line(text)
    if strong_body.looks_like(header) or not strong.looks_like(header):
        raise Declined
    delim = cu.sniff_delimiter(header)
    head = next(cu.records(header + "\n", path, delim), None)
    if head is None:
        raise Declined
    fields = head[0]
    cols = cu.column_index(fields, strong.ALIASES)
    if any(k not in cols for k in strong.REQUIRED) or ("weight" not in cols and "reps" not in cols):
        raise Declined
    units = strong._units(fields, cols, path, unit)
    width = len(fields)
    # On the bytes: the same answer as on the text (these are ASCII, never inside a multi-byte
    # character), at a fraction of the cost.
    if any(mark in data for mark in (cells_of.UNIT_SEPARATOR.encode(), b"\x00")):
        raise Declined
    if data.find(b"\n") < 0:
        raise Declined
    # Every line one record of exactly ``width`` fields, each unquoted (no quote, no line break)
    # or quoted with doubled inner quotes: then Polars' CSV reader and Python's agree cell for cell.
    d = re.escape(delim)
    cell = f'(?:"(?:[^"]|"")*"|[^"{d}\\r\\n]*)'
    return Head(cols, units, delim, width, f"^{cell}(?:{d}{cell}){{{width - 1}}}$")


def rows(data: bytes, head: Head, skip: int = 1, count: int | None = None) -> pl.DataFrame:
    """The cells of ``count`` lines (all: None) after the first ``skip`` (the header and the
    lines before), one string column per field plus ``raw`` (the line) and ``line`` (its number
    in the file)."""
    import polars as pl

    # Physical lines, as the exact reader counts them (LF only; CR kept out of the raw row): read
    # whole by Polars with a separator and no quote the file does not hold. A blank line (which
    # the exact reader skips but counts) sends the file to the exact parser: Polars keeps it, as
    # a missing value (a line of a lone CR too), so it is found on the column, not by two more
    # scans of the bytes (0.2 s at a million rows). The lines before are skipped by the reader
    # (a slice of the bytes copied 86 MB each time).
    body = pl.read_csv(
        data,
        has_header=False,
        skip_lines=skip,
        n_rows=count,
        new_columns=["raw"],
        separator=cells_of.UNIT_SEPARATOR,
        quote_char=None,
        infer_schema=False,
        raise_if_empty=False,
    )["raw"]
    if body.len() == 0 or body.null_count():  # no row, or a blank line
        raise Declined
    body = body.str.strip_chars_end("\r")
    # Lazily, so the reader's chunks are matched on every core (half the time of the Series').
    matches = body.to_frame("raw").lazy().select(pl.col("raw").str.contains(head.record).all())
    if not bool(matches.collect().item()):
        raise Declined
    df = pl.read_csv(
        data,
        has_header=False,
        skip_lines=skip,
        n_rows=count,
        new_columns=[f"c{i}" for i in range(head.width)],
        separator=head.delim,
        quote_char='"',
        infer_schema=False,
        raise_if_empty=False,
    ).fill_null("")  # an empty cell, quoted or not, is "" as Python's csv reads it
    if df.height != body.len():
        raise Declined
    first = skip + 1
    return df.with_columns(body.alias("raw"), pl.int_range(first, first + df.height).alias("line"))
