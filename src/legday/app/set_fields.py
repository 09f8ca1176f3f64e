"""What a set or a session sent to the server holds, and the checks it passes before it is
stored: a known exercise, loads, reps, seconds and efforts inside plausible ranges, a known side
and set type.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from legday.domain.errors import InvalidInput, NotFound
from legday.domain.records import SET_TYPES, SIDES

# Plausible ranges (ASVS 5.0 V2.2.1 allow-lists): a set heavier than 1000 kg or longer than
# 100 reps is a typo; RPE is the 1-10 scale of Zourdos et al. 2016.
MAX_LOAD_KG, MAX_REPS, MAX_SECONDS = 1000.0, 100, 86_400.0
RPE_RANGE = (1.0, 10.0)


@dataclass(frozen=True)
class SetFields:
    exercise_id: str
    load_kg: float | None = None
    reps: int | None = None
    seconds: float | None = None
    rpe: float | None = None
    side: str = "both"
    set_type: str = "working"
    notes: str | None = None


@dataclass(frozen=True)
class SessionFields:
    started_at: datetime | None = None
    name: str | None = None
    notes: str | None = None
    session_rpe: float | None = None
    duration_s: int | None = None


def known_exercise(exercise_id: str) -> str:
    from legday.domain.catalog.registry import load

    clean = exercise_id.strip().lower()
    try:
        load().get(clean)
    except NotFound as exc:  # a bad value in the request, not a missing resource
        raise InvalidInput(exc.message, exc.hint) from None
    return clean


def _range(name: str, value: float | None, low: float, high: float) -> None:
    if value is not None and (not math.isfinite(value) or not low <= value <= high):
        raise InvalidInput(
            f"{name} {value:g} is outside {low:g}-{high:g}", f"a {name} from {low:g} to {high:g}"
        )


def check_set(f: SetFields) -> SetFields:
    _range("load_kg", f.load_kg, 0.0, MAX_LOAD_KG)
    _range("reps", f.reps, 0, MAX_REPS)
    _range("seconds", f.seconds, 0.0, MAX_SECONDS)
    _range("rpe", f.rpe, *RPE_RANGE)
    if f.side not in SIDES:
        raise InvalidInput(f"unknown side {f.side!r}", "one of " + ", ".join(SIDES))
    if f.set_type not in SET_TYPES:
        raise InvalidInput(f"unknown set type {f.set_type!r}", "one of " + ", ".join(SET_TYPES))
    if f.reps is None and f.seconds is None:
        raise InvalidInput("a set needs reps or seconds")
    return f


def check_session(f: SessionFields) -> None:
    _range("session_rpe", f.session_rpe, 0.0, 10.0)
    _range("duration_s", f.duration_s, 0, MAX_SECONDS)
