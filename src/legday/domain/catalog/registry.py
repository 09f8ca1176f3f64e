"""The loaded catalog: every exercise by id, read once from the package's TOML files.

Each data file holds an optional ``[defaults]`` table (fields shared by the whole family, e.g.
``pattern = "squat"``) and one ``[[exercise]]`` table per exercise. Links are stored one way in
the data when convenient: if A lists B under ``progressions``, B gets A under ``regressions``
(and the other way round), so the graph is always two-way consistent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

from legday.domain.catalog.model import Exercise
from legday.domain.catalog.schema import RecordError, parse_exercise
from legday.domain.errors import FileFormatError, NotFound
from legday.domain.terms import slot

DATA_PACKAGE = "legday.domain.catalog"  # files live in its data/ folder


class Catalog:
    """An immutable set of exercises, in data-file order."""

    def __init__(self, exercises: Iterable[Exercise], version: str = "") -> None:
        self._by_id: dict[str, Exercise] = {}
        for ex in exercises:
            self._by_id[ex.id] = ex
        # A digest of the data files: changes whenever any record does (stamp it on imports
        # and cached matches to know which catalog they were made against).
        self.version = version

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id; NotFound names the closest ids when there is none."""
        ex = self._by_id.get(exercise_id)
        if ex is not None:
            return ex
        hint = f"see {slot('exercise_list')}"
        close = self.suggest(exercise_id)
        if close:
            hint = "did you mean " + ", ".join(close) + "?"
        raise NotFound(f"no exercise with id {exercise_id!r}", hint)

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Ids that look like ``text`` (for error messages)."""
        from rapidfuzz import fuzz, process

        hits = process.extract(text, list(self._by_id), scorer=fuzz.WRatio, limit=limit)
        return tuple(str(h[0]) for h in hits if h[1] >= 60)

    def all(self) -> tuple[Exercise, ...]:
        return tuple(self._by_id.values())

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)


def parse_file(name: str, text: str) -> list[Exercise]:
    """Exercises of one data file (file name used in error messages)."""
    import tomllib  # only when the compiled catalog cannot be used (catalog/compiled.py)

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FileFormatError(name, None, f"not valid TOML: {exc}", "TOML 1.0") from exc
    extra = sorted(set(doc) - {"defaults", "exercise"})
    if extra:
        raise FileFormatError(name, None, f"unknown table {extra[0]!r}", "[defaults], [[exercise]]")
    defaults: Mapping[str, Any] = doc.get("defaults", {})
    records = doc.get("exercise", [])
    if not isinstance(records, list) or not records:
        raise FileFormatError(name, None, "no [[exercise]] records", "one or more exercises")
    return [parse_exercise({**defaults, **rec}, name) for rec in records]


def build(files: Iterable[tuple[str, str]]) -> Catalog:
    """Parse and cross-check files given as (name, text) pairs."""
    found: dict[str, tuple[str, Exercise]] = {}
    digest = hashlib.sha256()
    for name, text in files:
        digest.update(name.encode() + b"\0" + text.encode() + b"\0")
        for ex in parse_file(name, text):
            if ex.id in found:
                other = found[ex.id][0]
                raise RecordError(name, ex.id, "id", f"also defined in {other}", "unique ids")
            found[ex.id] = (name, ex)
    regress: dict[str, list[str]] = {k: list(ex.regressions) for k, (_, ex) in found.items()}
    progress: dict[str, list[str]] = {k: list(ex.progressions) for k, (_, ex) in found.items()}
    for key, (name, ex) in found.items():
        for field, refs, inverse in (
            ("regressions", ex.regressions, progress),
            ("progressions", ex.progressions, regress),
        ):
            for ref in refs:
                if ref not in found:
                    raise RecordError(name, key, field, f"unknown id {ref!r}", "existing ids")
                if ref == key:
                    raise RecordError(name, key, field, "refers to itself", "other exercises")
                if key not in inverse[ref]:
                    inverse[ref].append(key)
    return Catalog(
        (
            replace(ex, regressions=tuple(regress[k]), progressions=tuple(progress[k]))
            for k, (_, ex) in found.items()
        ),
        version=digest.hexdigest()[:12],
    )


def data_files() -> list[tuple[str, str]]:
    """The package's catalog files, sorted by name, as (name, text)."""
    root = resources.files(DATA_PACKAGE).joinpath("data")
    files = sorted((f for f in root.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


@cache
def load() -> Catalog:
    """The catalog shipped with legday, once per process: the compiled form when it matches the
    data files (catalog/compiled.py), else read and validated from the TOML files."""
    from legday.domain.catalog import compiled

    files = data_files()
    return compiled.read(files) or build(files)
