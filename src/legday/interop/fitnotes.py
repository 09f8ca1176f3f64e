"""FitNotes (Android) spreadsheet export → sessions (docs/evidence/import-formats.md#fitnotes).

Both header styles: the unit in the header (``Weight (lbs)``/``Weight (kgs)``) or per row
(``Weight`` + ``Weight Unit``), with or without ``Comment``. Exercise names are written without
quotes, so a name with a comma gives a row with extra fields; the name is rebuilt from the known
column count (Date from the left, the fixed columns from the right, the rest joined with ``,``).
"""

from __future__ import annotations

from datetime import date, datetime

from legday.domain.errors import FileFormatError, InvalidInput
from legday.domain.records import SessionRecord, SetRecord
from legday.domain.units import KG_PER_LB, Unit, parse_unit
from legday.interop import csvutil as cu
from legday.interop.common import ParsedFile, check_unit, dedupe_key, load_basis
from legday.interop.strong import METERS_PER_KM, METERS_PER_MILE

SOURCE = "fitnotes"
DISTANCE_M = {"m": 1.0, "km": METERS_PER_KM, "mi": METERS_PER_MILE, "mile": METERS_PER_MILE}
BODY_HEADER = ["Date", "Time", "Measurement", "Value", "Unit"]


def looks_like(header: str) -> bool:
    cells = [c.strip() for c in header.split(",")]
    return cells[:3] == ["Date", "Exercise", "Category"] or cells == BODY_HEADER


def parse(text: str, path: str, unit: Unit | None) -> ParsedFile:
    it = cu.rows(text, path, ",")
    head = next(it, None)
    if head is None:
        raise FileFormatError(path, 1, "the file is empty", "a FitNotes export")
    names = [h.strip() for h in head.fields]
    if names == BODY_HEADER:
        return _body_tracker(it, path, unit)
    if names[:3] != ["Date", "Exercise", "Category"]:
        raise FileFormatError(
            path,
            1,
            f"the header {cu.short(head.raw, 80)!r} is not FitNotes'",
            "Date,Exercise,Category,…",
        )
    col = {n: i for i, n in enumerate(names)}
    header_unit: Unit | None = None
    weight_name = next((n for n in names if n.startswith("Weight") and n != "Weight Unit"), None)
    if weight_name is None or "Reps" not in col:
        raise FileFormatError(path, 1, "the header lacks Weight or Reps", "FitNotes' header")
    if weight_name != "Weight":
        inner = weight_name[weight_name.find("(") + 1 : weight_name.rfind(")")]
        try:
            header_unit = parse_unit(inner)
        except InvalidInput:
            raise FileFormatError(
                path,
                1,
                f"column {weight_name!r} names no known unit",
                "Weight (kgs) or Weight (lbs)",
            ) from None
        check_unit(path, unit, header_unit, f"header {weight_name!r}")
    elif "Weight Unit" not in col:
        raise FileFormatError(path, 1, "the header has Weight but no Weight Unit", "both columns")
    col["Weight"] = col[weight_name]
    width = len(names)
    days: dict[date, tuple[list[SetRecord], dict[str, int]]] = {}
    warnings: list[str] = []
    for row in it:
        f = row.fields
        if len(f) < width:
            raise FileFormatError(
                path,
                row.line,
                f"row has {len(f)} fields, the header has {width}",
                f"{width} fields",
            )
        if len(f) > width:
            # An unquoted comma inside the exercise name (docs/evidence/import-formats.md#fitnotes):
            # rebuild the name.
            extra = len(f) - width
            f = [f[0], ",".join(f[1 : 2 + extra]), *f[2 + extra :]]
        day = _date(f[0], path, row.line)
        sets, counts = days.setdefault(day, ([], {}))
        sets.append(_set(f, col, row, path, unit, header_unit, day, counts, warnings))
    sessions = [
        SessionRecord(
            started_at=datetime(d.year, d.month, d.day),
            sets=tuple(s),
            source=SOURCE,
            source_key=d.isoformat(),
        )
        for d, (s, _) in sorted(days.items())
    ]
    return ParsedFile("fitnotes", sessions, warnings)


def _date(text: str, path: str, line: int) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FileFormatError(
            path, line, f"date {cu.short(text)!r} is not readable", "YYYY-MM-DD"
        ) from None


