"""Strong (iOS/Android) CSV → sessions. Every layout of docs/evidence/import-formats.md#strong:
classic comma (A), Android semicolon with unit columns (A′, B), the "Workout #" layout with all
fields quoted (C), and translated headers (German, French). Columns are found by name, never by
position."""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from legday.domain.errors import FileFormatError, InvalidInput
from legday.domain.records import LoadBasis, SessionRecord, SetRecord, SetType
from legday.domain.units import KG_PER_LB, Unit, parse_unit
from legday.interop import csvutil as cu
from legday.interop.common import (
    ParsedFile,
    check_unit,
    dedupe_prefix,
    duration_warning,
    load_basis,
    require_unit,
)

SOURCE = "strong"

# Header names, folded (lower case, no accents). German from jjaju/statlift:columns.json, French
# from the SimonGomezUniv export quoted in docs/evidence/import-formats.md#strong-localized-headers.
ALIASES: dict[str, tuple[str, ...]] = {
    "workout_num": ("workout #",),
    "date": ("date", "datum"),
    "workout_name": ("workout name", "workout-name", "nom de l'entrainement"),
    "duration": (
        "duration", "workout duration", "duration (sec)", "dauer", "workout-dauer", "duree",
    ),
    "exercise": ("exercise name", "name der ubung", "nom de l'exercice"),
    "set_order": ("set order", "reihenfolge festlegen", "ordre de la serie"),
    "weight": ("weight", "weight (kg)", "weight (lbs)", "weight (lb)", "gewicht", "poids"),
    "weight_unit": ("weight unit", "gewichtseinheit"),
    "reps": ("reps", "wiederh.", "wiederholungen"),
    "rpe": ("rpe",),
    "distance": (
        "distance", "distance (meters)", "distance (km)", "distance (miles)", "entfernung",
    ),
    "distance_unit": ("distance unit",),
    "seconds": ("seconds", "sekunden", "secondes"),
    "notes": ("notes", "notizen"),
    "workout_notes": ("workout notes", "workout-notizen", "notes de l'entrainement"),
}  # fmt: skip
REQUIRED = ("date", "exercise", "set_order")

# Set Order tokens (docs/evidence/import-formats.md#strong-set-order): W/D/F (A), WARM_UP/FAILURE
# (C); drop words not yet seen.
SET_TOKENS: dict[str, SetType] = {
    "w": "warmup", "warm_up": "warmup", "warmup": "warmup", "warm up": "warmup",
    "d": "drop", "drop": "drop", "drop_set": "drop", "dropset": "drop",
    "f": "failure", "failure": "failure",
}  # fmt: skip
PSEUDO_REST = "rest timer"
PSEUDO_NOTE = "note"

METERS_PER_KM = 1000.0
METERS_PER_MILE = 1609.344  # international mile, exact (1959 agreement)


def looks_like(header: str) -> bool:
    """Strong's fingerprint: a Date column plus an exercise name and a set order column."""
    folded = cu.fold(header.replace('"', ""))
    cells = [c.strip() for c in folded.replace(";", ",").split(",")]
    has_exercise = any(c in cells for c in ALIASES["exercise"])
    has_order = any(c in cells for c in ALIASES["set_order"])
    return has_exercise and has_order


@dataclass(slots=True)
class _Workout:
    started_at: datetime
    key: str
    name: str | None
    duration_s: int | None
    notes: list[str] = field(default_factory=list)
    sets: list[SetRecord] = field(default_factory=list)
    # Block numbering (docs/evidence/import-formats.md#the-normalized-set-record, as
    # common.BlockCounter) kept inline for speed: the current exercise, its occurrence, the position
    # reached, and the dedupe key up to the position.
    last: str | None = None
    seen: dict[str, int] = field(default_factory=dict)
    occ: int = 0
    pos: int = 0
    prefix: str = ""
    unfinished: int = 0  # set rows left empty (see ``unfinished``)


@dataclass
class _Units:
    """How loads and distances are read: fixed by the header, per row, or given by the user."""

    weight: Unit | None  # None: per-row column
    weight_snap: bool  # values converted by the app at export (layout C)
    distance_m_per: float | None  # None: per-row column


