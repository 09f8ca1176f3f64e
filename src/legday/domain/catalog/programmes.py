"""Named programmes built from catalog exercises: FIFA 11+ and the Otago Exercise Programme.

Each programme is data (``data/programmes/*.toml``): parts, numbered items, and for each item
its levels as catalog ids, easiest first, with dose notes carrying their source status.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from legday.domain.catalog.registry import DATA_PACKAGE, Catalog, load
from legday.domain.errors import FileFormatError, NotFound


@dataclass(frozen=True, slots=True)
class ProgrammeItem:
    title: str
    levels: tuple[str, ...]  # catalog ids, easiest first
    number: int | None = None  # the programme's own numbering, where it has one
    dose: str | None = None


@dataclass(frozen=True, slots=True)
class ProgrammePart:
    name: str
    items: tuple[ProgrammeItem, ...]
    minutes: float | None = None


@dataclass(frozen=True, slots=True)
class Programme:
    id: str
    name: str
    source: str
    frequency: str
    parts: tuple[ProgrammePart, ...]

    def exercise_ids(self, level: int | None = None) -> tuple[str, ...]:
        """Every exercise id in order; with ``level`` (1-based) the one at that level per item
        (items with fewer levels give their hardest)."""
        out: list[str] = []
        for part in self.parts:
            for item in part.items:
                if level is None:
                    out.extend(i for i in item.levels if i not in out)
                else:
                    pick = item.levels[min(level, len(item.levels)) - 1]
                    if pick not in out:
                        out.append(pick)
        return tuple(out)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "frequency": self.frequency,
            "parts": [
                {
                    "name": p.name,
                    "minutes": p.minutes,
                    "items": [
                        {"number": i.number, "title": i.title, "levels": list(i.levels),
                         "dose": i.dose}
                        for i in p.items
                    ],
                }
                for p in self.parts
            ],
        }  # fmt: skip


def parse_programme(name: str, text: str, catalog: Catalog) -> Programme:
    """One programme file, with every exercise id checked against ``catalog``."""

    def bad(problem: str, expected: str) -> FileFormatError:
        return FileFormatError(name, None, problem, expected)

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise bad(f"not valid TOML: {exc}", "TOML 1.0") from exc
    for key in ("id", "name", "source", "frequency", "part"):
        if key not in doc:
            raise bad(f"missing {key!r}", "id, name, source, frequency and [[part]] tables")
    parts: list[ProgrammePart] = []
    for p in doc["part"]:
        items: list[ProgrammeItem] = []
        for it in p.get("item", []):
            levels = tuple(it.get("levels", ()))
            if not levels:
                raise bad(f"item {it.get('title')!r} has no levels", "one or more exercise ids")
            for ex_id in levels:
                if ex_id not in catalog:
                    raise bad(f"item {it.get('title')!r}: unknown exercise {ex_id!r}", "ids")
            items.append(ProgrammeItem(str(it["title"]), levels, it.get("number"), it.get("dose")))
        minutes = p.get("minutes")
        parts.append(ProgrammePart(str(p["name"]), tuple(items), minutes))
    return Programme(
        str(doc["id"]), str(doc["name"]), str(doc["source"]), str(doc["frequency"]), tuple(parts)
    )


@cache
def programmes() -> dict[str, Programme]:
    """The shipped programmes by id (``fifa-11-plus``, ``otago``)."""
    root = resources.files(DATA_PACKAGE).joinpath("data").joinpath("programmes")
    out: dict[str, Programme] = {}
    for f in sorted(root.iterdir(), key=lambda f: f.name):
        if f.name.endswith(".toml"):
            prog = parse_programme(f.name, f.read_text(encoding="utf-8"), load())
            out[prog.id] = prog
    return out


def programme(programme_id: str) -> Programme:
    found = programmes().get(programme_id)
    if found is None:
        raise NotFound(f"no programme {programme_id!r}", "one of " + ", ".join(programmes()))
    return found