def _set(
    f: list[str],
    col: dict[str, int],
    row: cu.Row,
    path: str,
    given: Unit | None,
    header_unit: Unit | None,
    day: date,
    counts: dict[str, int],
    warnings: list[str],
) -> SetRecord:
    line = row.line
    exercise = f[1].strip()
    if not exercise:
        raise FileFormatError(path, line, "the exercise name is empty", "a name")
    weight = cu.non_negative(f[col["Weight"]], path, line, "weight")
    load_kg: float | None = None
    if weight:
        wu = header_unit
        if wu is None:
            wu = _row_unit(f[col["Weight Unit"]], path, line, given)
        load_kg = exported_lb_to_kg(weight) if wu == "lb" else cu.snap_kg(weight)
    reps = cu.count(f[col["Reps"]], path, line, "reps")
    distance_m: float | None = None
    if "Distance" in col:
        dist = cu.non_negative(f[col["Distance"]], path, line, "distance")
        if dist:
            du = f[col["Distance Unit"]].strip().lower() if "Distance Unit" in col else ""
            per = DISTANCE_M.get(du)
            if per is None:
                warnings.append(
                    f"{path}:{line}: distance unit {cu.short(du)!r} is not a length; "
                    "distance left out"
                )
            else:
                distance_m = round(dist * per, 3)
    secs = cu.clock_seconds(f[col["Time"]], path, line) if "Time" in col else None
    if secs and secs > cu.ABSURD_SET_S:
        warnings.append(f"{path}:{line}: a set of {secs / 3600:.1f} h; kept as written")
    notes = f[col["Comment"]].strip() or None if "Comment" in col else None
    # Rows of one day interleave (supersets): number sets per (date, exercise),
    # docs/evidence/import-formats.md#fitnotes.
    occ, pos = 1, counts.get(exercise, 0) + 1
    counts[exercise] = pos
    started = datetime(day.year, day.month, day.day)
    return SetRecord(
        exercise_raw=exercise,
        exercise_occurrence=occ,
        position=pos,
        set_type="working",
        load_kg=load_kg,
        load_basis=load_basis(exercise, load_kg),
        reps=reps if reps or not (secs or distance_m) else None,
        duration_s=secs or None,
        distance_m=distance_m,
        notes=notes,
        source_row=row.raw,
        source_line=line,
        dedupe_key=dedupe_key(SOURCE, started, exercise, occ, pos),
    )


def exported_lb_to_kg(lb: float) -> float:
    """FitNotes stores kg and writes lb rounded to 0.01 at export
    (docs/evidence/import-formats.md#fitnotes: 77.16, 143.3,
    198.42 lb are 35, 65, 90 kg). When a kg value on a 5-g grid reproduces the written lb figure,
    that is what was entered; otherwise the lb figure is converted exactly."""
    exact = lb * KG_PER_LB
    on_grid = round(exact / 0.005) * 0.005
    if round(on_grid / KG_PER_LB, 2) == round(lb, 2):
        return round(on_grid, 3)
    return exact


def _row_unit(text: str, path: str, line: int, given: Unit | None) -> Unit:
    try:
        stated = parse_unit(text)
    except InvalidInput:
        raise FileFormatError(
            path, line, f"weight unit {cu.short(text)!r} is not known", "kgs or lbs"
        ) from None
    return check_unit(path, given, stated, f"Weight Unit on line {line}")


def _body_tracker(it: object, path: str, unit: Unit | None) -> ParsedFile:
    """The body-tracker export holds body weights, not sets: the latest becomes body mass."""
    from collections.abc import Iterator

    assert isinstance(it, Iterator)
    latest: tuple[str, float] | None = None
    for row in it:
        f = row.fields
        if len(f) != len(BODY_HEADER):
            raise FileFormatError(path, row.line, f"row has {len(f)} fields", "5 fields")
        if f[2].strip().lower() != "bodyweight":
            continue
        value = cu.non_negative(f[3], path, row.line, "value")
        if value is None:
            continue
        try:
            u = parse_unit(f[4])
        except InvalidInput:
            raise FileFormatError(
                path, row.line, f"unit {cu.short(f[4])!r} is not known", "kg or lbs"
            ) from None
        check_unit(path, unit, u, f"Unit on line {row.line}")
        stamp = f"{f[0].strip()} {f[1].strip()}"
        kg = value * KG_PER_LB if u == "lb" else value
        if latest is None or stamp >= latest[0]:
            latest = (stamp, kg)
    parsed = ParsedFile("fitnotes", [], [])
    if latest is not None:
        parsed.body_mass_kg = round(latest[1], 2)
        parsed.body_mass_on = latest[0][:10]
    return parsed
