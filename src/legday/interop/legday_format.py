"""legday's own export format, CSV and JSON (docs/legday-format.md): its fields, and the reader.
Everything stored about a session, a set and an assessment is written
(legday.interop.legday_format_write), so ``legday import`` reads an export back without loss.
Loads are kilograms; times are the stored local wall time in ISO 8601."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any, cast

from legday.domain.errors import FileFormatError
from legday.domain.records import (
    LOAD_BASES,
    SET_TYPES,
    SIDES,
    LoadBasis,
    SessionRecord,
    SetRecord,
    SetType,
    Side,
)
from legday.domain.units import Unit
from legday.interop import cells
from legday.interop import csvutil as cu
from legday.interop.common import ParsedFile, check_unit
from legday.interop.json_lines import deep_line, json_line

FORMAT_VERSION = 1
MAX_NUMBER = 2_147_483_647  # the largest integer every database column here holds (int32)
RECORD_KINDS = ("athlete", "set", "session", "assessment")
# JSON limits: our documents nest about six levels; free-form fields (assessment inputs, results)
# may nest a little more. Deeper, or integers longer than any stored value, is a damaged or
# hostile file, refused before Python's own limits turn it into a crash.
MAX_DEPTH = 32
MAX_INT_DIGITS = 18


class _HugeInt:
    """An integer literal too long to be any legday value, kept as text to report it."""

    __slots__ = ("digits",)

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"an integer of {len(self.digits.lstrip('-'))} digits"


def _parse_int(text: str) -> int | _HugeInt:
    return int(text) if len(text.lstrip("-")) <= MAX_INT_DIGITS else _HugeInt(text)


SESSION_FIELDS = (
    "started_at", "name", "duration_s", "session_rpe", "notes", "source", "source_key", "warnings",
)  # fmt: skip
SET_FIELDS = (
    "exercise_raw", "exercise_id", "exercise_occurrence", "position", "set_type", "load_kg",
    "load_basis", "reps", "rpe", "rir", "side", "duration_s", "distance_m", "contacts", "notes",
    "source_row", "source_line", "dedupe_key",
)  # fmt: skip
ASSESSMENT_FIELDS = (
    "test_id", "taken_on", "value", "unit", "rating", "flags", "inputs", "result", "notes",
)  # fmt: skip

# CSV: one row per set; a session without sets and each assessment get a row of their own.
CSV_HEADER = (
    ["record", "athlete"]
    + [f"session_{f}" for f in SESSION_FIELDS]
    + list(SET_FIELDS)
    + ["assessment"]
)
_INT_SET = {"exercise_occurrence", "position", "reps", "contacts", "source_line"}
_FLOAT_SET = {"load_kg", "rpe", "rir", "duration_s", "distance_m"}


def looks_like(text_start: str) -> bool:
    head = cu.first_line(text_start)
    if head.startswith("record,athlete,session_started_at"):
        return True
    return text_start.lstrip().startswith("{") and '"legday"' in text_start[:400]


def parse(text: str, path: str, unit: Unit | None) -> ParsedFile:
    # legday files state kilograms in every load column name (load_kg).
    check_unit(path, unit, "kg", "column load_kg")
    if text.lstrip().startswith("{"):
        return parse_json(text, path)
    return parse_csv(text, path)


def parse_json(text: str, path: str) -> ParsedFile:
    try:
        return _parse_json(text, path)
    except FileFormatError as exc:
        if exc.line is not None:
            raise
        # Errors name a JSON path (sessions[3].sets[2]…); find its line now, only on failure.
        line = json_line(text, exc.problem)
        raise FileFormatError(path, line, exc.problem, exc.expected) from None


def _parse_json(text: str, path: str) -> ParsedFile:
    try:
        doc = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            path, exc.lineno, f"not valid JSON ({exc.msg})", "a legday JSON export"
        ) from None
    except RecursionError:
        raise FileFormatError(
            path,
            deep_line(text, MAX_DEPTH),
            f"JSON nested deeper than {MAX_DEPTH} levels",
            "a legday JSON export",
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != "legday":
        raise FileFormatError(path, 1, "not a legday export", '{"format": "legday", …}')
    if doc.get("version") != FORMAT_VERSION:
        raise FileFormatError(
            path, 1, f"version {doc.get('version')!r} is not known", f"version {FORMAT_VERSION}"
        )
    athlete = doc.get("athlete")
    name = athlete.get("name") if isinstance(athlete, dict) else athlete
    if isinstance(name, str):
        _text(name, path, None, "athlete.name", 200)
    sessions_in = doc.get("sessions")
    assessments_in = doc.get("assessments", [])
    if not isinstance(sessions_in, list) or not isinstance(assessments_in, list):
        raise FileFormatError(path, None, "sessions or assessments is not a list", "JSON arrays")
    sessions = []
    for i, s in enumerate(sessions_in):
        where = f"sessions[{i}]"
        if not isinstance(s, dict) or not isinstance(s.get("sets", []), list):
            raise FileFormatError(
                path, None, f"{where} is not an object with a sets list", "an object"
            )
        sets = tuple(
            _set(x, path, None, f"{where}.sets[{j}]") for j, x in enumerate(s.get("sets", []))
        )
        sessions.append(_session(s, sets, path, None, where))
    assessments = [
        _assessment(a, path, None, f"assessments[{i}]") for i, a in enumerate(assessments_in)
    ]
    shown = athlete.get("unit") if isinstance(athlete, dict) else None
    return ParsedFile(
        "legday",
        sessions,
        athlete=name if isinstance(name, str) else None,
        athlete_unit="lb" if shown == "lb" else "kg" if shown == "kg" else None,
        assessments=assessments,
    )


def parse_csv(text: str, path: str) -> ParsedFile:
    it = cu.rows(text, path, ",")
    head = next(it, None)
    if head is None or head.fields != CSV_HEADER:
        raise FileFormatError(
            path, 1, "the header is not legday's", ",".join(CSV_HEADER[:4]) + ",…"
        )
    width = len(CSV_HEADER)
    n_sess = len(SESSION_FIELDS)
    order: list[tuple[str, ...]] = []
    groups: dict[tuple[str, ...], tuple[dict[str, Any], list[SetRecord]]] = {}
    assessments: list[dict[str, Any]] = []
    athlete: str | None = None
    for row in it:
        f = row.fields
        if len(f) != width:
            raise FileFormatError(
                path, row.line, f"row has {len(f)} fields, the header has {width}", f"{width}"
            )
        kind = f[0]
        if kind not in RECORD_KINDS:
            raise FileFormatError(
                path,
                row.line,
                f"record {cu.short(kind)!r} is not known",
                "set, session or assessment",
            )
        athlete = athlete or f[1] or None
        if kind == "athlete":
            continue
        if kind == "assessment":
            try:
                doc = json.loads(f[-1])
            except json.JSONDecodeError:
                raise FileFormatError(
                    path, row.line, "assessment is not valid JSON", "a JSON object"
                ) from None
            assessments.append(_assessment(doc, path, row.line, "assessment"))
            continue
        sess_cells = tuple(f[2 : 2 + n_sess])
        if sess_cells not in groups:
            raw = dict(zip(SESSION_FIELDS, sess_cells, strict=True))
            groups[sess_cells] = (_session_cells(raw, path, row.line), [])
            order.append(sess_cells)
        if kind == "set":
            raw_set = dict(
                zip(SET_FIELDS, f[2 + n_sess : 2 + n_sess + len(SET_FIELDS)], strict=True)
            )
            groups[sess_cells][1].append(
                _set(_set_cells(raw_set, path, row.line), path, row.line, "set")
            )
    sessions = [
        _session(groups[k][0], tuple(groups[k][1]), path, groups[k][0]["_line"], "session")
        for k in order
    ]
    return ParsedFile("legday", sessions, athlete=athlete, assessments=assessments)


def _session_cells(raw: dict[str, str], path: str, line: int) -> dict[str, Any]:
    out: dict[str, Any] = {k: (v if v != "" else None) for k, v in raw.items()}
    if out["duration_s"] is not None:
        # Seconds, up to the year importers keep (a timer left running for days is kept).
        seconds = cu.number(out["duration_s"], path, line, "session_duration_s")
        if seconds is None or seconds != int(seconds):
            raise FileFormatError(
                path, line, f"session_duration_s {cu.short(raw['duration_s'])!r}", "whole seconds"
            )
        out["duration_s"] = int(seconds)
    out["_line"] = line
    if out["session_rpe"] is not None:
        out["session_rpe"] = cu.number(out["session_rpe"], path, line, "session_rpe")
    try:
        out["warnings"] = json.loads(raw["warnings"]) if raw["warnings"] else []
    except json.JSONDecodeError:
        raise FileFormatError(
            path, line, "session_warnings is not a JSON list", "a JSON list"
        ) from None
    return out


def _set_cells(raw: dict[str, str], path: str, line: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in raw.items():
        if v == "":
            out[k] = None
        elif k in _INT_SET:
            value = cu.number(v, path, line, k)
            if value is None or value != int(value):
                raise FileFormatError(
                    path, line, f"{k} {cu.short(v)!r} is not a whole number", "an integer"
                )
            out[k] = int(value)
        elif k in _FLOAT_SET:
            out[k] = cu.number(v, path, line, k)
        else:
            out[k] = v
    return out


def _bad(path: str, line: int | None, where: str, problem: str, expected: str) -> FileFormatError:
    return FileFormatError(path, line, f"{where}: {problem}", expected)


def _num(v: Any, path: str, line: int | None, where: str, whole: bool = False) -> Any:
    if v is None:
        return None
    if isinstance(v, _HugeInt):
        raise _bad(path, line, where, f"{v!r} is out of range", f"at most {MAX_INT_DIGITS} digits")
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise _bad(path, line, where, f"{cu.short(repr(v))} is not a number", "a number or null")
    if not math.isfinite(v) or abs(v) > MAX_NUMBER:
        raise _bad(path, line, where, f"{cu.short(repr(v))} is out of range", "a finite number")
    if whole and v != int(v):
        raise _bad(path, line, where, f"{v!r} is not whole", "an integer")
    return int(v) if whole else float(v)


def _text(v: Any, path: str, line: int | None, where: str, limit: int | None = None) -> str | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise _bad(path, line, where, f"{cu.short(repr(v))} is not text", "a string or null")
    if "\x00" in v:  # PostgreSQL stores no NUL in text; refused here, with the line
        raise _bad(path, line, where, "text contains a NUL character (\\u0000)", "plain text")
    if limit is not None and len(v) > limit:
        raise _bad(path, line, where, f"{len(v)} characters", f"at most {limit}")
    return v


def _set(x: Any, path: str, line: int | None, where: str) -> SetRecord:
    if not isinstance(x, dict):
        raise _bad(path, line, where, "not an object", "an object")
    raw = _text(x.get("exercise_raw"), path, line, f"{where}.exercise_raw")
    if not raw:
        raise _bad(path, line, where, "exercise_raw is empty", "an exercise name")
    set_type = x.get("set_type") or "working"
    basis = x.get("load_basis") or "external"
    side = x.get("side") or "both"
    for value, allowed, name in (
        (set_type, SET_TYPES, "set_type"),
        (basis, LOAD_BASES, "load_basis"),
        (side, SIDES, "side"),
    ):
        if value not in allowed:
            raise _bad(
                path,
                line,
                where,
                f"{name} {cu.short(str(value))!r} is not known",
                ", ".join(allowed),
            )
    occ = _num(x.get("exercise_occurrence"), path, line, f"{where}.exercise_occurrence", whole=True)
    pos = _num(x.get("position"), path, line, f"{where}.position", whole=True)
    record = SetRecord(
        exercise_raw=raw,
        exercise_id=_text(x.get("exercise_id"), path, line, where, 100),
        exercise_occurrence=occ if occ is not None else 1,
        position=pos if pos is not None else 1,
        set_type=cast(SetType, set_type),
        load_kg=_num(x.get("load_kg"), path, line, f"{where}.load_kg"),
        load_basis=cast(LoadBasis, basis),
        reps=_num(x.get("reps"), path, line, f"{where}.reps", whole=True),
        rpe=_num(x.get("rpe"), path, line, f"{where}.rpe"),
        rir=_num(x.get("rir"), path, line, f"{where}.rir"),
        side=cast(Side, side),
        duration_s=_num(x.get("duration_s"), path, line, f"{where}.duration_s"),
        distance_m=_num(x.get("distance_m"), path, line, f"{where}.distance_m"),
        contacts=_num(x.get("contacts"), path, line, f"{where}.contacts", whole=True),
        notes=_text(x.get("notes"), path, line, where),
        source_row=_text(x.get("source_row"), path, line, where),
        source_line=_num(x.get("source_line"), path, line, f"{where}.source_line", whole=True),
        dedupe_key=_text(x.get("dedupe_key"), path, line, where, 400),
    )
    cells.check_set(record, path, line, where + ".")
    return record


def _session(
    s: dict[str, Any], sets: tuple[SetRecord, ...], path: str, line: int | None, where: str
) -> SessionRecord:
    started_text = _text(s.get("started_at"), path, line, where)
    try:
        started = datetime.fromisoformat(started_text or "")
    except ValueError:
        raise _bad(
            path,
            line,
            where,
            f"started_at {cu.short(str(started_text))!r} is not a time",
            "ISO 8601",
        ) from None
    warnings = s.get("warnings") or []
    if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
        raise _bad(path, line, where, "warnings is not a list of text", "a list of strings")
    for w in warnings:
        _text(w, path, line, f"{where}.warnings")
    session = SessionRecord(
        started_at=started,
        sets=sets,
        name=_text(s.get("name"), path, line, where),
        duration_s=_num(s.get("duration_s"), path, line, f"{where}.duration_s", whole=True),
        session_rpe=_num(s.get("session_rpe"), path, line, f"{where}.session_rpe"),
        notes=_text(s.get("notes"), path, line, where),
        source=_text(s.get("source"), path, line, where, 20) or "legday",
        source_key=_text(s.get("source_key"), path, line, where, 300),
        warnings=tuple(warnings),
    )
    return cells.check_session(session, path, line, where + ".")


def _assessment(a: Any, path: str, line: int | None, where: str) -> dict[str, Any]:
    if not isinstance(a, dict) or not isinstance(a.get("test_id"), str) or len(a["test_id"]) > 50:
        raise _bad(path, line, where, "not an assessment object", "an object with test_id")
    try:
        taken = date.fromisoformat(str(a.get("taken_on")))
    except ValueError:
        raise _bad(path, line, where, "taken_on is not a date", "YYYY-MM-DD") from None
    return {
        "test_id": a["test_id"],
        "taken_on": taken,
        "value": _num(a.get("value"), path, line, f"{where}.value"),
        "unit": _text(a.get("unit"), path, line, where, 20),
        "rating": _text(a.get("rating"), path, line, where, 10),
        "flags": _typed(a.get("flags"), list, path, line, where, "flags"),
        "inputs": _typed(a.get("inputs"), dict, path, line, where, "inputs"),
        "result": _typed(a.get("result"), dict, path, line, where, "result"),
        "notes": _text(a.get("notes"), path, line, where),
    }


def _typed(v: Any, kind: type, path: str, line: int | None, where: str, name: str) -> Any:
    if v is None:
        return kind()
    if not isinstance(v, kind):
        raise _bad(path, line, where, f"{name} is not a {kind.__name__}", f"a JSON {kind.__name__}")
    _plain(v, path, line, f"{where}.{name}", 0)
    return v


def _plain(v: Any, path: str, line: int | None, where: str, depth: int) -> None:
    """A free-form value is stored as JSON again: finite numbers, bounded depth, no huge ints."""
    if depth > MAX_DEPTH:
        raise _bad(path, line, where, f"nested deeper than {MAX_DEPTH} levels", "flatter data")
    if isinstance(v, dict):
        for k, item in v.items():
            _plain(item, path, line, f"{where}.{k}", depth + 1)
    elif isinstance(v, list):
        for i, item in enumerate(v):
            _plain(item, path, line, f"{where}[{i}]", depth + 1)
    elif isinstance(v, _HugeInt) or (isinstance(v, float) and not math.isfinite(v)):
        raise _bad(path, line, where, f"{v!r} is out of range", "a finite number")
