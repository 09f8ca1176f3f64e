"""JEFIT "Export Data" backup → sessions (docs/evidence/import-formats.md#jefit).

The file is a series of CSV sections, each opened by a ``### NAME ###…`` banner and closed by a
line of ``#``. Sets come from EXERCISE SET LOGS where a log has them, else from the packed
``logs`` column of EXERCISE LOGS (``80x10,100x6``), with cumulative snapshot rows collapsed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from legday.domain.errors import FileFormatError, InvalidInput
from legday.domain.records import SessionRecord, SetRecord, SetType
from legday.domain.units import KG_PER_LB, Unit, parse_unit
from legday.interop import csvutil as cu
from legday.interop.common import ParsedFile, check_unit, dedupe_key, load_basis
from legday.interop.strong import METERS_PER_MILE

SOURCE = "jefit"
_BANNER = re.compile(r"^### (.+?) #+\s*$")
_CLOSE = re.compile(r"^#{10,}\s*$")
_PAIR = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*$")
# JEFIT packs timed exercises as 0xSECONDS (docs/evidence/import-formats.md#jefit, "0x1200"); a name
# tells them apart.
TIMED_WORDS = ("plank", "hold", "wall sit", "hang", "stretch", "bridge hold")
SET_TYPES: dict[str, SetType] = {"default": "working", "warm-up": "warmup", "warmup": "warmup"}


def looks_like(text_start: str) -> bool:
    return any(_BANNER.match(line) for line in text_start.splitlines()[:3])


@dataclass
class _Section:
    header: list[str]
    rows: list[cu.Row]

    def col(self, name: str) -> int | None:
        return self.header.index(name) if name in self.header else None


def sections(text: str, path: str) -> dict[str, _Section]:
    """Split on banner lines, then read each block with a real CSV parser
    (docs/evidence/import-formats.md#jefit)."""
    lines = text.splitlines(keepends=True)
    found: dict[str, _Section] = {}
    i = 0
    while i < len(lines):
        m = _BANNER.match(lines[i].rstrip("\r\n"))
        if not m:
            if lines[i].strip():
                raise FileFormatError(
                    path,
                    i + 1,
                    f"text {cu.short(lines[i].strip())!r} outside a section",
                    "a '### NAME ###' banner before each table",
                )
            i += 1
            continue
        name = m.group(1).strip().upper()
        start = i + 1
        end = start
        # A closing line may also sit inside a quoted field, but a 10+ '#' line never does in
        # practice; quoted fields spanning lines are handled by the CSV reader below.
        while end < len(lines) and not _CLOSE.match(lines[end].rstrip("\r\n")):
            if _BANNER.match(lines[end].rstrip("\r\n")):
                break
            end += 1
        if end >= len(lines) or not _CLOSE.match(lines[end].rstrip("\r\n")):
            raise FileFormatError(path, end + 1, f"section {name} is not closed", "a line of #")
        block = "".join(lines[start:end])
        parsed = list(cu.rows(block, path, ",", start_line=start + 1))
        if parsed:
            found[name] = _Section([h.strip() for h in parsed[0].fields], parsed[1:])
        else:
            found[name] = _Section([], [])
        i = end + 1
    return found


def parse(text: str, path: str, unit: Unit | None) -> ParsedFile:
    secs = sections(text, path)
    for need in ("SETTING", "EXERCISE LOGS"):
        if need not in secs:
            raise FileFormatError(path, None, f"no {need} section", "a full JEFIT Export Data file")
    mass_unit, zone_h = _setting(secs["SETTING"], path, unit)
    sessions = _sessions(secs.get("WORKOUT SESSIONS"), path, zone_h)
    set_logs = _set_logs(secs.get("EXERCISE SET LOGS"), path, mass_unit)
    logs = secs["EXERCISE LOGS"]
    log_cols = ("_id", "belongsession", "eid", "ename", "logs", "mydate")
    cols = {n: logs.col(n) for n in log_cols}
    missing = [n for n, c in cols.items() if c is None]
    if missing:
        raise FileFormatError(
            path, None, f"EXERCISE LOGS lacks {', '.join(missing)}", "JEFIT's columns"
        )
    c = {n: int(v) for n, v in cols.items() if v is not None}
    warnings: list[str] = []
    groups: dict[tuple[str, str], list[tuple[cu.Row, list[SetRecord]]]] = defaultdict(list)
    order: list[tuple[str, str]] = []
    for row in logs.rows:
        f = row.fields
        if len(f) != len(logs.header):
            raise FileFormatError(
                path,
                row.line,
                f"row has {len(f)} fields, the header has {len(logs.header)}",
                f"{len(logs.header)} fields",
            )
        log_id = f[c["_id"]].strip()
        name = f[c["ename"]].strip()
        if not name:
            raise FileFormatError(path, row.line, "ename is empty", "an exercise name")
        session = f[c["belongsession"]].strip()
        if session in ("", "0") or session not in sessions:
            session = "day:" + _date(f[c["mydate"]], path, row.line).isoformat()
        sets = set_logs.get(log_id)
        if sets is None:
            sets = _packed(f[c["logs"]], name, row, path, mass_unit)
        key = (session, f[c["eid"]].strip() + "|" + name)
        if key not in groups:
            order.append(key)
        groups[key].append((row, sets))
    by_session: dict[str, list[tuple[int, str, list[SetRecord]]]] = defaultdict(list)
    notes = _notes(secs.get("NOTES"))
    for key in order:
        for row, sets in _collapse(groups[key]):
            eid = key[1].split("|", 1)[0]
            note = notes.pop((eid, row.fields[c["mydate"]].strip()), None)
            if note:
                sets = [replace(sets[0], notes=note), *sets[1:]]
            by_session[key[0]].append((row.line, key[1].split("|", 1)[1], sets))
    if notes:
        warnings.append(f"{path}: {len(notes)} NOTES rows match no exercise log; left out")
    out: list[SessionRecord] = []
    for skey, blocks in by_session.items():
        started, duration = sessions.get(skey) or _day_start(skey)
        out.append(_session(skey, started, duration, sorted(blocks, key=lambda b: b[0])))
    out.sort(key=lambda s: s.started_at)
    if "CARDIO LOGS" in secs and secs["CARDIO LOGS"].rows:
        warnings.append(
            f"{path}: {len(secs['CARDIO LOGS'].rows)} CARDIO LOGS rows left out (no sets in them)"
        )
    return ParsedFile("jefit", out, warnings)


def _notes(sec: _Section | None) -> dict[tuple[str, str], str]:
    """NOTES keyed by (eid, mydate): the exercise note of that day
    (docs/evidence/import-formats.md#jefit joins on eid and logTime; in the sample the date matches
    77 of 78 notes, the time only 55)."""
    out: dict[tuple[str, str], str] = {}
    if sec is None:
        return out
    ei, di, ni = sec.col("eid"), sec.col("mydate"), sec.col("mynote")
    if ei is None or di is None or ni is None:
        return out
    for row in sec.rows:
        f = row.fields
        if len(f) != len(sec.header) or not f[ni].strip():
            continue
        key = (f[ei].strip(), f[di].strip())
        out[key] = f"{out[key]}\n{f[ni].strip()}" if key in out else f[ni].strip()
    return out


def _setting(sec: _Section, path: str, unit: Unit | None) -> tuple[Unit, int]:
    mi, zi = sec.col("mass"), sec.col("zonedifference")
    if mi is None or not sec.rows:
        raise FileFormatError(
            path, None, "SETTING has no mass", "SETTING with mass ' lbs' or ' kg'"
        )
    row = sec.rows[0]
    try:
        stated = parse_unit(row.fields[mi])
    except (InvalidInput, IndexError):
        raise FileFormatError(
            path, row.line, "SETTING mass names no unit", "' lbs' or ' kg'"
        ) from None
    check_unit(path, unit, stated, "SETTING mass")
    zone = 0
    if zi is not None and zi < len(row.fields) and row.fields[zi].strip():
        z = cu.number(row.fields[zi], path, row.line, "zonedifference")
        zone = int(z or 0)
        if not -14 <= zone <= 14:  # UTC offsets run from −12 to +14 hours
            raise FileFormatError(
                path, row.line, f"zonedifference {zone} is not an offset", "−12…14"
            )
    return stated, zone


def _sessions(
    sec: _Section | None, path: str, zone_h: int
) -> dict[str, tuple[datetime, int | None]]:
    """WORKOUT SESSIONS `_id` → (local start, seconds); epochs are UTC
    (docs/evidence/import-formats.md#jefit)."""
    found: dict[str, tuple[datetime, int | None]] = {}
    if sec is None:
        return found
    ii, si, ei = sec.col("_id"), sec.col("starttime"), sec.col("endtime")
    if ii is None or si is None:
        raise FileFormatError(
            path, None, "WORKOUT SESSIONS lacks _id or starttime", "JEFIT's columns"
        )
    for row in sec.rows:
        f = row.fields
        if len(f) != len(sec.header):
            raise FileFormatError(path, row.line, f"row has {len(f)} fields", f"{len(sec.header)}")
        start = cu.number(f[si], path, row.line, "starttime")
        if not start:
            continue  # no start time: its logs fall back to their own date
        end = cu.number(f[ei], path, row.line, "endtime") if ei is not None else None
        try:
            utc = datetime.fromtimestamp(start, UTC)
            local = utc.replace(tzinfo=None) + timedelta(hours=zone_h)
        except (OverflowError, OSError, ValueError):
            raise FileFormatError(
                path, row.line, f"starttime {cu.short(f[si])!r} is not a time", "epoch seconds"
            ) from None
        duration = int(end - start) if end and 0 <= end - start <= cu.MAX_DURATION_S else None
        found[f[ii].strip()] = (local, duration)
    return found


def _set_logs(sec: _Section | None, path: str, unit: Unit) -> dict[str, list[SetRecord]]:
    out: dict[str, list[SetRecord]] = defaultdict(list)
    if sec is None or not sec.header:
        return out
    cols = {n: sec.col(n) for n in ("exercise_log_id", "set_index", "reps", "set_type")}
    if any(v is None for v in cols.values()):
        raise FileFormatError(
            path, None, "EXERCISE SET LOGS lacks a needed column", "JEFIT's columns"
        )
    wi = sec.col("weight_lbs") if sec.col("weight_lbs") is not None else sec.col("weight")
    di, du = sec.col("distance_mi"), sec.col("duration")
    rows = []
    for row in sec.rows:
        f = row.fields
        if len(f) != len(sec.header):
            raise FileFormatError(path, row.line, f"row has {len(f)} fields", f"{len(sec.header)}")
        log_id = f[cols["exercise_log_id"] or 0].strip()
        idx = cu.count(f[cols["set_index"] or 0], path, row.line, "set_index") or 0
        rows.append((log_id, idx, row))
    rows.sort(key=lambda r: (r[0], r[1], r[2].line))
    for log_id, _idx, row in rows:
        f = row.fields
        weight = cu.non_negative(f[wi], path, row.line, "weight") if wi is not None else None
        reps = cu.count(f[cols["reps"] or 0], path, row.line, "reps")
        kind = SET_TYPES.get(f[cols["set_type"] or 0].strip().lower(), "working")
        dist = cu.non_negative(f[di], path, row.line, "distance") if di is not None else None
        secs = cu.non_negative(f[du], path, row.line, "duration") if du is not None else None
        if not weight and not reps and not dist and not secs:
            continue  # 0x0 filler (docs/evidence/import-formats.md#jefit)
        load = _kg(weight, unit)
        out[log_id].append(
            SetRecord(
                exercise_raw="",
                set_type=kind,
                load_kg=load,
                reps=reps if reps or not secs else None,
                duration_s=secs or None,
                distance_m=round(dist * METERS_PER_MILE, 3) if dist else None,
                source_row=row.raw,
                source_line=row.line,
            )
        )
    return out


def _kg(weight: float | None, unit: Unit) -> float | None:
    if not weight:
        return None
    return cu.snap_kg(weight * KG_PER_LB) if unit == "lb" else weight


def _packed(text: str, name: str, row: cu.Row, path: str, unit: Unit) -> list[SetRecord]:
    sets: list[SetRecord] = []
    timed = any(w in name.lower() for w in TIMED_WORDS)
    for item in text.split(","):
        if not item.strip():
            continue
        m = _PAIR.match(item)
        if not m:
            raise FileFormatError(
                path, row.line, f"set {cu.short(item.strip())!r} is not readable", "WEIGHTxREPS"
            )
        weight = cu.number(m.group(1), path, row.line, "weight") or 0.0
        second = cu.number(m.group(2), path, row.line, "reps") or 0.0
        if weight == 0 and second == 0:
            continue  # 0x0 filler
        reps: int | None = round(second)
        secs: float | None = None
        if weight == 0 and timed:
            reps, secs = None, second
        sets.append(
            SetRecord(
                exercise_raw="",
                load_kg=_kg(weight, unit),
                reps=reps,
                duration_s=secs,
                source_row=row.raw,
                source_line=row.line,
            )
        )
    return sets


def _signature(sets: list[SetRecord]) -> list[tuple[float | None, int | None, float | None]]:
    return [(s.load_kg, s.reps, s.duration_s) for s in sets]


def _collapse(
    rows: list[tuple[cu.Row, list[SetRecord]]],
) -> list[tuple[cu.Row, list[SetRecord]]]:
    """Drop cumulative snapshots: a row whose sets are a strict prefix of another row's sets in
    the same (session, exercise) — ``[s1]``, ``[s1,s2]``, ``[s1,s2,s3]`` keeps only the last."""
    sigs = [_signature(s) for _, s in rows]
    kept = []
    for i, (row, sets) in enumerate(rows):
        if not sets:
            continue
        mine = sigs[i]
        shadowed = any(
            j != i and len(other) > len(mine) and other[: len(mine)] == mine
            for j, other in enumerate(sigs)
        )
        if not shadowed:
            kept.append((row, sets))
    return kept


def _date(text: str, path: str, line: int) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FileFormatError(
            path, line, f"mydate {cu.short(text)!r} is not a date", "YYYY-MM-DD"
        ) from None


def _day_start(key: str) -> tuple[datetime, int | None]:
    d = date.fromisoformat(key.removeprefix("day:"))
    return datetime(d.year, d.month, d.day), None


def _session(
    key: str,
    started: datetime,
    duration: int | None,
    blocks: list[tuple[int, str, list[SetRecord]]],
) -> SessionRecord:
    seen: dict[str, int] = {}
    sets: list[SetRecord] = []
    for _line, name, block in blocks:
        seen[name] = seen.get(name, 0) + 1
        occ = seen[name]
        for pos, s in enumerate(block, start=1):
            sets.append(
                replace(
                    s,
                    exercise_raw=name,
                    exercise_occurrence=occ,
                    position=pos,
                    load_basis=load_basis(name, s.load_kg),
                    dedupe_key=dedupe_key(SOURCE, started, name, occ, pos),
                )
            )
    return SessionRecord(
        started_at=started,
        sets=tuple(sets),
        duration_s=duration,
        source=SOURCE,
        source_key=key,
    )
