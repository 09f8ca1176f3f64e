"""Exercise names in the shorthand: a raw name to its catalog exercise (exact id, name or alias;
the athlete's own mapping; the catalog matcher), and whether the shorthand reads ``3x5`` as
sets × dose for an exercise (one that takes no load).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from legday.domain.catalog.model import Exercise
from legday.domain.errors import InvalidInput

# Equipment whose load a person can weigh; an exercise without any is done "without load" when
# the catalog doses it in seconds, contacts or metres (then `5x5` means sets × reps).
WEIGHABLE = frozenset(
    {"barbell", "dumbbell", "kettlebell", "trap-bar", "machine", "cable", "smith", "sled",
     "ankle-weights", "medicine-ball"}
)  # fmt: skip


def _exercise_key(text: str) -> str:
    return "-".join(text.lower().replace("_", " ").replace("-", " ").split())


def _exact_names(exercises: Iterable[Exercise]) -> dict[str, Exercise]:
    """Every exercise under its id, name and aliases, keyed as ``_exercise_key`` writes them (the
    first exercise wins a shared label)."""
    exact: dict[str, Exercise] = {}
    for ex in exercises:
        for label in (ex.id, ex.name, *ex.aliases):
            exact.setdefault(_exercise_key(label), ex)
    return exact


class Resolver:
    """Raw name → catalog exercise: exact id, name or alias first; then the athlete's own
    mapping (``legday exercises map``); then the catalog matcher. Caches per name."""

    def __init__(self, mapped: Mapping[str, str]) -> None:
        """``mapped``: the athlete's mappings, normalised raw name → exercise id."""
        from legday.domain.catalog import load

        self.catalog = load()
        self._exact = _exact_names(self.catalog.all())
        self._mapped = dict(mapped)
        self._cache: dict[str, Exercise | InvalidInput] = {}

    def find(self, name: str) -> Exercise | InvalidInput:
        if name not in self._cache:
            self._cache[name] = self._find(name)
        return self._cache[name]

    def _find(self, name: str) -> Exercise | InvalidInput:
        exact = self._exact.get(_exercise_key(name))
        if exact is not None:
            return exact
        from legday.domain.catalog.matching import match_name, normalize_name

        mapped = self._mapped.get(normalize_name(name))
        if mapped is not None and mapped in self.catalog:
            return self.catalog.get(mapped)
        m = match_name(name)
        if m.id is not None:
            return self.catalog.get(m.id)
        candidates = [c.id for c in m.candidates[:5]]
        if candidates:
            return InvalidInput(
                f"exercise {name!r} is ambiguous or unknown",
                "did you mean " + ", ".join(candidates) + "? (write the id)",
            )
        return InvalidInput(
            f"no exercise called {name!r}", "see `legday exercises list` for names and ids"
        )

    def exercise(self, name: str) -> Exercise:
        found = self.find(name)
        if isinstance(found, InvalidInput):
            raise found
        return found

    def loadless(self, name: str) -> bool:
        found = self.find(name)
        return isinstance(found, Exercise) and is_loadless(found)


# Implements a person holds or wears: a body-weight exercise whose catalog variant uses one is
# one people load ("split-squat 20x10/10" holds 20 kg dumbbells).
FREE_WEIGHTS = frozenset({"barbell", "dumbbell", "kettlebell", "trap-bar", "ankle-weights",
                          "medicine-ball"})  # fmt: skip


def is_loadless(ex: Exercise) -> bool:
    """Whether the shorthand reads ``3x5`` as sets × dose for ``ex`` (see shorthand module): no
    weighable equipment in the catalog, and — for exercises dosed in reps — no free-weight
    variant among its progressions or regressions (a Nordic curl, a Copenhagen plank: nothing to
    hold; a split squat has a dumbbell variant, so ``20x10`` stays 20 × 10)."""
    if set(ex.equipment) & WEIGHABLE:
        return False
    if ex.dose != "reps":
        return True
    from legday.domain.catalog import load

    cat = load()
    linked = (cat.get(x) for x in (*ex.progressions, *ex.regressions) if x in cat)
    return not any(set(other.equipment) & FREE_WEIGHTS for other in linked)


def loadless_by_name() -> Callable[[str], bool]:
    """A ``loadless`` hint for the shorthand that needs no database (catalog names/ids only)."""
    from legday.domain.catalog import load

    exact = _exact_names(load().all())

    def hint(name: str) -> bool:
        ex = exact.get(_exercise_key(name))
        return ex is not None and is_loadless(ex)

    return hint