def parse(text: str, path: str, unit: Unit | None) -> ParsedFile:
    header_line = cu.first_line(text)
    delim = cu.sniff_delimiter(header_line)
    records = cu.records(text, path, delim)
    first = next(records, None)
    if first is None:
        raise FileFormatError(path, 1, "the file is empty", "a Strong CSV export")
    head = cu.Row(*first)
    cols = cu.column_index(head.fields, ALIASES)
    missing = [k for k in REQUIRED if k not in cols]
    if missing or ("weight" not in cols and "reps" not in cols):
        raise FileFormatError(
            path,
            1,
            f"the header {cu.short(head.raw, 80)!r} is not a Strong header I know",
            "Date, Exercise Name, Set Order, Weight, Reps… "
            "(set the app language to English and export again)",
        )
    try:
        units = _units(head.fields, cols, path, unit)
    except InvalidInput as exc:
        raise InvalidInput(exc.message, f"{exc.hint}; {_unit_clue(records, cols)}") from None
    width = len(head.fields)
    # Each row gets one "" appended; an absent column points at it, so reads need no checks.
    pad = width
    ix = tuple(cols.get(k, pad) for k in _SET_COLUMNS)
    value_texts = operator.itemgetter(*ix[:7])  # the cells _values reads, as one tuple
    order_i, exercise_i, date_i = cols["set_order"], cols["exercise"], cols["date"]
    num_i = cols.get("workout_num", pad)
    notes_i = cols.get("notes", pad)
    workouts: dict[str, _Workout] = {}
    warnings: list[str] = []
    unknown_tokens: set[str] = set()
    dates: dict[str, datetime] = {}
    # Exports repeat the same few values on millions of rows: each distinct Set Order text and
    # each distinct tuple of value texts is read once (bench/bench_import.py).
    kinds: dict[str, tuple[int, SetType]] = {}
    values: dict[tuple[str, ...], _Values] = {}
    heavy: dict[str, LoadBasis] = {}  # basis of a set with a load, per exercise name
    last_date = last_num = None
    w: _Workout | None = None
    # The current workout's block state, in locals (the hot loop); stored back on a switch.
    last_ex: str | None = None
    seen: dict[str, int] = {}
    occ = pos = 0
    prefix = ""
    no_workout: list[SetRecord] = []
    skipped = 0  # unfinished set rows (see ``unfinished``)
    add_set = no_workout.append  # replaced on the first row, which always opens a workout
    for f, line, raw in records:
        if len(f) != width:
            raise FileFormatError(
                path,
                line,
                f"row has {len(f)} fields, the header has {width}",
                f"{width} fields separated by {delim!r}",
            )
        f.append("")
        if w is None or f[date_i] != last_date or f[num_i] != last_num:
            if w is not None:
                w.last, w.occ, w.pos, w.prefix = last_ex, occ, pos, prefix
            w = _workout(f, cols, line, path, workouts, dates)
            last_date, last_num = f[date_i], f[num_i]
            last_ex, seen, occ, pos, prefix = w.last, w.seen, w.occ, w.pos, w.prefix
            add_set = w.sets.append
        order_text = f[order_i]
        kind = kinds.get(order_text)
        if kind is None:
            kind = kinds[order_text] = _kind(order_text, path, line, unknown_tokens, warnings)
        exercise = f[exercise_i].strip()
        if kind[0] == _REST:
            # rest timer: the pause between sets, not a set
            # (docs/evidence/import-formats.md#strong-layout-c)
            continue
        if kind[0] == _NOTE:
            text_note = f[notes_i].strip()
            if text_note:
                w.notes.append(f"{exercise}: {text_note}")
            continue
        if not exercise:
            raise FileFormatError(path, line, "the exercise name is empty", "a name")
        key = value_texts(f)
        v = values.get(key)
        if v is None:
            v = _values(key, path, line, units, unit)
            if len(values) < _VALUES_MAX:
                values[key] = v
        load_kg, reps, rpe, duration, distance_m = v
        if exercise != last_ex:
            occ = seen[exercise] = seen.get(exercise, 0) + 1
            last_ex, pos = exercise, 0
            prefix = dedupe_prefix(SOURCE, w.started_at, exercise, occ)
        pos += 1
        if unfinished(v):
            skipped += 1  # position still counted: dedupe keys of the other sets stay the same
            w.unfinished += 1
            continue
        if load_kg:
            basis = heavy.get(exercise)
            if basis is None:
                basis = heavy[exercise] = load_basis(exercise, load_kg)
        else:
            basis = "bodyweight"  # no load or a zero load (common.load_basis)
        add_set(
            SetRecord(
                exercise_raw=exercise,
                exercise_occurrence=occ,
                position=pos,
                set_type=kind[1],
                load_kg=load_kg,
                load_basis=basis,
                reps=reps,
                rpe=rpe,
                duration_s=duration,
                distance_m=distance_m,
                notes=f[ix[7]].strip() or None,
                source_row=raw,
                source_line=line,
                dedupe_key=prefix + str(pos),
            )
        )
    if skipped:
        warnings.append(
            f"{path}: {skipped} set row(s) with no weight, reps, time or distance are sets the "
            "app listed but you did not finish; they were not imported"
        )
    # a workout whose every set was left unfinished was not trained
    sessions = [
        _session(w, warnings, path) for w in workouts.values() if w.sets or not w.unfinished
    ]
    assumed = units.weight if units.weight is not None and not units.weight_snap else None
    return ParsedFile("strong", sessions, warnings, unit_assumed=assumed)


