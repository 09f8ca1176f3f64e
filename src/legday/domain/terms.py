"""The inputs and references that errors, hints and warnings name, in words no shell owns.

The domain never writes a command-line option or a JSON key into a message: where a message
names something the user can give ("the start date", "the equipment") it writes a *slot*,
``{start}``, made with :func:`slot`. Each shell fills the slots with its own words — the CLI with
its option, the web with its JSON field — through :func:`phrase`; without a shell's table a slot
reads as the plain words below. Stored text (an assessment's or a plan's warnings)
keeps its slots, so it reads right in every shell. The design: docs/conventions.md#hints.

Two kinds of names:

- the inputs and references of :data:`TERMS`;
- a test's own measurements, ``{value:NAME}`` (``value_slot("pm-left")``), NAME as in the test's
  data file — every test has its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

# Neutral name → plain words (what a reader sees where no shell names it otherwise).
TERMS: Mapping[str, str] = {
    # inputs of a person, a test or a plan
    "age": "the age",
    "sex": "the sex",
    "mass_kg": "the body mass",
    "nearest_band": "the nearest-band option",
    "equipment": "the equipment",
    "start": "the start date",
    "date_from": "the first day",
    "date_to": "the last day",
    "database": "the database",
    "athlete": "the athlete",
    "date": "the date",
    "time": "the start time",
    "session_rpe": "the session RPE",
    "minutes": "the minutes per session",
    "days": "the days a week",
    "weeks": "the number of weeks",
    "goals": "the goals",
    "notes": "the notes",
    "sets": "the sets",
    "clear_notes": "the option that clears the notes",
    "clear_session_rpe": "the option that clears the session RPE",
    "clear_minutes": "the option that clears the minutes",
    "format": "the format",
    "out": "the output folder",
    "unit": "the unit of the file's loads",
    "unit_is_right": "the confirmation that this unit is right",
    # documents and lists a hint points to
    "plan_json": "the plan's JSON document (docs/plan-format.md)",
    "progression_settings": "the list of progression settings",
    "exercise_list": "the exercise list",
    "plan_exercises": "the plan",
    "shorthand_help": "the shorthand grammar",
}

VALUE = "value"  # the namespace of a test's own measurements: {value:NAME}
_SLOT = re.compile(r"\{([a-z_]+)(?::([a-z0-9*-]+))?\}")


def slot(name: str) -> str:
    """The slot for an input or reference of :data:`TERMS` (a typo fails here, not on screen)."""
    if name not in TERMS:
        raise KeyError(f"no term {name!r} in legday.domain.terms.TERMS")
    return "{" + name + "}"


def value_slot(name: str) -> str:
    """The slot for one of a test's measurements (NAME as in its data file)."""
    return "{" + VALUE + ":" + name + "}"


def slots(text: str) -> list[str]:
    """The names of the slots in ``text``: ``age``, ``value:pm-left``…"""
    return [m.group(0)[1:-1] for m in _SLOT.finditer(text) if _known(m)]


def _known(m: re.Match[str]) -> bool:
    name, sub = m.group(1), m.group(2)
    return (name == VALUE and sub is not None) or (sub is None and name in TERMS)


Words = Mapping[str, str] | Callable[[str, str | None], str | None]


def phrase(text: str, words: Words | None = None) -> str:
    """``text`` with its slots in a shell's words. ``words`` maps a term to its words, or is a
    function (name, value name or None) → words; a slot it leaves out reads as plain words."""

    def fill(m: re.Match[str]) -> str:
        if not _known(m):
            return m.group(0)  # braces that are not a slot (a user's text) stay as they are
        name, sub = m.group(1), m.group(2)
        said: str | None = None
        if callable(words):
            said = words(name, sub)
        elif words is not None:
            said = words.get(m.group(0)[1:-1])
        if said is not None:
            return said
        return sub if sub is not None else TERMS[name]

    return _SLOT.sub(fill, text)
