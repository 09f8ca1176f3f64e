"""Hevy ``workouts.csv`` → sessions (docs/evidence/import-formats.md#hevy). Units come from the
column names (``weight_kg``/``weight_lbs``, ``distance_km``/``distance_miles``); time stamps in
every style seen: ``27 Feb 2026, 16:26``, unpadded hours, US ``May 7, 2026, 6:13 AM``, localized
months."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from legday.domain.errors import FileFormatError
from legday.domain.records import SessionRecord, SetRecord, SetType
from legday.domain.units import KG_PER_LB, Unit
from legday.interop import csvutil as cu
from legday.interop.common import (
    BlockCounter,
    ParsedFile,
    check_unit,
    dedupe_key,
    duration_warning,
    load_basis,
)
from legday.interop.strong import METERS_PER_KM, METERS_PER_MILE

SOURCE = "hevy"
REQUIRED = ("title", "start_time", "end_time", "exercise_title", "set_type")
SET_TYPES: dict[str, SetType] = {
    "normal": "working",
    "warmup": "warmup",
    "dropset": "drop",
    "failure": "failure",
}

# Month names of en/fr/de/es/pt/it/nl, folded (no accents). A token names a month when it is a
# prefix (3+ letters) of names of exactly one month — "mar" is March in all seven languages.
MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "janvier", "januar", "enero", "janeiro", "gennaio", "januari"),
    2: ("february", "fevrier", "februar", "febrero", "fevereiro", "febbraio", "februari"),
    3: ("march", "mars", "marz", "marzo", "marco", "maart", "mrt"),
    4: ("april", "avril", "abril", "aprile"),
    5: ("may", "mai", "mayo", "maio", "maggio", "mei"),
    6: ("june", "juin", "juni", "junio", "junho", "giugno"),
    7: ("july", "juillet", "juli", "julio", "julho", "luglio"),
    8: ("august", "aout", "agosto", "augustus"),
    9: ("september", "septembre", "septiembre", "setembro", "settembre", "sept"),
    10: ("october", "octobre", "oktober", "octubre", "outubro", "ottobre"),
    11: ("november", "novembre", "noviembre", "novembro"),
    12: ("december", "decembre", "dezember", "diciembre", "dezembro", "dicembre"),
}

_DAY_FIRST = re.compile(
    r"^(\d{1,2})\.?\s+(?:de\s+)?([a-z]+)\.?\s+(?:de\s+)?(\d{4}),?\s+(?:a las\s+|um\s+|a\s+)?"
    r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(m\.?)?$"
)
_MONTH_FIRST = re.compile(
    r"^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(m\.?)?$"
)


def looks_like(header: str) -> bool:
    cells = {c.strip().strip('"') for c in header.split(",")}
    return {"title", "start_time", "exercise_title"} <= cells


def month_number(token: str) -> int | None:
    t = cu.fold(token).rstrip(".")
    if len(t) < 3:
        return None
    hits = {m for m, names in MONTHS.items() for n in names if n.startswith(t)}
    return hits.pop() if len(hits) == 1 else None


def parse_time(text: str) -> datetime | None:
    """One Hevy time stamp, or None when it is in no form we know."""
    t = cu.fold(text)
    if not t:
        return None
    try:
        # A zone-aware stamp keeps its wall time: the other rows are local times without a zone.
        return datetime.fromisoformat(t).replace(tzinfo=None)
    except ValueError:
        pass
    m = _DAY_FIRST.match(t)
    if m:
        day, mon, year, hour, minute, sec, ampm = m.group(1, 2, 3, 4, 5, 6, 7)
    else:
        m = _MONTH_FIRST.match(t)
        if not m:
            return None
        mon, day, year, hour, minute, sec, ampm = m.group(1, 2, 3, 4, 5, 6, 7)
    month = month_number(mon)
    if month is None:
        return None
    h = int(hour)
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm == "p" else 0)
    try:
        return datetime(int(year), month, int(day), h, int(minute), int(sec or 0))
    except ValueError:
        return None


@dataclass
class _Workout:
    started_at: datetime
    key: str
    name: str | None
    duration_s: int | None
    notes: str | None
    sets: list[SetRecord] = field(default_factory=list)
    blocks: BlockCounter = field(default_factory=BlockCounter)
    last_block: tuple[str, int] | None = None


def parse(text: str, path: str, unit: Unit | None) -> ParsedFile:
    it = cu.rows(text, path, ",")
    head = next(it, None)
    if head is None:
        raise FileFormatError(path, 1, "the file is empty", "a Hevy workouts.csv export")
    names = [h.strip() for h in head.fields]
    col = {n: i for i, n in enumerate(names)}
    missing = [k for k in REQUIRED if k not in col]
    if missing:
        raise FileFormatError(
            path, 1, f"the header lacks {', '.join(missing)}", "Hevy's workouts.csv header"
        )
    weight_col, weight_unit = _weight_column(col, path, unit)
    dist_col, dist_per = _distance_column(col)
    width = len(names)
    workouts: dict[str, _Workout] = {}
    warnings: list[str] = []
    times: dict[str, datetime] = {}
    for row in it:
        f = row.fields
        if len(f) != width:
            raise FileFormatError(
                path,
                row.line,
                f"row has {len(f)} fields, the header has {width}",
                f"{width} fields",
            )
        w = _workout(f, col, row, path, workouts, times, warnings)
        exercise = f[col["exercise_title"]].strip()
        if not exercise:
            raise FileFormatError(path, row.line, "exercise_title is empty", "a name")
        kind = SET_TYPES.get(f[col["set_type"]].strip().lower())
        if kind is None:
            raise FileFormatError(
                path,
                row.line,
                f"set_type {cu.short(f[col['set_type']])!r} is not known",
                "normal, warmup, dropset or failure",
            )
        w.sets.append(
            _set(f, col, row, path, exercise, kind, w, weight_col, weight_unit, dist_col, dist_per)
        )
    # Hevy writes newest first; sessions go out oldest first like every other importer.
    sessions = [_session(w, warnings, path) for w in workouts.values()]
    sessions.sort(key=lambda s: s.started_at)
    return ParsedFile("hevy", sessions, warnings)


def _weight_column(col: dict[str, int], path: str, unit: Unit | None) -> tuple[int | None, Unit]:
    if "weight_kg" in col:
        return col["weight_kg"], check_unit(path, unit, "kg", "column weight_kg")
    if "weight_lbs" in col:
        return col["weight_lbs"], check_unit(path, unit, "lb", "column weight_lbs")
    raise FileFormatError(path, 1, "the header has no weight column", "weight_kg or weight_lbs")


def _distance_column(col: dict[str, int]) -> tuple[int | None, float]:
    for name, per in (
        ("distance_km", METERS_PER_KM),
        ("distance_miles", METERS_PER_MILE),
        ("distance_meters", 1.0),
    ):
        if name in col:
            return col[name], per
    return None, 1.0


def _workout(
    f: list[str],
    col: dict[str, int],
    row: cu.Row,
    path: str,
    workouts: dict[str, _Workout],
    times: dict[str, datetime],
    warnings: list[str],
) -> _Workout:
    title, start, end = f[col["title"]], f[col["start_time"]], f[col["end_time"]]
    key = f"{start}|{end}|{title}"
    w = workouts.get(key)
    if w is not None:
        return w
    started = _time(start, row.line, path, times)
    ended = _time(end, row.line, path, times) if end.strip() else None
    duration = int((ended - started).total_seconds()) if ended else None
    if duration is not None and not 0 <= duration <= cu.MAX_DURATION_S:
        warnings.append(f"{path}:{row.line}: end_time is not a plausible end; duration left out")
        duration = None
    notes = f[col["description"]].strip() or None if "description" in col else None
    name = title.strip()
    w = _Workout(started, f"{started.isoformat()}|{name[:200]}", name or None, duration, notes)
    workouts[key] = w
    return w


def _time(text: str, line: int, path: str, cache: dict[str, datetime]) -> datetime:
    got = cache.get(text)
    if got is None:
        got = parse_time(text)
        if got is None:
            raise FileFormatError(
                path,
                line,
                f"time {cu.short(text)!r} is not readable",
                "like 27 Feb 2026, 16:26 or May 7, 2026, 6:13 AM",
            )
        cache[text] = got
    return got


def _set(
    f: list[str],
    col: dict[str, int],
    row: cu.Row,
    path: str,
    exercise: str,
    kind: SetType,
    w: _Workout,
    weight_col: int | None,
    weight_unit: Unit,
    dist_col: int | None,
    dist_per: float,
) -> SetRecord:
    line = row.line
    weight = (
        cu.non_negative(f[weight_col], path, line, "weight") if weight_col is not None else None
    )
    load_kg: float | None = None
    if weight:
        load_kg = weight * KG_PER_LB if weight_unit == "lb" else weight
    reps = cu.count(f[col["reps"]], path, line, "reps") if "reps" in col else None
    dist = cu.non_negative(f[dist_col], path, line, "distance") if dist_col is not None else None
    secs = (
        cu.non_negative(f[col["duration_seconds"]], path, line, "duration_seconds")
        if "duration_seconds" in col
        else None
    )
    rpe = cu.non_negative(f[col["rpe"]], path, line, "rpe") if "rpe" in col else None
    if rpe is not None and (rpe == 0 or rpe > 10):
        rpe = None
    occ, pos = w.blocks.next(exercise)
    notes = None
    if pos == 1 and "exercise_notes" in col:
        notes = f[col["exercise_notes"]].strip() or None  # repeated on every set of the block
    return SetRecord(
        exercise_raw=exercise,
        exercise_occurrence=occ,
        position=pos,
        set_type=kind,
        load_kg=load_kg,
        load_basis=load_basis(exercise, load_kg),
        reps=reps,
        rpe=rpe,
        duration_s=secs or None,
        distance_m=round(dist * dist_per, 3) if dist else None,
        notes=notes,
        source_row=row.raw,
        source_line=line,
        dedupe_key=dedupe_key(SOURCE, w.started_at, exercise, occ, pos),
    )


def _session(w: _Workout, warnings: list[str], path: str) -> SessionRecord:
    flag = duration_warning(path, w.started_at, w.duration_s)
    if flag:
        warnings.append(flag)
    return SessionRecord(
        started_at=w.started_at,
        sets=tuple(w.sets),
        name=w.name,
        duration_s=w.duration_s,
        notes=w.notes,
        source=SOURCE,
        source_key=w.key,
        warnings=(flag,) if flag else (),
    )
