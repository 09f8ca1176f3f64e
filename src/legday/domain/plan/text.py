"""Plain-text doses for calendars, sheets and terminals: ``3 × 5 @ RPE 8, start 95 kg, rest 3:00``.
Loads are stored in kg and shown in the athlete's unit."""

from __future__ import annotations

from collections.abc import Mapping

from legday.domain.catalog.model import Exercise
from legday.domain.plan.model import Block
from legday.domain.plan.sessions import WARMUP_NAMES
from legday.domain.units import Unit, format_mass


def block_name(b: Block, exercises: Mapping[str, Exercise]) -> str:
    """What a coach reads: the warm-up routine's or the catalog exercise's name."""
    if b.routine is not None:
        return WARMUP_NAMES.get(b.routine, b.routine)
    ex = exercises.get(b.exercise_id)
    return ex.name if ex else b.exercise_id.replace("-", " ")


def intensity_text(b: Block) -> str:
    value = b.intensity
    if isinstance(value, str):  # plans written before levels were numbers
        return value.replace("-", " ")
    if b.intensity_key == "level":
        return f"level {value:g}" + (f" ({b.description})" if b.description else "")
    return {
        "pct_1rm": f"{value:g} % 1RM",
        "rpe": f"RPE {value:g}",
        "rir": f"{value:g} RIR",
        "pct_work": f"{value:g} % of the work weight",
    }.get(b.intensity_key, f"{value:g}")


def dose_text(b: Block, unit: Unit = "kg") -> str:
    if b.routine is not None:
        return f"{(b.seconds or 0) * b.sets / 60:g} min" + (
            f" ({b.description})" if b.description else ""
        )
    if b.distance_m is not None:
        amount = f"{b.sets} × {b.distance_m} m"
        text = f"{amount} @ {intensity_text(b)}"
        return text + (f", rest {b.rest_s // 60}:{b.rest_s % 60:02d}" if b.rest_s else "")
    if b.contacts is not None:
        amount = f"{b.sets} × {b.contacts} contacts"
    elif b.seconds is not None:
        amount = f"{b.sets} × {b.seconds} s"
    else:
        amount = f"{b.sets} × {b.reps}"
        if b.rep_range:
            amount += f" ({b.rep_range[0]}–{b.rep_range[1]})"
    text = f"{amount} @ {intensity_text(b)}"
    if b.load_kg is not None:
        text += f", start {format_mass(b.load_kg, unit)}"
    if b.rest_s and b.sets > 1:  # one set has no rest to keep
        text += f", rest {b.rest_s // 60}:{b.rest_s % 60:02d}"
    if b.side:
        text += f", {b.side} side"
    return text


def _names(ids: list[str], exercises: Mapping[str, Exercise]) -> str:
    return ", ".join(exercises[i].name if i in exercises else i.replace("-", " ") for i in ids)


def _plain(text: str) -> str:
    """A note for the person: without source keys in brackets."""
    import re

    return re.sub(r"\s*\[[A-Z0-9-]+\]", "", text).strip()


# The support levels' plain words (the balance progression's "two hands support" level and on).
SUPPORT_WORDS = {
    "two hands support": "holding on with both hands",
    "one hand support": "holding on with one hand",
    "eyes closed": "with the eyes closed",
    "no support": "without holding on",
}


def _support_words(level: str) -> str:
    """ ", holding on with both hands" for the level "two hands support" (empty without one)."""
    key = level.replace("-", " ").strip()
    if not key:
        return ""
    return ", " + SUPPORT_WORDS.get(key, key)


def home_lines(extras: Mapping[str, object], exercises: Mapping[str, Exercise]) -> list[str]:
    """Between-session practice in plain words (home balance bouts, walking, the pain rule), for
    the terminal, the printable sheet and the calendar. No rule ids, no command options."""
    out: list[str] = []
    home = extras.get("home_practice")
    if isinstance(home, Mapping):
        ids = [str(i) for i in home.get("exercises") or []]
        weekly = home.get("weekly_minutes")
        support = _support_words(str(home.get("support") or ""))
        out.append(
            f"Home balance practice every day: {home.get('balance_bouts_per_day')} × "
            f"{home.get('bout_minutes')} min ({_names(ids, exercises)}{support})."
        )
        if isinstance(weekly, Mapping):
            line = (
                f"A week holds {weekly.get('total')} min of balance and functional exercise "
                f"({weekly.get('sessions')} in sessions + {weekly.get('home')} at home) against "
                f"the ≥ {weekly.get('target')} min that prevent the most falls"
            )
            gap = weekly.get("gap")
            out.append(line + (f"; {gap} min short." if gap else "."))
    walking = extras.get("walking")
    if isinstance(walking, Mapping):
        out.append(
            f"Walking: {walking.get('per_week')} times a week, {walking.get('minutes')} min at a "
            f"{walking.get('pace')} pace (three 10-minute walks are fine)."
        )
    pain = extras.get("pain_monitoring")
    if isinstance(pain, str):
        out.append(_plain(pain))
    return out
