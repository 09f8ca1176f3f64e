"""What an import answers (``ImportSummary``, docs/contracts/import.md) and what its caller
names (the athlete: an id or ``NewAthlete``; the progress callback), for both record paths
(legday.app.importing on an ORM unit, legday.app.import_plain on a plain one) and the column
path. This module imports no SQLAlchemy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from legday.domain.units import Unit
from legday.interop.common import ParsedFile

# stage ("read", "parse", "matching", "write", "aggregates"), done, total (None while unknown)
Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class ImportSummary:
    """Exactly the fields of docs/contracts/import.md."""

    format: str
    sessions_added: int
    sets_added: int  # every set row stored, warm-ups included
    sets_skipped_duplicate: int
    warmup_sets: int  # how many of sets_added are warm-ups
    exercises_matched: int  # distinct names resolved to a catalog exercise
    exercises_unknown: list[str] = field(default_factory=list)
    date_first: date | None = None
    date_last: date | None = None
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        doc = asdict(self)
        for k in ("date_first", "date_last"):
            doc[k] = doc[k].isoformat() if doc[k] else None
        return doc


@dataclass(frozen=True)
class NewAthlete:
    """Import into the actor's athlete called ``name``, made (with ``unit``) when they have none
    of that name: what a caller passes for a history that starts a new record. The file never
    chooses the athlete; a caller may use the name a file suggests (``ParsedFile.athlete``)."""

    name: str
    unit: Unit = "kg"


Target = int | NewAthlete  # an athlete id, or a new athlete


def of_records(
    parsed: ParsedFile,
    sessions_added: int,
    sets_added: int,
    skipped: int,
    warmups: int,
    names: dict[str, str | None],
    warnings: list[str],
) -> ImportSummary:
    """The summary of a file imported by records (``names``: raw name → catalog id or None)."""
    starts = [x.started_at.date() for x in parsed.sessions]
    return ImportSummary(
        format=parsed.format,
        sessions_added=sessions_added,
        sets_added=sets_added,
        sets_skipped_duplicate=skipped,
        warmup_sets=warmups,
        exercises_matched=sum(1 for i in names.values() if i is not None),
        exercises_unknown=sorted(n for n, i in names.items() if i is None),
        date_first=min(starts) if starts else None,
        date_last=max(starts) if starts else None,
        warnings=warnings,
    )


def given_names(parsed: ParsedFile) -> dict[str, str | None]:
    """Every raw name of the file's sets, with the id a file gave it (legday exports carry
    exercise_id), in order of appearance."""
    given: dict[str, str | None] = {}
    for sess in parsed.sessions:
        for x in sess.sets:
            if x.exercise_raw not in given or (x.exercise_id and not given[x.exercise_raw]):
                given[x.exercise_raw] = x.exercise_id
    return given


def resolve(remembered: dict[str, str], given: dict[str, str | None]) -> dict[str, str | None]:
    """Names (with the id a file gave, if any) → catalog id: the id given, else the athlete's
    own mapping (``remembered``: normalised name → id), then the catalog matcher."""
    from legday.domain.catalog.matching import match_name, matcher, normalize_name

    # The matcher's first step, taken here without its ranking of look-alikes (an import needs
    # the id, not the candidates): an exact name, alias or id wins outright.
    exact = matcher().exact
    out: dict[str, str | None] = {}
    for raw, preset in given.items():
        if preset:
            out[raw] = preset
            continue
        key = normalize_name(raw)
        mapped = remembered.get(key) or exact.get(key)
        out[raw] = mapped if mapped is not None else match_name(raw).id
    return out
