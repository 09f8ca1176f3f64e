"""Garmin ``.fit`` strength activities → a session (docs/evidence/import-formats.md#garmin-fit),
read with Garmin's own garmin-fit-sdk. Sets are ``set`` messages (global 225); rest sets are pauses,
not sets. Weights are always kg at 1/16-kg resolution; names come from the category + subtype enums
of the profile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from legday.domain.errors import FileFormatError
from legday.domain.records import SessionRecord, SetRecord
from legday.domain.units import KG_PER_LB, Unit
from legday.interop.common import BlockCounter, ParsedFile, check_unit, dedupe_key, load_basis

SOURCE = "fit"
FIT_MAGIC = b".FIT"  # bytes 8–11 of every FIT file header (FIT protocol, file header)
# FIT date_time zero (docs/evidence/import-formats.md#garmin-fit)
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)


def looks_like(data: bytes) -> bool:
    return len(data) >= 12 and data[8:12] == FIT_MAGIC


def parse(data: bytes, path: str, unit: Unit | None) -> ParsedFile:
    """A FIT activity's strength sets. ``unit`` is not needed: FIT always stores kg."""
    from garmin_fit_sdk import Decoder, Stream

    check_unit(path, unit, "kg", "FIT files store set weights in kilograms")

    if not looks_like(data):
        raise FileFormatError(
            path, None, "not a FIT file (no .FIT signature)", "a Garmin .fit file"
        )
    try:
        check = Decoder(Stream.from_byte_array(bytearray(data)))
        intact = check.is_fit() and check.check_integrity()
        decoded, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    except Exception as exc:  # the SDK raises bare exceptions on damaged input
        raise FileFormatError(
            path, None, f"the FIT file cannot be decoded ({exc})", "an intact .fit file"
        ) from None
    if errors or not intact:
        detail = str(errors[0]) if errors else "checksum or size mismatch"
        raise FileFormatError(
            path, None, f"the FIT file is truncated or corrupt ({detail})", "an intact .fit file"
        )
    messages: dict[str, Any] = dict(decoded)
    raw_sets = [dict(m) for m in messages.get("set_mesgs", []) if m.get("set_type") != "rest"]
    if not raw_sets:
        raise FileFormatError(
            path, None, "the FIT file holds no strength sets", "a strength activity"
        )
    offset = _local_offset(messages)
    session_msg = (messages.get("session_mesgs") or [{}])[0]
    start_utc = session_msg.get("start_time")
    if not isinstance(start_utc, datetime):
        stamps = [s.get("start_time") or s.get("timestamp") for s in raw_sets]
        known = [t for t in stamps if isinstance(t, datetime)]
        if not known:
            raise FileFormatError(path, None, "the sets carry no time", "timestamped set messages")
        start_utc = min(known)
    started = (start_utc + offset).replace(tzinfo=None)
    warnings: list[str] = []
    if offset == timedelta(0) and not _has_local(messages):
        warnings.append(f"{path}: no local time in the file; session time kept in UTC")
    blocks = BlockCounter()
    sets: list[SetRecord] = []
    for i, m in enumerate(raw_sets, start=1):
        name = exercise_name(m.get("category"), m.get("category_subtype"))
        occ, pos = blocks.next(name)
        load = _load_kg(m.get("weight"), m.get("weight_display_unit"))
        sets.append(
            SetRecord(
                exercise_raw=name,
                exercise_occurrence=occ,
                position=pos,
                load_kg=load,
                load_basis=load_basis(name, load),
                reps=m.get("repetitions"),
                duration_s=m.get("duration"),
                source_row=_describe(m),
                source_line=i,
                dedupe_key=dedupe_key(SOURCE, started, name, occ, pos),
            )
        )
    elapsed = session_msg.get("total_elapsed_time")
    session = SessionRecord(
        started_at=started,
        sets=tuple(sets),
        name="Garmin strength training",
        duration_s=round(elapsed) if elapsed else None,
        source=SOURCE,
        source_key=start_utc.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    return ParsedFile("fit", [session], warnings)


def exercise_name(category: Any, subtype: Any) -> str:
    """``squat`` + 6 → ``Barbell Back Squat`` through the SDK's profile
    (docs/evidence/import-formats.md#garmin-fit)."""
    from garmin_fit_sdk import Profile

    cat = category[0] if isinstance(category, list) else category
    sub = subtype[0] if isinstance(subtype, list) else subtype
    if not isinstance(cat, str) or cat == "unknown":
        return "Unknown exercise"
    names = Profile["types"].get(f"{cat}_exercise_name", {})
    name = names.get(sub) if isinstance(sub, int) else None
    return (name or cat).replace("_", " ").title()


def _load_kg(weight: Any, display: Any) -> float | None:
    if not isinstance(weight, int | float) or weight <= 0:
        return None
    if display == "pound":
        # Entered in lb, stored at 1/16 kg: round back to the 0.5 lb the user typed
        # (docs/evidence/import-formats.md#garmin-fit).
        return round(weight / KG_PER_LB * 2) / 2 * KG_PER_LB
    return float(weight)


def _has_local(messages: dict[str, Any]) -> bool:
    return any("local_timestamp" in a for a in messages.get("activity_mesgs", []))


def _local_offset(messages: dict[str, Any]) -> timedelta:
    for a in messages.get("activity_mesgs", []):
        local, utc = a.get("local_timestamp"), a.get("timestamp")
        if isinstance(local, int) and isinstance(utc, datetime):
            utc_s = int((utc - FIT_EPOCH).total_seconds())
            offset = timedelta(seconds=local - utc_s)
            # UTC offsets run from −12 to +14 h; anything else is a damaged field.
            return offset if abs(offset) <= timedelta(hours=14) else timedelta(0)
    return timedelta(0)


def _describe(m: dict[str, Any]) -> str:
    """The set message as text, kept like a CSV row so values can be re-derived later."""
    parts = [f"{k}={v.isoformat() if isinstance(v, datetime) else v}" for k, v in m.items()]
    return "; ".join(parts)
