"""Pure queries over the catalog: filters, the planner's helpers and the progression graph."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from legday.domain.catalog.model import (
    BENEFITS,
    EQUIPMENT,
    LIMITATIONS,
    MUSCLE_GROUPS,
    MUSCLES,
    PATTERNS,
    REGIONS,
    Exercise,
)
from legday.domain.catalog.registry import Catalog
from legday.domain.errors import InvalidInput

# Everything in EQUIPMENT: what "a full gym" means for the planner and the integrity tests.
FULL_GYM: tuple[str, ...] = EQUIPMENT
BODYWEIGHT: tuple[str, ...] = ("none",)


def _check(value: str, vocab: Iterable[str], what: str) -> str:
    known = tuple(vocab)
    v = value.strip().lower()
    if v not in known:
        raise InvalidInput(f"unknown {what} {value!r}", "one of " + ", ".join(known))
    return v


def muscles_for(name: str) -> tuple[str, ...]:
    """A muscle id, or an everyday group name (``calves``, ``glutes``) expanded to its muscles."""
    key = name.strip().lower()
    if key in MUSCLE_GROUPS:
        return MUSCLE_GROUPS[key]
    return (_check(key, MUSCLES + tuple(MUSCLE_GROUPS), "muscle"),)


def fits_equipment(ex: Exercise, available: Iterable[str]) -> bool:
    """True when every item the exercise needs is available ("none" always is)."""
    have = set(available) | {"none"}
    return all(item in have for item in ex.equipment)


def allowed_for(ex: Exercise, limitations: Iterable[str]) -> bool:
    """False when the exercise is contraindicated for any of the person's limitations."""
    return not (set(ex.contraindications) & set(limitations))


def by_pattern(catalog: Catalog, pattern: str) -> tuple[Exercise, ...]:
    p = _check(pattern, PATTERNS, "pattern")
    return tuple(ex for ex in catalog if ex.pattern == p)


def filter_exercises(
    catalog: Catalog,
    *,
    pattern: str | None = None,
    muscle: str | None = None,
    equipment: Iterable[str] | None = None,
    region: str | None = None,
    benefit: str | None = None,
    exclude_limitations: Iterable[str] = (),
    primary_only: bool = False,
) -> tuple[Exercise, ...]:
    """Exercises matching every given criterion, in catalog order.

    ``equipment`` is what is available: an exercise fits when all it needs is in that list.
    ``muscle`` matches primary and secondary muscles (or only primary with ``primary_only``).
    """
    p = _check(pattern, PATTERNS, "pattern") if pattern else None
    r = _check(region, REGIONS, "region") if region else None
    b = _check(benefit, BENEFITS, "benefit") if benefit else None
    wanted = set(muscles_for(muscle)) if muscle else None
    have = [_check(e, EQUIPMENT, "equipment") for e in equipment] if equipment is not None else None
    limits = [_check(x, LIMITATIONS, "limitation") for x in exclude_limitations]
    out: list[Exercise] = []
    for ex in catalog:
        if p and ex.pattern != p:
            continue
        if r and ex.region != r:
            continue
        if b and b not in ex.benefits:
            continue
        if wanted is not None:
            worked = set(ex.primary_muscles if primary_only else (m.muscle for m in ex.muscles))
            if not worked & wanted:
                continue
        if have is not None and not fits_equipment(ex, have):
            continue
        if limits and not allowed_for(ex, limits):
            continue
        out.append(ex)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ProgressionGraph:
    """Directed edges easier → harder between exercise ids."""

    harder: Mapping[str, tuple[str, ...]]
    easier: Mapping[str, tuple[str, ...]]

    def chain_up(self, exercise_id: str) -> tuple[str, ...]:
        """Every exercise reachable by progressing from ``exercise_id`` (breadth first)."""
        return _walk(self.harder, exercise_id)

    def chain_down(self, exercise_id: str) -> tuple[str, ...]:
        """Every exercise reachable by regressing from ``exercise_id`` (breadth first)."""
        return _walk(self.easier, exercise_id)

    def find_cycle(self) -> tuple[str, ...] | None:
        """One cycle in the easier → harder edges, or None (a valid catalog has none)."""
        white, grey, black = 0, 1, 2
        colour = dict.fromkeys(self.harder, white)
        stack: list[str] = []

        def visit(node: str) -> tuple[str, ...] | None:
            colour[node] = grey
            stack.append(node)
            for nxt in self.harder.get(node, ()):
                state = colour.get(nxt, white)
                if state == grey:
                    return (*stack[stack.index(nxt) :], nxt)
                if state == white:
                    found = visit(nxt)
                    if found:
                        return found
            stack.pop()
            colour[node] = black
            return None

        for node in list(self.harder):
            if colour[node] == white:
                found = visit(node)
                if found:
                    return found
        return None


def _walk(edges: Mapping[str, tuple[str, ...]], start: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    todo = list(edges.get(start, ()))
    while todo:
        nxt = todo.pop(0)
        if nxt in seen or nxt == start:
            continue
        seen[nxt] = None
        todo.extend(edges.get(nxt, ()))
    return tuple(seen)


def progression_graph(catalog: Catalog) -> ProgressionGraph:
    """The catalog's progressions as a graph (regressions are the same edges reversed)."""
    harder: dict[str, list[str]] = {ex.id: [] for ex in catalog}
    easier: dict[str, list[str]] = {ex.id: [] for ex in catalog}
    for ex in catalog:
        for nxt in ex.progressions:
            if nxt not in harder[ex.id]:
                harder[ex.id].append(nxt)
            if ex.id not in easier[nxt]:
                easier[nxt].append(ex.id)
        for prev in ex.regressions:
            if ex.id not in harder[prev]:
                harder[prev].append(ex.id)
            if prev not in easier[ex.id]:
                easier[ex.id].append(prev)
    return ProgressionGraph(
        harder={k: tuple(v) for k, v in harder.items()},
        easier={k: tuple(v) for k, v in easier.items()},
    )


def easier_options(
    catalog: Catalog, exercise_id: str, limitations: Iterable[str] = ()
) -> tuple[Exercise, ...]:
    """Regressions of an exercise (direct first) that the person's limitations allow."""
    chain = progression_graph(catalog).chain_down(exercise_id)
    limits = tuple(limitations)
    return tuple(catalog.get(i) for i in chain if allowed_for(catalog.get(i), limits))


def harder_options(
    catalog: Catalog, exercise_id: str, limitations: Iterable[str] = ()
) -> tuple[Exercise, ...]:
    """Progressions of an exercise (direct first) that the person's limitations allow."""
    chain = progression_graph(catalog).chain_up(exercise_id)
    limits = tuple(limitations)
    return tuple(catalog.get(i) for i in chain if allowed_for(catalog.get(i), limits))


def coverage(catalog: Catalog) -> dict[str, dict[str, int]]:
    """Counts by pattern and by benefit (every known value listed, zeros included)."""
    by_p = dict.fromkeys(PATTERNS, 0)
    by_b = dict.fromkeys(BENEFITS, 0)
    by_r = dict.fromkeys(REGIONS, 0)
    for ex in catalog:
        by_p[ex.pattern] += 1
        by_r[ex.region] += 1
        for b in ex.benefits:
            by_b[b] += 1
    return {"pattern": by_p, "benefit": by_b, "region": by_r}
