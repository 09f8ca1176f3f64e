"""What every CSV importer shares (docs/evidence/import-formats.md#rules-for-every-csv-importer):
decoding, delimiter sniffing on the header, rows that remember their physical line and raw text,
header aliases, numbers, durations, and the snapping of unit-conversion noise back onto the grid the
user actually typed on."""

from __future__ import annotations

import csv
import hashlib
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from functools import lru_cache
from typing import NamedTuple

from legday.domain.errors import FileFormatError
from legday.domain.units import KG_PER_LB

# A field longer than csv's default limit (131,072 characters) is refused by the reader itself
# and reported as broken CSV; no workout value comes near it. The limit is left untouched
# because it is process-wide.

# Strong's timer left running gives 11–72 h (docs/evidence/import-formats.md#strong-set-order and
# docs/evidence/import-formats.md#the-normalized-set-record: flag above ~6 h).
ABSURD_SESSION_S = 6 * 3600
# The longest single timed set we trust without a warning (a 3-hour cardio row).
ABSURD_SET_S = 3 * 3600
# Beyond a year a duration is not a timer left running but a damaged value: refused.
MAX_DURATION_S = 366 * 24 * 3600


# The largest number any cell may hold: above every workout value and epoch second (~1.8e9),
# small enough that converting or rounding it never overflows. Plausible ranges per field are
# interop/cells.py's.
MAX_CELL = 1e12


# Progress while reading a large file: (lines read, lines in the file). Set by whoever wants it
# (detect.parse's caller) around one parse; parsers stay free of callback plumbing.
PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("progress", default=None)
PROGRESS_EVERY = 25_000  # lines between reports


class Row(NamedTuple):
    """One CSV record: its fields, the physical line it starts on and its raw text.
    (A named tuple: millions are made per import, and it is the cheapest immutable record.)"""

    fields: list[str]
    line: int
    raw: str


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Bytes → text: UTF-8 (BOM stripped), else cp1252 with a warning
    (docs/evidence/import-formats.md#decoding)."""
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data.count(b"\n", 0, exc.start) + 1
            raise FileFormatError(
                path, line, "the file is neither UTF-8 nor Windows-1252 text", "a CSV text export"
            ) from None
        warnings.append(f"{path}: not UTF-8; read as Windows-1252 (check accented names)")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise FileFormatError(path, line, "the file contains NUL bytes", "a CSV text export")
    return text, warnings


def first_line(text: str) -> str:
    end = text.find("\n")
    return (text if end < 0 else text[:end]).rstrip("\r")


def sniff_delimiter(header: str) -> str:
    """`;` or `,`, by counting them on the header line only
    (docs/evidence/import-formats.md#delimiter)."""
    return ";" if header.count(";") > header.count(",") else ","


def rows(text: str, path: str, delimiter: str, start_line: int = 1) -> Iterator[Row]:
    """Every record of ``text`` with its physical start line (quoted fields may span lines)."""
    for fields, line, raw in records(text, path, delimiter, start_line):
        yield Row(fields, line, raw)


def records(
    text: str, path: str, delimiter: str, start_line: int = 1
) -> Iterator[tuple[list[str], int, str]]:
    """:func:`rows` as plain (fields, line, raw) tuples: the fast path for million-row files."""
    # Split on LF only: str.splitlines would also split on CR, U+2028, form feeds… which are
    # ordinary characters inside a quoted field. Physical line = count of LF, as editors show.
    plain = text.split("\n")
    if plain[-1] == "":
        plain.pop()
        feed: Iterable[str] = map(operator.add, plain, itertools.repeat("\n"))
    else:  # the last line has no newline: it is given to the reader as it is
        head = map(operator.add, itertools.islice(plain, len(plain) - 1), itertools.repeat("\n"))
        feed = itertools.chain(head, plain[-1:])
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    before = 0
    hook = PROGRESS.get()
    total = len(plain)
    next_report = PROGRESS_EVERY if hook is not None else total + 1
    while True:
        if before >= next_report and hook is not None:
            hook(before, total)
            next_report = before + PROGRESS_EVERY
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger" in str(exc):
                problem, expected = "a field is longer than 131,072 characters", "shorter fields"
            else:
                problem, expected = f"broken CSV quoting ({exc})", 'quoted fields closed with "'
            raise FileFormatError(path, start_line + before, problem, expected) from None
        after = reader.line_num
        if after == before + 1:
            raw = plain[before].rstrip("\r")
        else:
            raw = "\n".join(plain[before:after]).rstrip("\r\n")
        line = start_line + before
        before = after
        if fields:  # else a blank line
            yield fields, line, raw


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case, no accents, single spaces: how header names and tokens are compared."""
    nfkd = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in nfkd if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def column_index(header: Sequence[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Map our field names to positions through alias tables (never by position,
    docs/evidence/import-formats.md#header-fingerprints)."""
    folded = [fold(h) for h in header]
    found: dict[str, int] = {}
    for key, names in aliases.items():
        for name in names:
            if name in folded:
                found[key] = folded.index(name)
                break
    return found


_NUM = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


# Exports repeat the same few number strings (``100.0``, ``8``, ``0``) on millions of rows: a
# cache of strings already checked makes parsing several times faster (bench/bench_import.py).
_NUMBERS: dict[str, float | None] = {"": None}
_NUMBERS_MAX = 200_000


def number(text: str, path: str, line: int, what: str) -> float | None:
    """``8``, ``8.0``, ``1e3`` → float; empty → None; anything else is a format error."""
    try:
        return _NUMBERS[text]
    except KeyError:
        pass
    t = text.strip()
    if not t:
        return None
    if not _NUM.match(t):
        raise FileFormatError(path, line, f"{what} {_short(t)!r} is not a number", "digits")
    value = float(t)
    if not -MAX_CELL <= value <= MAX_CELL:  # 1e400 reads as inf; 1e308 overflows when rounded
        raise FileFormatError(
            path, line, f"{what}: {_short(t)!r} is beyond any real value", "a finite number"
        )
    if len(_NUMBERS) < _NUMBERS_MAX:
        _NUMBERS[text] = value
    return value


_COUNTS: dict[str, int | None] = {"": None}


def count(text: str, path: str, line: int, what: str) -> int | None:
    """A whole count (reps): float-formatted integers such as ``8.0`` accepted
    (docs/evidence/import-formats.md#numbers)."""
    try:
        return _COUNTS[text]
    except KeyError:
        pass
    value = number(text, path, line, what)
    if value is None:
        return None
    if value < 0 or value > 100_000:
        raise FileFormatError(path, line, f"{what} {value:g} is out of range", "0 or more")
    whole = round(value)
    if len(_COUNTS) < _NUMBERS_MAX:
        _COUNTS[text] = whole
    return whole


def non_negative(text: str, path: str, line: int, what: str) -> float | None:
    value = number(text, path, line, what)
    if value is not None and value < 0:
        raise FileFormatError(path, line, f"{what} {value:g} is negative", "0 or more")
    return value


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|min|m|s|sec)\b")


