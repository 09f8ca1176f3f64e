"""The column reader of Strong files (legday.interop.strong_bulk) gives exactly what the exact
parser gives — sessions, every field of every set, warnings, the unit assumed — or declines (None)
so the exact parser reads the file and words its error. Checked on every Strong sample export and
on generated files with odd cells (hypothesis)."""

from __future__ import annotations

import string
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legday.domain.errors import LegdayError
from legday.interop import cells, strong, strong_bulk
from legday.interop.common import ParsedFile
from tests.conftest import samples_dir

HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)


def _exact(text: str, unit: str | None) -> ParsedFile | Exception:
    try:
        return cells.check_parsed(strong.parse(text, "f.csv", unit), "f.csv")  # type: ignore[arg-type]
    except LegdayError as exc:
        return exc


def _same(text: str, unit: str | None = "kg") -> bool:
    """True when the column reader read the file (and matched the exact parser); False when it
    declined. Any difference fails the test."""
    exact = _exact(text, unit)
    got = strong_bulk.parse(text, text.encode(), "f.csv", unit)  # type: ignore[arg-type]
    # Read in two halves however short the file (legday.interop.strong_bulk_parts).
    halves = strong_bulk.parse(text, text.encode(), "f.csv", unit, split_from=1)  # type: ignore[arg-type]
    assert (halves is None) == (got is None)
    if got is None or halves is None:
        return False
    assert not isinstance(exact, Exception), f"the exact parser refuses this file: {exact}"
    for read in (got, halves):
        assert strong_bulk.as_sessions(read) == exact.sessions
        assert read.warnings == exact.warnings
        assert read.unit_assumed == exact.unit_assumed
        assert read.set_count == exact.set_count
    return True


@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_every_strong_sample_reads_the_same(unit: str) -> None:
    files = sorted((samples_dir() / "strong").glob("*.csv"))
    assert files
    read = 0
    for f in files:
        text = f.read_bytes().decode("utf-8-sig")
        try:
            read += _same(text, unit)
        except AssertionError as exc:
            raise AssertionError(f"{f.name}: {exc}") from None
    assert read >= 1  # plain exports go by columns, not all declined


def test_interleaved_workouts_and_block_numbers() -> None:
    a, b = "2024-01-02 18:00:00,A,1h", "2024-01-03 18:00:00,B,1h"
    rows = [
        f"{a},Squat (Barbell),1,100,5,0,0,,,",
        f"{a},Squat (Barbell),2,100,5,0,0,,,",
        f"{b},Bench Press (Barbell),1,80,5,0,0,,,",
        f"{a},Squat (Barbell),3,100,5,0,0,,,",
        f"{a},Bench Press (Barbell),1,60,8,0,0,,,",
        f"{b},Bench Press (Barbell),2,80,5,0,0,,,",
        f"{a},Squat (Barbell),1,90,5,0,0,,,",
        f"{a},Squat (Barbell),W,0,0,0,0,,,",  # unfinished: counted in its block, not kept
        f"{a},Squat (Barbell),2,90,5,0,0,,,",
    ]
    assert _same("\n".join([HEADER, *rows]) + "\n")


def test_plain_files_only() -> None:
    """A quoted field over two lines, a blank line, a ragged row, a bad number, date or
    duration: declined (the exact parser reads them, or says which line is wrong)."""
    row = "2024-01-02 18:00:00,A,1h,Squat (Barbell),1,100,5,0,0,,,"
    for body in (
        f'{row}\n2024-01-02 18:00:00,A,1h,Squat (Barbell),2,100,5,0,0,"two\nlines",,\n',
        f"{row}\n\n{row}\n",
        f"{row}\n\r\n{row}\n",  # a line holding only CR is blank too
        f"\n{row}\n",  # right after the header
        f"{row}\n{row}\n\n",  # at the end
        f"{row}\n{row},extra\n",
        f"{row}\n{row.replace(',100,', ',1OO,')}\n",
        f"{row}\n{row.replace('2024-01-02', '2024-13-02')}\n",
        f"{row.replace(',1h,', ',1h 5x,')}\n",
    ):
        text = f"{HEADER}\n{body}"
        assert strong_bulk.parse(text, text.encode(), "f.csv", "kg") is None
    # The control: the same row twice is plain, and read (the file's bytes were once left out
    # here, which declined every file whatever its rows).
    plain = f"{HEADER}\n{row}\n{row.replace(',1,100,', ',2,100,')}\n"
    assert _same(plain)