_SET, _REST, _NOTE = 0, 1, 2
_VALUES_MAX = 200_000  # distinct value tuples remembered (memory stays bounded)
# load_kg, reps, rpe, duration_s, distance_m
_Values = tuple[float | None, int | None, float | None, float | None, float | None]


def unfinished(v: _Values) -> bool:
    """A row with no weight, no reps, no time and no distance: Strong lists the sets of a routine
    before they are done, and one left unticked is exported empty — not a body-weight set."""
    load_kg, reps, _rpe, duration, distance_m = v
    return not load_kg and not reps and not duration and not distance_m


def _kind(
    text: str, path: str, line: int, unknown: set[str], warnings: list[str]
) -> tuple[int, SetType]:
    """What a Set Order cell says: a set of some type, a rest timer or a note
    (docs/evidence/import-formats.md#strong-set-order)."""
    token = cu.fold(text)
    if token == PSEUDO_REST:
        return _REST, "working"
    if token == PSEUDO_NOTE:
        return _NOTE, "working"
    if token.isdigit():
        return _SET, "working"
    found = SET_TOKENS.get(token)
    if found is not None:
        return _SET, found
    if token not in unknown:
        unknown.add(token)
        warnings.append(
            f"{path}:{line}: set order {cu.short(text.strip())!r} is not a known set "
            "type; such sets are kept as working sets"
        )
    return _SET, "working"


# docs/evidence/import-formats.md#strong-layout-a: barbell loads of 250 and more are far likelier
# pounds than kilograms.
LB_CLUE_LOAD = 250.0


def _unit_clue(it: Iterator[tuple[list[str], int, str]], cols: dict[str, int]) -> str:
    """What the loads suggest, to help the user answer (never used as the answer)."""
    wi = cols.get("weight")
    heaviest = 0.0
    for fields, _, _ in it:
        if wi is not None and wi < len(fields):
            try:
                heaviest = max(heaviest, float(fields[wi] or 0))
            except ValueError:
                continue
    if heaviest >= LB_CLUE_LOAD:
        return f"the heaviest load in the file is {heaviest:g}, which suggests lb"
    return f"the heaviest load in the file is {heaviest:g}"


def _units(header: list[str], cols: dict[str, int], path: str, unit: Unit | None) -> _Units:
    weight_name = cu.fold(header[cols["weight"]]) if "weight" in cols else ""
    if "(kg)" in weight_name or "(lbs)" in weight_name or "(lb)" in weight_name:
        stated: Unit = "kg" if "(kg)" in weight_name else "lb"
        check_unit(path, unit, stated, f"header {header[cols['weight']]!r}")
        weight: Unit | None = stated
        snap = True
    elif "weight_unit" in cols:
        weight, snap = None, False
    else:
        weight = require_unit(path, unit, "a Strong export without a unit column")
        snap = False
    dist_name = cu.fold(header[cols["distance"]]) if "distance" in cols else ""
    per: float | None
    if "meters" in dist_name:
        per = 1.0
    elif "(km)" in dist_name:
        per = METERS_PER_KM
    elif "miles" in dist_name:
        per = METERS_PER_MILE
    elif "distance_unit" in cols:
        per = None
    else:
        # Distance is in the display unit; kg users see km, lb users miles
        # (docs/evidence/import-formats.md#strong-layout-a).
        per = METERS_PER_MILE if (weight or unit) == "lb" else METERS_PER_KM
    return _Units(weight, snap, per)


