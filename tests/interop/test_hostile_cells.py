"""Numbers and dates are finite and plausible at the boundary: every importer refuses a
non-finite, overflowing, negative or out-of-range cell and a date outside 1900 … today + 1 year
with ``FILE:LINE: field: …; expected …`` — never a traceback, never a stored inf."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from legday.domain.errors import FileFormatError
from legday.interop import cells, detect, legday_format
from tests.interop.test_formats import FITNOTES_KG, HEVY, _jefit

STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    '2024-01-02 18:00:00,"Legs",1h,"Squat (Barbell)",1,{weight},{reps},0,{secs},"","",\n'
)
FIVE_DIGITS_PLUS = re.compile(r"^x\.csv:\d+: ")


def _refused(data: str | bytes, unit: str | None = "kg", fmt: str | None = None) -> str:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(FileFormatError) as e:
        detect.parse(raw, "x.csv", fmt, unit)  # type: ignore[arg-type]
    message = str(e.value)
    assert FIVE_DIGITS_PLUS.match(message), message  # FILE:LINE first
    assert "\n" not in message and "; expected " in message
    return message


@pytest.mark.parametrize(
    ("weight", "reps", "secs", "field"),
    [
        ("1e400", "5", "0", "weight"),  # reads as inf
        ("1e308", "5", "0", "weight"),  # overflows when snapped to the plate grid
        ("2500", "5", "0", "load_kg"),  # no human lift
        ("100", "1e15", "0", "reps"),
        ("100", "5", "1e400", "seconds"),
    ],
)
def test_strong_cells(weight: str, reps: str, secs: str, field: str) -> None:
    message = _refused(STRONG.format(weight=weight, reps=reps, secs=secs))
    assert message.startswith("x.csv:2: ") and field in message


@pytest.mark.parametrize("stamp", ["0001-01-01 10:00:00", "9999-12-31 10:00:00", "1899-12-31"])
def test_strong_dates_outside_the_window(stamp: str) -> None:
    text = STRONG.format(weight="100", reps="5", secs="0").replace("2024-01-02 18:00:00", stamp)
    message = _refused(text)
    assert "started_at" in message and "1900-01-01" in message


def test_a_date_a_year_ahead_is_the_limit() -> None:
    ahead = cells.latest_day()
    ok = STRONG.format(weight="100", reps="5", secs="0").replace("2024-01-02", ahead.isoformat())
    assert detect.parse(ok.encode(), "x.csv", None, "kg").sessions
    later = date.fromordinal(ahead.toordinal() + 1).isoformat()
    _refused(ok.replace(ahead.isoformat(), later))


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('"normal",225,5,,,8.5', '"normal",1e400,5,,,8.5', "weight"),
        ('"normal",225,5,,,8.5', '"normal",-225,5,,,8.5', "weight"),
        ('"normal",225,5,,,8.5', '"normal",225,99999999999,,,8.5', "reps"),
        ('"normal",,,1.5,540,', '"normal",,,1e400,540,', "distance"),
        ('"normal",,,1.5,540,', '"normal",,,1.5,1e400,', "duration"),
    ],
)
def test_hevy_cells(old: str, new: str, field: str) -> None:
    assert old in HEVY
    assert field in _refused(HEVY.replace(old, new, 1), None)


def test_hevy_mixing_zone_aware_and_naive_times_is_read() -> None:
    mixed = HEVY.replace('"2 Mar 2026, 21:05"', '"2026-03-02T21:05:00+01:00"')
    parsed = detect.parse(mixed.encode(), "x.csv", None, None)
    s = parsed.sessions[0]
    assert s.started_at.tzinfo is None and s.duration_s == 66 * 60  # 19:59 → 21:05 wall time


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("2020-01-01,Squat,Legs,100.0,5", "2020-01-01,Squat,Legs,1e400,5", "weight"),
        ("2020-01-01,Squat,Legs,100.0,5", "0001-01-01,Squat,Legs,100.0,5", "started_at"),
        ("2020-01-01,Squat,Legs,100.0,5", "2020-01-01,Squat,Legs,100.0,1e300", "reps"),
    ],
)
def test_fitnotes_cells(old: str, new: str, field: str) -> None:
    assert field in _refused(FITNOTES_KG.replace(old, new, 1), None)


@pytest.mark.parametrize(
    ("logs", "field"),
    [
        ('2,1,"100x1000000000000",1,2023-11-14,12,"Barbell Squat",10,1\n', "reps"),
        ('2,1,"100x9223372036854775808",1,2023-11-14,12,"Barbell Squat",10,1\n', "reps"),
        ('2,1,"' + "9" * 400 + 'x5",1,2023-11-14,12,"Barbell Squat",10,1\n', "weight"),
    ],
)
def test_jefit_packed_sets(logs: str, field: str) -> None:
    assert field in _refused(_jefit(logs=logs), None)


def _legday_json(**set_fields: object) -> dict[str, object]:
    one = {"exercise_raw": "Squat", "load_kg": 100.0, "reps": 5, **set_fields}
    return {
        "format": "legday",
        "version": legday_format.FORMAT_VERSION,
        "athlete": {"name": "Sam", "unit": "kg"},
        "sessions": [
            {"started_at": "2024-01-02T18:00:00", "sets": [one]},
            {"started_at": "2024-01-03T18:00:00", "sets": [dict(one), dict(one)]},
        ],
        "assessments": [],
    }


def _pretty(doc: object) -> str:
    return json.dumps(doc, indent=2)


def test_legday_json_errors_name_the_line_and_the_path() -> None:
    doc = _legday_json()
    doc["sessions"][1]["sets"][1]["load_kg"] = -5  # type: ignore[index]
    text = _pretty(doc)
    message = _refused(text, None)
    want = text.splitlines()
    line = int(message.split(":")[1])
    # The line holds the opening brace of sessions[1].sets[1]: the second set of session 2.
    assert want[line - 1].strip() == "{" and "sessions[1].sets[1].load_kg" in message
    assert '"load_kg": -5' in "\n".join(want[line - 1 : line + 4])


def test_legday_json_huge_integers_and_depth() -> None:
    text = _pretty(_legday_json(reps=1)).replace('"reps": 1', '"reps": ' + "9" * 5000)
    message = _refused(text, None)
    assert "sessions[0].sets[0]" in message and "5000 digits" in message
    deep = '{"format": "legday", "version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    message = _refused(deep, None, "legday")
    assert "nested deeper" in message and message.startswith("x.csv:1:")


@pytest.mark.parametrize(
    ("field", "value"),
    [("session_rpe", 11), ("session_rpe", -1), ("duration_s", -60), ("started_at", "0001-01-01")],
)
def test_legday_json_session_values(field: str, value: object) -> None:
    doc = _legday_json()
    doc["sessions"][0][field] = value  # type: ignore[index]
    assert f"sessions[0].{field}" in _refused(_pretty(doc), None)


def test_legday_json_refuses_infinity() -> None:
    text = _pretty(_legday_json()).replace('"load_kg": 100.0', '"load_kg": Infinity', 1)
    assert "load_kg" in _refused(text, None)