CELLS = st.sampled_from(
    ["", "0", "5", "5.0", "100", "72.5", "1e2", " 8 ", "-3", "abc", "0.0", "250", "12.25"]
)
NAMES = st.sampled_from(
    ["Squat (Barbell)", " Squat (Barbell) ", "Assisted Dip", "Plank", '"Row, Cable"', "", "Ünïcode"]
)
ORDERS = st.sampled_from(["1", "2", "W", "D", "F", "Rest Timer", "Note", "X", "warm up", "3"])
DATES = st.sampled_from(
    ["2024-01-02 18:00:00", "2024-01-02 18:00:00 ", "2024-01-03 07:30:00", "2024-01-03 07:30"]
)
TEXT = st.text(alphabet=string.ascii_letters + " ;'", max_size=6)


@st.composite
def _files(draw: st.DrawFn) -> str:
    rows = []
    for _ in range(draw(st.integers(1, 25))):
        rows.append(
            ",".join(
                [
                    draw(DATES),
                    draw(st.sampled_from(["Legs", "", '"Legs, heavy"'])),
                    draw(st.sampled_from(["1h 5m", "45m", "", "30s"])),
                    draw(NAMES),
                    draw(ORDERS),
                    draw(CELLS),
                    draw(CELLS),
                    draw(CELLS),
                    draw(CELLS),
                    draw(TEXT),
                    draw(TEXT),
                    draw(CELLS),
                ]
            )
        )
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return HEADER + end + end.join(rows) + draw(st.sampled_from([end, ""]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_files(), st.sampled_from(["kg", "lb"]))
def test_generated_files_read_the_same_or_are_declined(text: str, unit: str) -> None:
    _same(text, unit)


def test_the_column_path_checks_the_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """An ASCII file is read as it is; another must be UTF-8 through and through, else the exact
    parser reads it (and words the error)."""
    from legday.app import importing

    monkeypatch.setattr(importing, "COLUMNS_FROM_ROWS", 0)
    row = "2024-01-02 18:00:00,A,1h,Squat (Barbell),1,100,5,0,0,,,"
    plain = f"{HEADER}\n{row}\n".encode()
    accented = plain.replace(b"Squat", "Squät".encode())
    damaged = plain.replace(b"Squat", b"Squ\xe4t")  # Latin-1, not UTF-8
    for data, read in ((plain, True), (accented, True), (damaged, False)):
        got = importing._parse_columns(data, "f.csv", None, "kg")
        assert (got is not None) == read, data
    got = importing._parse_columns(accented, "f.csv", None, "kg")
    assert got is not None and got.bulk is not None
    assert got.bulk.frame["exercise_raw"].to_list() == ["Squät (Barbell)"]


@given(
    st.lists(
        st.from_regex(r"\A[ \t]?\d{4}-[01]\d-[0-3]\d[ T][0-2]\d:[0-6]\d:[0-6]\d[ ]?\Z")
        | st.from_regex(r"\A\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}(:\d{2})?\Z"),
        min_size=1,
        max_size=20,
    )
)
def test_starts_read_at_once_as_fromisoformat_reads_them(texts: list[str]) -> None:
    """A start read by Polars is the one fromisoformat reads; any other is left to it (None)."""
    import polars as pl

    from legday.interop.strong_bulk_cells import _plain_starts

    for text, got in zip(texts, _plain_starts(pl.Series("d", texts)), strict=True):
        if got is None:
            continue
        assert got == datetime.fromisoformat(text.strip()), text


def test_starts_of_days_no_calendar_has_are_left_to_fromisoformat() -> None:
    import polars as pl

    from legday.interop.strong_bulk_cells import _plain_starts

    texts = [
        "2023-02-29 10:00:00",
        "2024-02-29 10:00:00",
        "2024-01-02 18:00:60",
        " 2024-01-02 18:00:00 ",
    ]
    assert _plain_starts(pl.Series("d", texts)) == [
        None, datetime(2024, 2, 29, 10), None, datetime(2024, 1, 2, 18)
    ]  # fmt: skip