_DURATIONS: dict[str, int | None] = {}


def duration_text(text: str, path: str, line: int) -> int | None:
    """Strong durations: ``1h 5m``, ``45m``, ``55s``, ``48h 40m``, French ``9min``, or seconds."""
    try:
        return _DURATIONS[text]  # a workout's duration repeats on each of its rows
    except KeyError:
        pass
    seconds = _duration(text, path, line)
    if len(_DURATIONS) < _NUMBERS_MAX:
        _DURATIONS[text] = seconds
    return seconds


def _duration(text: str, path: str, line: int) -> int | None:
    t = text.strip().lower()
    if not t:
        return None
    if _NUM.match(t):
        return _plausible(float(t), text, path, line)
    if ":" in t:
        return clock_seconds(t, path, line)
    parts = _DURATION_PART.findall(t)
    if not parts or _DURATION_PART.sub("", t).strip():
        raise FileFormatError(
            path, line, f"duration {_short(text)!r} is not readable", "like 1h 5m, 45m or 55s"
        )
    factor = {"h": 3600, "hr": 3600, "hrs": 3600, "min": 60, "m": 60, "s": 1, "sec": 1}
    return _plausible(sum(float(v) * factor[u] for v, u in parts), text, path, line)


def _plausible(seconds: float, text: str, path: str, line: int) -> int:
    # Compared before rounding: round(inf) raises, and NaN fails the test.
    if not 0 <= seconds <= MAX_DURATION_S:
        raise FileFormatError(
            path, line, f"duration {_short(text)!r} is longer than a year", "a workout's length"
        )
    return round(seconds)


def clock_seconds(text: str, path: str, line: int) -> int | None:
    """``H:MM:SS`` or ``MM:SS`` → seconds (FitNotes ``Time``)."""
    t = text.strip()
    if not t:
        return None
    parts = t.split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise FileFormatError(path, line, f"time {_short(t)!r} is not readable", "H:MM:SS")
    total = 0
    for p in parts:
        total = total * 60 + int(p)
    return _plausible(total, t, path, line)


def snap_kg(value_kg: float) -> float:
    """Undo export-time conversion noise: the nearer of a 5-g grid and a 0.1-lb grid.

    Strong's "Workout #" layout writes lb entries as kg floats (``22.6796185`` = 50 lb, float32
    artefacts like ``71.32500457763672``) and FitNotes writes kg entries as two-decimal lb
    (``77.16`` = 35 kg) — docs/evidence/import-formats.md#strong-layout-c and
    docs/evidence/import-formats.md#fitnotes. Plates come in 0.25-kg and 1.25-lb steps, so both
    grids are finer than anything a person loads."""
    kg_grid = round(round(value_kg / 0.005) * 0.005, 6)
    lb_grid = round(value_kg / KG_PER_LB, 1) * KG_PER_LB
    return kg_grid if abs(kg_grid - value_kg) <= abs(lb_grid - value_kg) else lb_grid


def key_hash(*parts: object) -> str:
    """A short stable digest for dedupe keys (exercise names can be 300 characters)."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=10).hexdigest()


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def short(text: str, limit: int = 40) -> str:
    """A value shortened for an error message (huge fields must not flood the terminal)."""
    return _short(text, limit)
