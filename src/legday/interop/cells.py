"""The plausibility limits every imported value passes before it can reach the database.

Each importer reads its cells its own way; this module says, once for all of them, what a set and
a session may hold: finite numbers inside human (and PostgreSQL) ranges and dates inside a sane
window. A value outside is refused as ``FILE:LINE: field: what was wrong; expected …`` so the
user can find the row; nothing from the file is stored. docs/import-limits.md lists the limits.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime, timedelta

from legday.domain.errors import FileFormatError
from legday.domain.records import SessionRecord, SetRecord
from legday.interop.common import ParsedFile

# Dates: nobody logged a workout before 1900 (the earliest dated training logs are 20th-century),
# and an export cannot hold a session more than a year ahead of today (a clock or a typo). The
# window also keeps every date arithmetic (weeks, rolling windows) far from datetime's limits.
EARLIEST = date(1900, 1, 1)
AHEAD = timedelta(days=366)

# A load above 2,000 kg is not a lift: the heaviest loads people move on sled leg presses stay
# well below it, and the squat world record is about 500 kg. Loads are kilograms here.
MAX_LOAD_KG = 2000.0
# Reps, contacts: the importers' own cap for a whole count (csvutil.count).
MAX_COUNT = 100_000
# Durations: a session or a timed set longer than a year is a damaged value (csvutil).
MAX_DURATION_S = 366 * 24 * 3600
# Distances: 1,000 km covers any cardio row a training log holds.
MAX_DISTANCE_M = 1_000_000.0
# RPE and session RPE are the 0–10 CR-10 scale (Foster et al. 2001, J Strength Cond Res).
MAX_RPE = 10.0
# Reps in reserve beyond 100 say nothing a coach can use.
MAX_RIR = 100.0
# Integer columns are 32-bit on PostgreSQL: positions and line numbers must fit.
MAX_INT32 = 2**31 - 1


def latest_day(today: date | None = None) -> date:
    return (today or date.today()) + AHEAD


def problem(path: str, line: int | None, field: str, what: str, expected: str) -> FileFormatError:
    return FileFormatError(path, line, f"{field}: {what}", expected)


def _num(
    value: float | None, low: float, high: float, path: str, line: int | None, field: str
) -> None:
    # One chained comparison refuses NaN and ±inf as well as values out of range.
    if value is not None and not low <= value <= high:
        if isinstance(value, float) and not math.isfinite(value):
            raise problem(path, line, field, f"{value} is not a number", "a finite number")
        raise problem(
            path, line, field, f"{value:g} is out of range", f"a value from {low:g} to {high:g}"
        )


def check_set(x: SetRecord, path: str, line: int | None, where: str = "") -> None:
    """Refuse a set whose numbers are not finite and plausible (``where`` prefixes field names,
    e.g. a JSON path)."""
    # The fast path: one expression for the million sets of a large import (NaN fails each test).
    if (
        (x.load_kg is None or 0.0 <= x.load_kg <= MAX_LOAD_KG)
        and (x.reps is None or 0 <= x.reps <= MAX_COUNT)
        and (x.rpe is None or 0.0 <= x.rpe <= MAX_RPE)
        and (x.duration_s is None or 0.0 <= x.duration_s <= MAX_DURATION_S)
        and (x.distance_m is None or 0.0 <= x.distance_m <= MAX_DISTANCE_M)
        and (x.contacts is None or 0 <= x.contacts <= MAX_COUNT)
        and (x.rir is None or 0.0 <= x.rir <= MAX_RIR)
        and 1 <= x.exercise_occurrence <= MAX_INT32
        and 1 <= x.position <= MAX_INT32
        and (x.source_line is None or 0 <= x.source_line <= MAX_INT32)
    ):
        return
    _num(x.load_kg, 0.0, MAX_LOAD_KG, path, line, where + "load_kg")
    _num(x.reps, 0, MAX_COUNT, path, line, where + "reps")
    _num(x.contacts, 0, MAX_COUNT, path, line, where + "contacts")
    _num(x.rpe, 0.0, MAX_RPE, path, line, where + "rpe")
    _num(x.rir, 0.0, MAX_RIR, path, line, where + "rir")
    _num(x.duration_s, 0.0, MAX_DURATION_S, path, line, where + "duration_s")
    _num(x.distance_m, 0.0, MAX_DISTANCE_M, path, line, where + "distance_m")
    _num(x.exercise_occurrence, 1, MAX_INT32, path, line, where + "exercise_occurrence")
    _num(x.position, 1, MAX_INT32, path, line, where + "position")
    _num(x.source_line, 0, MAX_INT32, path, line, where + "source_line")


def check_start(started: datetime, path: str, line: int | None, field: str) -> datetime:
    """A session start inside the sane window, as local wall time (naive): a zone-aware time keeps
    the wall time it was written with, like every other importer's times."""
    if started.tzinfo is not None:
        started = started.replace(tzinfo=None)
    day = started.date()
    if not EARLIEST <= day <= latest_day():
        raise problem(
            path,
            line,
            field,
            f"{day.isoformat()} is outside the dates legday accepts",
            f"a date from {EARLIEST.isoformat()} to {latest_day().isoformat()} (today + 1 year)",
        )
    return started


def check_session(s: SessionRecord, path: str, line: int | None, where: str = "") -> SessionRecord:
    """The session's own values (start, duration, session RPE); returns it with a naive start."""
    started = check_start(s.started_at, path, line, where + "started_at")
    _num(s.duration_s, 0, MAX_DURATION_S, path, line, where + "duration_s")
    _num(s.session_rpe, 0.0, MAX_RPE, path, line, where + "session_rpe")
    return s if started is s.started_at else replace(s, started_at=started)


def check_parsed(parsed: ParsedFile, path: str) -> ParsedFile:
    """Every session and set of an importer's result; a set's line is its source line, a
    session's the line of its first set."""
    checked: list[SessionRecord] = []
    for s in parsed.sessions:
        first = s.sets[0].source_line if s.sets else None
        checked.append(check_session(s, path, first))
        for x in s.sets:
            check_set(x, path, x.source_line)
    parsed.sessions = checked
    return parsed
