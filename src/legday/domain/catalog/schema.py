"""The catalog's record schema: one TOML table → one validated :class:`Exercise`.

Every problem is reported with the file, the record id and the field, so that whoever edits the
data sees exactly which line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

from legday.domain.catalog.model import (
    BENEFITS,
    CONTRAINDICATION_VOCAB,
    DOSES,
    EQUIPMENT,
    IMPACTS,
    LATERALITIES,
    MUSCLE_WEIGHT_PRIMARY,
    MUSCLE_WEIGHT_SECONDARY,
    MUSCLES,
    PATTERNS,
    REGIONS,
    Exercise,
    Impact,
    Laterality,
    MuscleLoad,
    Region,
)
from legday.domain.errors import FileFormatError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MET_CODE = re.compile(r"^\d{5}$")  # Compendium codes are five digits (docs/evidence/met.md)
# 1 = first-session beginner … 5 = advanced athlete (docs/contracts/exercises.md#levels)
LEVELS = range(1, 6)

FIELDS: frozenset[str] = frozenset(
    {
        "id", "name", "aliases", "region", "pattern", "primary", "secondary", "laterality",
        "equipment", "level", "impact", "contacts_per_rep", "benefits", "contraindications",
        "met", "met_code", "regressions", "progressions", "cues", "dose", "hard_unloaded",
    }
)  # fmt: skip
REQUIRED: tuple[str, ...] = (
    "id", "name", "region", "pattern", "primary", "laterality", "equipment", "level", "impact",
    "benefits", "cues",
)  # fmt: skip


class RecordError(FileFormatError):
    """A catalog record that breaks the schema."""

    def __init__(self, file: str, record: str, field: str, problem: str, expected: str) -> None:
        super().__init__(file, None, f"exercise {record!r}, field {field!r}: {problem}", expected)
        self.record = record
        self.field = field


def parse_exercise(raw: Mapping[str, Any], file: str) -> Exercise:
    """Validate one record (file defaults already merged in) and build the Exercise."""
    rid = str(raw.get("id", "?"))

    def bad(field: str, problem: str, expected: str) -> RecordError:
        return RecordError(file, rid, field, problem, expected)

    unknown = sorted(set(raw) - FIELDS)
    if unknown:
        raise bad(unknown[0], "unknown field", "one of " + ", ".join(sorted(FIELDS)))
    for f in REQUIRED:
        if f not in raw:
            raise bad(f, "missing", "a value for every required field")

    def text(field: str) -> str:
        v = raw[field]
        if not isinstance(v, str) or not v.strip():
            raise bad(field, f"{v!r} is not a non-empty string", "text")
        return v.strip()

    def texts(field: str, vocab: tuple[str, ...] | None = None) -> tuple[str, ...]:
        v = raw.get(field, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
            raise bad(field, f"{v!r} is not a list of strings", "a list of strings")
        items = cast(list[str], v)
        if len(set(items)) != len(items):
            raise bad(field, "repeats an entry", "each entry once")
        if vocab is not None:
            for x in items:
                if x not in vocab:
                    raise bad(field, f"unknown value {x!r}", "one of " + ", ".join(vocab))
        return tuple(items)

    def choice(field: str, vocab: tuple[str, ...]) -> str:
        v = text(field)
        if v not in vocab:
            raise bad(field, f"unknown value {v!r}", "one of " + ", ".join(vocab))
        return v

    ex_id = text("id")
    if not SLUG.match(ex_id):
        raise bad("id", f"{ex_id!r} is not a kebab-case slug", "lowercase words joined by '-'")
    for f in ("regressions", "progressions"):
        for ref in texts(f):
            if not SLUG.match(ref):
                raise bad(f, f"{ref!r} is not a kebab-case slug", "exercise ids")

    primary = texts("primary", MUSCLES)
    secondary = texts("secondary", MUSCLES)
    if not primary:
        raise bad("primary", "no primary muscle", "at least one muscle")
    if set(primary) & set(secondary):
        raise bad("secondary", "lists a primary muscle again", "each muscle once")
    muscles = tuple(MuscleLoad(m, MUSCLE_WEIGHT_PRIMARY) for m in primary) + tuple(
        MuscleLoad(m, MUSCLE_WEIGHT_SECONDARY) for m in secondary
    )

    equipment = texts("equipment", EQUIPMENT)
    if not equipment:
        raise bad("equipment", "empty", 'at least one item ("none" for bodyweight)')
    if "none" in equipment and len(equipment) > 1:
        raise bad("equipment", '"none" together with other equipment', '"none" alone')

    level = raw["level"]
    if not isinstance(level, int) or isinstance(level, bool) or level not in LEVELS:
        raise bad("level", f"{level!r} is out of range", "a whole number 1–5")

    impact = choice("impact", IMPACTS)
    pattern = choice("pattern", PATTERNS)
    contacts = raw.get("contacts_per_rep")
    if contacts is not None and (
        not isinstance(contacts, int) or isinstance(contacts, bool) or not 1 <= contacts <= 20
    ):
        raise bad("contacts_per_rep", f"{contacts!r} is out of range", "a whole number 1–20")
    if pattern == "plyometric" and contacts is None:
        raise bad("contacts_per_rep", "missing on a plyometric", "foot contacts per repetition")

    met = raw.get("met")
    met_code = raw.get("met_code")
    if met is not None and (not isinstance(met, int | float) or not 1.0 <= float(met) <= 20.0):
        raise bad("met", f"{met!r} is out of range", "a MET value between 1 and 20")
    if met_code is not None and (not isinstance(met_code, str) or not MET_CODE.match(met_code)):
        raise bad("met_code", f"{met_code!r} is not a Compendium code", "five digits, e.g. 02052")
    if (met is None) != (met_code is None):
        raise bad("met", "met and met_code must be given together", "both or neither")

    cues = texts("cues")
    if not 2 <= len(cues) <= 3:
        raise bad("cues", f"{len(cues)} cues", "two or three short coaching cues")
    benefits = texts("benefits", BENEFITS)
    if not benefits:
        raise bad("benefits", "empty", "at least one benefit")

    hard = raw.get("hard_unloaded", False)
    if not isinstance(hard, bool):
        raise bad("hard_unloaded", f"{hard!r} is not true or false", "true or false")

    return Exercise(
        id=ex_id,
        name=text("name"),
        region=cast(Region, choice("region", REGIONS)),
        pattern=pattern,
        muscles=muscles,
        laterality=cast(Laterality, choice("laterality", LATERALITIES)),
        equipment=equipment,
        level=level,
        impact=cast(Impact, impact),
        benefits=benefits,
        aliases=texts("aliases"),
        contraindications=texts("contraindications", CONTRAINDICATION_VOCAB),
        contacts_per_rep=contacts,
        met=float(met) if met is not None else None,
        met_code=met_code,
        regressions=texts("regressions"),
        progressions=texts("progressions"),
        cues=cues,
        dose=cast(Any, choice("dose", DOSES)) if "dose" in raw else "reps",
        hard_unloaded=hard,
    )
