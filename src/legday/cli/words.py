"""The CLI's words for what the core names neutrally: options for inputs, commands for references.

The domain and the use-cases write ``{start}`` where a message names an input
(``legday.domain.terms``); this is the one table that turns those names into this shell's
syntax, so an option renamed here is renamed in every message (docs/conventions.md#hints).
Imports nothing heavy: the error path of every command uses it.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legday.app.analysis_results import Analysis

# Neutral name (legday.domain.terms.TERMS) → the CLI's words for it.
WORDS: Mapping[str, str] = {
    "age": "--age",
    "sex": "--sex",
    "mass_kg": "--mass-kg",
    "nearest_band": "--nearest-band",
    "equipment": "--equipment",
    "start": "--start",
    "date_from": "--from",
    "date_to": "--to",
    "database": "--db",
    "athlete": "--athlete",
    "date": "--date",
    "time": "--time",
    "session_rpe": "--session-rpe",
    "minutes": "--minutes",
    "days": "--days",
    "weeks": "--weeks",
    "goals": "--goal",
    "notes": "--notes",
    "sets": "--sets",
    "clear_notes": "--clear-notes",
    "clear_session_rpe": "--clear-session-rpe",
    "clear_minutes": "--clear-minutes",
    "format": "--format",
    "out": "--out",
    "unit": "--unit",
    "unit_is_right": "--unit-is-right",
    "plan_json": "`legday plan export --format json`",
    "progression_settings": "`legday next --show-rules`",
    "exercise_list": "`legday exercises list`",
    "plan_exercises": "`legday plan show`",
    "shorthand_help": "`legday log --help`",
}


def cli_word(name: str, value: str | None) -> str | None:
    """A slot in CLI words: a term from :data:`WORDS`; a test's measurement is its option,
    ``--NAME`` (``assess score`` takes each measurement of the test's data file as one)."""
    if value is not None:
        return f"--{value}"
    return WORDS.get(name)


def say(text: str) -> str:
    """``text`` (an error, hint or warning from the core) in the CLI's words."""
    from legday.domain.terms import phrase

    return phrase(text, cli_word)


def say_error(exc: Any) -> str:
    """A core error (``LegdayError``) as the CLI's one line: message and hint in its words."""
    return str(exc.phrased(cli_word))


def say_all(texts: Any) -> list[Any]:
    """A list of warnings in the CLI's words (anything not text is left as it is)."""
    return [say(t) if isinstance(t, str) else t for t in texts or ()]


def said_warnings(doc: Any) -> Any:
    """``doc`` with every list under a ``warnings`` key in the CLI's words (the core stores and
    returns warnings with their slots; ``emit_json`` passes each document through here)."""
    if isinstance(doc, dict):
        return {
            k: say_all(v) if k == "warnings" and isinstance(v, list | tuple) else said_warnings(v)
            for k, v in doc.items()
        }
    if isinstance(doc, list | tuple):
        return [said_warnings(v) for v in doc]
    return doc


def plan_command(fix: Mapping[str, Any], athlete: str | None = None) -> str:
    """The ``legday plan generate`` line that applies an audit's fix
    (``{"goals", "days", "minutes"}``, docs/contracts/analyze.md#neglect)."""
    parts = ["legday", "plan", "generate"]
    if athlete:
        parts += ["--athlete", athlete]
    for goal in fix["goals"]:
        parts += ["--goal", str(goal)]
    parts += ["--days", str(fix["days"]), "--minutes", str(fix["minutes"])]
    return shlex.join(parts)


def with_plan_command(analysis: Analysis, athlete: str | None) -> Analysis:
    """The analysis with ``neglect.prescription``: its fix as a command line (or None)."""
    from dataclasses import replace

    neglect: dict[str, Any] = {}
    for key, value in analysis.neglect.items():
        neglect[key] = value
        if key == "fix":  # the command line right after the values it is made of
            neglect["prescription"] = plan_command(value, athlete) if value else None
    return replace(analysis, neglect=neglect)
