"""A large Strong file read by columns in two halves at once (legday.interop.strong_bulk): the
column reader spends much of its time on one core (its Python steps, and Polars steps that do not
split), so on a machine with two cores the halves take little more than one.

The file is cut where one workout ends and the next begins, and the halves give exactly what the
whole file gives as long as no workout has rows in both (a workout is read from its rows alone:
its blocks, its sets' places and dedupe keys, its session). That is checked on the workout keys
both halves saw; when a workout does span the cut (an export whose workouts interleave), or a
half is not plain, the caller reads the whole file as one. tests/interop/test_strong_bulk.py
compares both ways.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from legday.interop.strong_bulk_lines import Head

T = TypeVar("T")

# Lines after the middle searched for the end of a workout (a workout has tens of rows).
SEARCH_LINES = 5_000


def at_once(early: Callable[[], T], late: Callable[[], T]) -> tuple[T, T] | None:
    """``early()`` on this thread while ``late()`` runs on another; None when either raised (the
    caller then reads the whole file, which words any error) or the machine has one core."""
    if (os.cpu_count() or 1) < 2:
        return None
    from concurrent.futures import ThreadPoolExecutor

    import polars as pl  # noqa: F401  (imported once here, not by both threads at once)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="legday-read") as other:
        second = other.submit(late)
        try:
            first = early()
        except Exception:
            second.exception()  # the second half finishes before the whole file is read again
            return None
        try:
            return first, second.result()
        except Exception:
            return None


def cut(data: bytes, head: Head) -> int | None:
    """Lines before the first line of the first workout that starts after the middle of the
    file (the header counted); None when none starts within SEARCH_LINES lines."""
    date_i = head.cols["date"]
    num_i = head.cols.get("workout_num")
    at = data.find(b"\n", len(data) // 2) + 1
    if at == 0:
        return None
    before = data.rfind(b"\n", 0, at - 1) + 1  # the line that ends at the middle
    previous = _workout_key(data[before:at], head.delim, date_i, num_i)
    for _ in range(SEARCH_LINES):
        end = data.find(b"\n", at)
        if end < 0:
            return None
        key = _workout_key(data[at:end], head.delim, date_i, num_i)
        if key is None:
            return None  # not a plain line: the whole file decides
        if key != previous:
            return data.count(b"\n", 0, at)
        previous, at = key, end + 1
    return None


def _workout_key(line: bytes, delim: str, date_i: int, num_i: int | None) -> str | None:
    """The workout a line belongs to, as the column reader keys it (date and workout number,
    stripped); None for a line that is not one plain record."""
    try:
        fields = next(csv.reader([line.decode("utf-8").rstrip("\r\n")], delimiter=delim))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if date_i >= len(fields) or (num_i is not None and num_i >= len(fields)):
        return None
    num = fields[num_i].strip() if num_i is not None else ""
    return f"{fields[date_i].strip()}#{num}" if num else fields[date_i].strip()
