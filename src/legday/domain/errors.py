"""Errors the user can act on.

Every shell (CLI, web) turns a :class:`LegdayError` into one line — what was wrong and what would be
right — and exit code 1 (or a problem-details response). Anything else escaping is a bug.

Messages and hints name what the user can give by slots (``legday.domain.terms``), never by a
command-line option: each shell phrases them with :meth:`LegdayError.phrased`
(docs/conventions.md#hints).
"""

from __future__ import annotations

from legday.domain.terms import Words, phrase


class LegdayError(Exception):
    """Base class: a problem the user can fix. ``hint`` says what to do about it; ``field`` is the
    neutral name of the input at fault when there is one (``"date_from"``, ``"equipment"``), for a
    shell that points at it (the web's JSON field)."""

    def __init__(self, message: str, hint: str | None = None, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field

    def phrased(self, words: Words | None = None) -> str:
        """The one line a shell shows, its slots in the shell's words."""
        text = f"{self.message} ({self.hint})" if self.hint else self.message
        return phrase(text, words)

    def __str__(self) -> str:
        return self.phrased()


class InvalidInput(LegdayError):
    """A value outside what is possible or what a formula or table covers."""


class NotFound(LegdayError):
    """An athlete, exercise, test, session or plan that does not exist."""


class Conflict(LegdayError):
    """The request clashes with what is stored (a duplicate name, a unit that disagrees…)."""


class FileFormatError(LegdayError):
    """A file that cannot be read as the format it claims; message is ``FILE:LINE: problem``."""

    def __init__(self, path: str, line: int | None, problem: str, expected: str | None = None):
        where = f"{path}:{line}" if line is not None else path
        text = f"{where}: {problem}"
        if expected:
            text += f"; expected {expected}"
        super().__init__(text)
        self.path = path
        self.line = line
        self.problem = problem
        self.expected = expected


class StorageError(LegdayError):
    """The database cannot be opened, reached, written or is of an unknown version."""