def _workout(
    f: list[str],
    cols: dict[str, int],
    line: int,
    path: str,
    workouts: dict[str, _Workout],
    dates: dict[str, datetime],
) -> _Workout:
    date_text = f[cols["date"]].strip()
    num = f[cols["workout_num"]].strip() if "workout_num" in cols else ""
    key = f"{date_text}#{num}" if num else date_text
    w = workouts.get(key)
    if w is not None:
        return w
    started = dates.get(date_text)
    if started is None:
        try:
            started = datetime.fromisoformat(date_text).replace(tzinfo=None)
        except ValueError:
            raise FileFormatError(
                path,
                line,
                f"date {cu.short(date_text)!r} is not readable",
                "YYYY-MM-DD HH:MM:SS",
            ) from None
        dates[date_text] = started
    duration = cu.duration_text(f[cols["duration"]], path, line) if "duration" in cols else None
    name = f[cols["workout_name"]].strip() or None if "workout_name" in cols else None
    w = _Workout(started, key, name, duration)
    if "workout_notes" in cols and f[cols["workout_notes"]].strip():
        w.notes.append(f[cols["workout_notes"]].strip())
    workouts[key] = w
    return w


_SET_COLUMNS = (
    "weight",
    "weight_unit",
    "reps",
    "rpe",
    "seconds",
    "distance",
    "distance_unit",
    "notes",
)


def _values(
    texts: tuple[str, ...], path: str, line: int, units: _Units, given: Unit | None
) -> _Values:
    """The numbers of one set row, from the texts of its weight, weight unit, reps, RPE,
    seconds, distance and distance unit cells (``_SET_COLUMNS`` order)."""
    weight_t, weight_unit_t, reps_t, rpe_t, seconds_t, dist_t, dist_unit_t = texts
    weight = cu.number(weight_t, path, line, "weight")
    load_kg: float | None = None
    if weight:
        if weight < 0:
            raise FileFormatError(path, line, f"weight {weight:g} is negative", "0 or more")
        wu = units.weight
        if wu is None:
            wu = _row_unit(weight_unit_t, path, line, given)
        load_kg = weight * KG_PER_LB if wu == "lb" else weight
        if units.weight_snap:
            load_kg = cu.snap_kg(load_kg)
    reps = cu.count(reps_t, path, line, "reps")
    rpe = cu.non_negative(rpe_t, path, line, "RPE")
    if rpe is not None and (rpe == 0 or rpe > 10):
        rpe = None  # 0 is "not logged"; RPE runs 1–10
    seconds = cu.non_negative(seconds_t, path, line, "seconds")
    dist = cu.non_negative(dist_t, path, line, "distance")
    distance_m: float | None = None
    if dist:
        per = units.distance_m_per
        if per is None:
            per = _distance_factor(dist_unit_t, path, line)
        distance_m = round(dist * per, 3)
    duration = seconds or None
    if reps == 0 and (duration or distance_m):
        reps = None  # a time-only or distance-only set writes 0 reps
    return load_kg, reps, rpe, duration, distance_m


def _row_unit(text: str, path: str, line: int, given: Unit | None) -> Unit:
    if not text.strip():
        return require_unit(path, given, f"line {line} has a weight but no Weight Unit")
    try:
        stated = parse_unit(text)
    except InvalidInput:
        raise FileFormatError(
            path, line, f"weight unit {cu.short(text)!r} is not known", "kg or lbs"
        ) from None
    return check_unit(path, given, stated, f"Weight Unit on line {line}")


def _distance_factor(text: str, path: str, line: int) -> float:
    t = cu.fold(text).rstrip(".")
    if t in ("km", "kms", "kilometers"):
        return METERS_PER_KM
    if t in ("mi", "mile", "miles"):
        return METERS_PER_MILE
    if t in ("m", "meters", "metres"):
        return 1.0
    raise FileFormatError(path, line, f"distance unit {cu.short(text)!r} is not known", "km or mi")


def _session(w: _Workout, warnings: list[str], path: str) -> SessionRecord:
    session_warnings: list[str] = []
    flag = duration_warning(path, w.started_at, w.duration_s)
    if flag:
        session_warnings.append(flag)
        warnings.append(flag)
    notes: list[str] = []
    for n in w.notes:
        if n not in notes:
            notes.append(n)  # layout C repeats Workout Notes on every row
    return SessionRecord(
        started_at=w.started_at,
        sets=tuple(w.sets),
        name=w.name,
        duration_s=w.duration_s,
        notes="\n".join(notes) or None,
        source=SOURCE,
        source_key=w.key,
        warnings=tuple(session_warnings),
    )
