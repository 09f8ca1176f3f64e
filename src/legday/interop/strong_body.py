"""Strong's body-weight export, ``"Date";"Weight (kg)"``
(docs/evidence/import-formats.md#strong-body-weight): no sets, but the latest body weight is what
relative-strength figures need."""

from __future__ import annotations

from datetime import datetime

from legday.domain.errors import FileFormatError
from legday.domain.units import KG_PER_LB, Unit
from legday.interop import csvutil as cu
from legday.interop.common import ParsedFile, check_unit

HEADERS: dict[str, Unit] = {"weight (kg)": "kg", "weight (lbs)": "lb", "weight (lb)": "lb"}


def looks_like(header: str) -> bool:
    cells = [cu.fold(c.strip().strip('"')) for c in header.replace(";", ",").split(",")]
    return len(cells) == 2 and cells[0] == "date" and cells[1] in HEADERS


def parse(text: str, path: str, unit: Unit | None) -> ParsedFile:
    delim = cu.sniff_delimiter(cu.first_line(text))
    it = cu.rows(text, path, delim)
    head = next(it, None)
    if head is None or len(head.fields) != 2 or cu.fold(head.fields[1]) not in HEADERS:
        raise FileFormatError(path, 1, "not a Strong body-weight export", '"Date";"Weight (kg)"')
    stated = HEADERS[cu.fold(head.fields[1])]
    check_unit(path, unit, stated, f"header {head.fields[1]!r}")
    latest: tuple[datetime, float] | None = None
    for row in it:
        if len(row.fields) != 2:
            raise FileFormatError(path, row.line, f"row has {len(row.fields)} fields", "2")
        try:
            when = datetime.fromisoformat(row.fields[0].strip()).replace(tzinfo=None)
        except ValueError:
            raise FileFormatError(
                path, row.line, f"date {cu.short(row.fields[0])!r} is not readable", "ISO date"
            ) from None
        value = cu.non_negative(row.fields[1], path, row.line, "weight")
        if value is None:
            continue
        kg = cu.snap_kg(value * KG_PER_LB if stated == "lb" else value)
        if latest is None or when >= latest[0]:
            latest = (when, kg)
    parsed = ParsedFile("strong", [])
    if latest is not None:
        parsed.body_mass_kg = round(latest[1], 2)
        parsed.body_mass_on = latest[0].date().isoformat()
    return parsed
