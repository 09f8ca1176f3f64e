"""A large Strong file read in two halves at once (legday.interop.strong_bulk_parts) gives
exactly what it gives read whole: the same sessions in the same order, the same set columns
(places, blocks, dedupe keys, line numbers) and the same warnings in the same order — and when
a workout has rows on both sides of the cut, the file is read whole."""

from __future__ import annotations

import polars as pl
import pytest

from legday.interop import strong_bulk, strong_bulk_lines, strong_bulk_parts
from legday.interop.common import ParsedFile

HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)


def _day(i: int) -> str:
    return f"2024-{1 + i // 28:02d}-{1 + i % 28:02d} 18:00:00"


def _workout(i: int) -> list[str]:
    """Rows of one workout with what the halves must agree on: a superset that comes back to a
    name (block occurrences), an unknown Set Order token, an unfinished row, a note row, a
    timer left running (a session warning) and a workout note."""
    d = _day(i)
    hours = "20h" if i % 5 == 0 else "1h 5m"
    return [
        f"{d},Legs,{hours},Squat (Barbell),W,60,5,0,0,,Felt good,",
        f"{d},Legs,{hours},Squat (Barbell),1,100,5,0,0,,,8",
        f"{d},Legs,{hours},Leg Curl (Machine),1,40,10,0,0,,,",
        f"{d},Legs,{hours},Squat (Barbell),2,100,5,0,0,,,",
        f"{d},Legs,{hours},Leg Curl (Machine),{'X' if i % 3 == 0 else 2},40,10,0,0,,,",
        f"{d},Legs,{hours},Squat (Barbell),3,,,0,0,,,",  # unfinished
        f"{d},Legs,{hours},Squat (Barbell),Note,,,0,0,knees ok,,",
        f"{d},Legs,{hours},Calf Raise,{'Y' if i > 20 else 1},80,12,0,0,,,",
    ]


def _text(rows: list[str]) -> str:
    return HEADER + "\n" + "\n".join(rows) + "\n"


def _read(text: str, split_from: int) -> ParsedFile:
    got = strong_bulk.parse(text, text.encode(), "f.csv", "kg", split_from=split_from)
    assert got is not None and got.bulk is not None
    return got


def _assert_same(a: ParsedFile, b: ParsedFile) -> None:
    assert a.bulk is not None and b.bulk is not None
    assert a.sessions == b.sessions
    assert a.warnings == b.warnings
    assert a.bulk.frame.schema == b.bulk.frame.schema
    assert a.bulk.frame.equals(b.bulk.frame)
    assert a.bulk.heaviest_external_kg == b.bulk.heaviest_external_kg
    assert a.unit_assumed == b.unit_assumed


def test_halves_read_what_the_whole_file_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # on any machine
    text = _text([row for i in range(40) for row in _workout(i)])
    data = text.encode()
    head = strong_bulk_lines.head(text, data, "f.csv", "kg")
    assert strong_bulk_parts.parse_halves(head, data, "f.csv", "kg") is not None
    whole, halves = _read(text, 10**9), _read(text, 1)
    _assert_same(whole, halves)
    # The second half's unknown token "Y" is warned once, at its first row; "X" (both halves)
    # once, in the first half.
    assert sum("'X'" in w for w in whole.warnings) == 1
    assert sum("'Y'" in w for w in whole.warnings) == 1
    assert sum("did not finish" in w for w in whole.warnings) == 1
    assert "40 set row(s)" in next(w for w in whole.warnings if "did not finish" in w)
    assert whole.bulk is not None
    lines = whole.bulk.frame["source_line"].to_list()
    assert lines == sorted(lines) and lines[0] == 2


def test_the_cut_falls_where_a_workout_starts() -> None:
    text = _text([row for i in range(40) for row in _workout(i)])
    data = text.encode()
    head = strong_bulk_lines.head(text, data, "f.csv", "kg")
    skip = strong_bulk_parts.cut(data, head)
    assert skip is not None
    lines = data.split(b"\n")
    assert lines[skip - 1][:19] != lines[skip][:19]  # the line before the cut is another day's
    assert 0.4 < skip / len(lines) < 0.6


def test_a_workout_on_both_sides_of_the_cut_is_read_whole() -> None:
    """Workouts that interleave (rows of one day before and after the middle): the halves would
    split its blocks, so the file is read as one."""
    first = [row for i in range(20) for row in _workout(i)]
    back = [r.replace(_day(19), _day(3)) for r in _workout(19)]  # day 3 again, after the cut
    rows = first + [row for i in range(20, 40) for row in _workout(i)] + back
    text = _text(rows)
    data = text.encode()
    head = strong_bulk_lines.head(text, data, "f.csv", "kg")
    assert strong_bulk_parts.parse_halves(head, data, "f.csv", "kg") is None
    whole = _read(text, 1)  # asked to split: read whole all the same
    _assert_same(whole, _read(text, 10**9))
    assert whole.bulk is not None
    day3 = whole.bulk.frame.filter(pl.col("session") == 3)
    assert day3.height > 6  # the rows from the end joined their workout


def test_a_half_the_reader_declines_declines_the_file() -> None:
    rows = [row for i in range(40) for row in _workout(i)]
    rows[-3] = rows[-3] + ",extra"  # a ragged row near the end: the second half's
    text = _text(rows)
    assert strong_bulk.parse(text, text.encode(), "f.csv", "kg", split_from=1) is None
