"""Which format is this file — from its bytes and header
(docs/evidence/import-formats.md#header-fingerprints) — and the one entry point that parses any
supported file."""

from __future__ import annotations

from collections.abc import Callable

from legday.domain.errors import FileFormatError, InvalidInput
from legday.domain.units import Unit
from legday.interop import (
    cells,
    fitnotes,
    garmin_fit,
    hevy,
    jefit,
    legday_format,
    strong,
    strong_body,
)
from legday.interop import csvutil as cu
from legday.interop.common import FORMATS, Format, ParsedFile


def detect(data: bytes, path: str) -> Format:
    """The format of ``data``; a clear error naming the formats we read when none fits."""
    if garmin_fit.looks_like(data):
        return "fit"
    head_bytes = data[:4096]
    try:
        head = head_bytes.decode("utf-8-sig", errors="replace")
    except LookupError:  # pragma: no cover - the codec always exists
        head = ""
    first = cu.first_line(head)
    if legday_format.looks_like(head):
        return "legday"
    if jefit.looks_like(head):
        return "jefit"
    if hevy.looks_like(first):
        return "hevy"
    if fitnotes.looks_like(first):
        return "fitnotes"
    if strong.looks_like(first) or strong_body.looks_like(first):
        return "strong"
    raise FileFormatError(
        path,
        1,
        f"cannot tell which app wrote this file (first line {cu.short(first, 60)!r})",
        "an export of Strong, Hevy, FitNotes, JEFIT, a Garmin .fit file or a legday export; "
        "or say which with --format",
    )


def unit_option(unit: str | None) -> Unit | None:
    """``--unit``: kg or lb (``lbs`` accepted); anything else is refused."""
    if unit is None:
        return None
    u = unit.strip().lower()
    if u == "kg":
        return "kg"
    if u in ("lb", "lbs"):
        return "lb"
    raise InvalidInput(f"unit {unit!r} is not known", "use --unit kg or --unit lb")


def check_format(fmt: str) -> Format:
    for f in FORMATS:
        if f == fmt.lower():
            return f
    raise InvalidInput(f"format {fmt!r} is not known", "use " + ", ".join(FORMATS))


def parse(
    data: bytes,
    path: str,
    fmt: Format | None = None,
    unit: Unit | None = None,
    on_lines: Callable[[int, int], None] | None = None,
) -> ParsedFile:
    """Parse ``data`` (the file's bytes) as ``fmt``, detected when not given; ``on_lines`` hears
    (lines read, lines in all) now and then on large text files."""
    token = cu.PROGRESS.set(on_lines)
    try:
        return _parse(data, path, fmt, unit)
    finally:
        cu.PROGRESS.reset(token)


def _parse(data: bytes, path: str, fmt: Format | None, unit: Unit | None) -> ParsedFile:
    chosen = fmt or detect(data, path)
    if chosen == "fit":
        return cells.check_parsed(garmin_fit.parse(data, path, unit), path)
    if garmin_fit.looks_like(data):
        raise FileFormatError(path, None, f"this is a FIT file, not {chosen}", "--format fit")
    text, warnings = cu.decode(data, path)
    if not text.strip():
        raise FileFormatError(path, 1, "the file is empty", f"a {chosen} export")
    reader = {
        "strong": strong.parse,
        "hevy": hevy.parse,
        "fitnotes": fitnotes.parse,
        "jefit": jefit.parse,
        "legday": legday_format.parse,
    }[chosen]
    if chosen == "strong" and strong_body.looks_like(cu.first_line(text)):
        reader = strong_body.parse
    parsed = reader(text, path, unit)
    parsed.warnings[:0] = warnings
    if chosen == "legday":
        return parsed  # checked as it is read: its source_line is the original app's line
    return cells.check_parsed(parsed, path)
