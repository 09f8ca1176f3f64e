"""Shapes and helpers shared by every importer: the parse result, block numbering, dedupe keys,
load bases and the unit rules (docs/evidence/import-formats.md#dedupe-key,
docs/evidence/import-formats.md#unit-traps and
docs/evidence/import-formats.md#the-normalized-set-record)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal

from legday.domain.errors import Conflict, InvalidInput
from legday.domain.records import LoadBasis, SessionRecord, SetRecord
from legday.domain.terms import slot
from legday.domain.units import Unit

Format = Literal["strong", "hevy", "fitnotes", "jefit", "fit", "legday"]
FORMATS: tuple[Format, ...] = ("strong", "hevy", "fitnotes", "jefit", "fit", "legday")


@dataclass
class ParsedFile:
    """What an importer read: sessions in file order plus anything file-level."""

    format: Format
    sessions: list[SessionRecord]
    warnings: list[str] = field(default_factory=list)
    athlete: str | None = None  # the legday format names its athlete…
    athlete_unit: Unit | None = None  # …and the unit they see loads in
    assessments: list[dict[str, Any]] = field(default_factory=list)
    body_mass_kg: float | None = None  # latest body weight a file reports (FitNotes tracker)
    body_mass_on: str | None = None
    # the unit the loads were read in came from --unit: the file does not state one
    unit_assumed: Unit | None = None
    # A large file read by columns (interop/strong_bulk.py): its sets are here, and the sessions
    # hold none (``sets`` empty); only the app's import reads it.
    bulk: Any = None

    @property
    def set_count(self) -> int:
        if self.bulk is not None:
            return int(self.bulk.frame.height)
        return sum(len(s.sets) for s in self.sessions)


class BlockCounter:
    """Numbers sets the way docs/evidence/import-formats.md#the-normalized-set-record asks: a block
    is a run of rows of one exercise; ``occurrence`` is the n-th block of that name in the session;
    ``position`` the row order."""

    __slots__ = ("_last", "_pos", "_seen")

    def __init__(self) -> None:
        self._last: str | None = None
        self._seen: dict[str, int] = {}
        self._pos = 0

    def next(self, name: str) -> tuple[int, int]:
        if name != self._last:
            self._seen[name] = self._seen.get(name, 0) + 1
            self._last = name
            self._pos = 0
        self._pos += 1
        return self._seen[name], self._pos


def dedupe_key(source: str, started_at: datetime, name: str, occurrence: int, pos: int) -> str:
    """(source app, workout start, exercise name, occurrence, position) —
    docs/evidence/import-formats.md#dedupe-key.

    The name goes in verbatim when short (readable in the database), hashed when long, so the key
    stays within the 400 characters the column holds."""
    return dedupe_prefix(source, started_at, name, occurrence) + str(pos)


def dedupe_prefix(source: str, started_at: datetime, name: str, occurrence: int) -> str:
    """The dedupe key of a block without the position: a block's sets add ``str(pos)``."""
    return f"{source}|{_stamp(started_at)}|{block_label(name)}|{occurrence}|"


def block_label(name: str) -> str:
    """How an exercise name stands in a dedupe key: verbatim when short, else its digest."""
    return name if len(name) <= 200 else _digest(name)


STAMP_FORMAT = "%Y%m%dT%H%M%S"  # a session start in a dedupe key


@lru_cache(maxsize=1024)
def _stamp(started_at: datetime) -> str:
    return started_at.strftime(STAMP_FORMAT)


def _digest(name: str) -> str:
    from legday.interop.csvutil import key_hash

    return "#" + key_hash(name)


def load_basis(name: str, load_kg: float | None) -> LoadBasis:
    """Assisted exercises carry the assistance, not the load
    (docs/evidence/import-formats.md#strong-set-order and docs/evidence/import-formats.md#hevy); no
    load or a zero load is body weight."""
    if _assisted(name):
        return "assistance" if load_kg else "bodyweight"
    if load_kg is None or load_kg == 0:
        return "bodyweight"
    return "external"


@lru_cache(maxsize=4096)
def _assisted(name: str) -> bool:
    return "assist" in name.lower()


def require_unit(path: str, given: Unit | None, why: str) -> Unit:
    """The file does not say its unit: the user must (never a silent guess,
    docs/contracts/import.md#units)."""
    if given is None:
        raise InvalidInput(
            f"{path} does not say whether its loads are kg or lb ({why})",
            f"set {slot('unit')} to kg or lb: the unit the app showed when you exported",
        )
    return given


def check_unit(path: str, given: Unit | None, stated: Unit, where: str) -> Unit:
    """The file states its unit; a different ``--unit`` is refused rather than obeyed."""
    if given is not None and given != stated:
        raise Conflict(
            f"{path} states its loads are in {stated} ({where}) "
            f"but {slot('unit')} is set to {given}",
            f"set {slot('unit')} to {stated} or leave it out",
        )
    return stated


# Barbell loads of 250 and more are far likelier pounds than kilograms
# (docs/evidence/import-formats.md#strong-layout-a).
LB_CLUE_LOAD = 250.0


def check_assumed_unit(parsed: ParsedFile, path: str, unit_is_right: bool = False) -> None:
    """A --unit kg that the loads contradict (the heaviest suggests lb) is refused like a missing
    --unit, unless the user says it is right: a wrong unit inflates every load 2.2-fold."""
    if parsed.unit_assumed != "kg" or unit_is_right:
        return
    heaviest = (
        parsed.bulk.heaviest_external_kg
        if parsed.bulk is not None
        else max(
            (
                x.load_kg or 0.0
                for sess in parsed.sessions
                for x in sess.sets
                if x.load_basis == "external"
            ),
            default=0.0,
        )
    )
    if heaviest >= LB_CLUE_LOAD:
        raise InvalidInput(
            f"{path} does not say whether its loads are kg or lb, and {slot('unit')} is set to kg",
            f"set {slot('unit')} to kg or lb: the unit the app showed when you exported; the "
            f"heaviest load in the file is {heaviest:g}, which suggests lb (if kg is right, add "
            f"{slot('unit_is_right')})",
        )


def duration_warning(path: str, started_at: datetime, seconds: int | None) -> str | None:
    from legday.interop.csvutil import ABSURD_SESSION_S

    if seconds is not None and seconds > ABSURD_SESSION_S:
        hours = seconds / 3600
        return (
            f"{path}: session of {started_at:%Y-%m-%d %H:%M} lasted {hours:.1f} h "
            "(timer probably left running); kept as written"
        )
    return None


def shorten(text: str, limit: int) -> str:
    """A key longer than its column, shortened the same way every time (stays idempotent)."""
    if len(text) <= limit:
        return text
    from legday.interop.csvutil import key_hash

    return text[: limit - 21] + "#" + key_hash(text)


def session_identity(source: str, source_key: str | None, started_at: datetime) -> tuple[str, str]:
    """What makes a stored session the same one again: (source, source key); sessions logged in
    legday have no source key, and their start time identifies them."""
    key = "@" + started_at.isoformat() if source_key is None else shorten(source_key, 300)
    return (source[:20], key)


def set_identity(session: SessionRecord, x: SetRecord) -> str:
    """A set's dedupe key: its own, else derived the way importers derive it
    (docs/evidence/import-formats.md#dedupe-key)."""
    key = x.dedupe_key or dedupe_key(
        session.source, session.started_at, x.exercise_raw, x.exercise_occurrence, x.position
    )
    return shorten(key, 400)
