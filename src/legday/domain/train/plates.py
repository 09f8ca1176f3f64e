"""Plate loading: which plates go on each side of the bar, and what load the athlete can build.

The solver is exact. Greedy-from-largest is wrong for some plate sets: 90 kg on a 20 kg bar with
25/20/15 kg plates needs 35 kg a side, which greedy misses (25 + nothing fits) but 20 + 15 builds.
We solve a bounded "fewest coins" problem per side by dynamic programming over plate types:

* the answer is the heaviest load **not above** the target that the plates can build;
* among the ways to build it, the one with the fewest plates; among those, the heaviest plates
  first (so the answer is the same every time).

Units are just numbers here: the caller passes bar, plates and target in one unit (kg or lb).

The athlete's own equipment lives in ``athlete.profile["equipment_loading"]``, a JSON object:

=============  ===============================================================================
key            meaning
=============  ===============================================================================
``unit``       ``"kg"`` or ``"lb"``: the unit of every number below (default: athlete's unit)
``bar``        the bar's mass (default 20 kg / 45 lb)
``plates``     plate masses available, any order (default: the set for the unit, below)
``pairs``      how many PAIRS of each plate: one integer for every plate, or an object
               ``{"25": 1, "20": 2}`` (plates not named are unlimited); absent = unlimited
``dumbbells``  the fixed dumbbells owned, the mass of ONE dumbbell each, e.g. ``[5, 7.5, 10]``
=============  ===============================================================================
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from legday.domain.errors import InvalidInput
from legday.domain.units import Unit, from_kg, to_kg

# IPF Technical Rules of Powerlifting (2023), §"Discs": competition discs of 25, 20, 15, 10, 5,
# 2.5 and 1.25 kg on a 20 kg bar (the 0.5/0.25 kg record discs are left out of a gym default).
DEFAULT_KG_BAR = 20.0
DEFAULT_KG_PLATES: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
# The usual North American gym set: a 45 lb Olympic bar and 45/35/25/10/5/2.5 lb plates
# (practitioner convention, the set the brief for this issue names; no standard body defines it).
DEFAULT_LB_BAR = 45.0
DEFAULT_LB_PLATES: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)

# Plates are compared as integers in thousandths of the unit, so 1.25 + 1.25 == 2.5 exactly and
# fractional plates down to 0.001 (e.g. 0.625 lb micro-plates) are represented without error.
_SCALE = 1000
# A guard on the size of the search (number of distinct per-side amounts): 10^6 steps is far
# beyond any real bar (500 kg a side with 0.5 kg steps is 1000) and still takes well under 1 s.
_MAX_STEPS = 1_000_000
# Typo guard: no bar is loaded with more than this many units (kg or lb); legday's choice.
MAX_TARGET = 5000.0

Pairs = Mapping[float, int] | int | None
Implement = Literal["barbell", "dumbbell"]


@dataclass(frozen=True, slots=True)
class PlateSolution:
    """Plates for ONE side, heaviest first, and the total load they make with the bar."""

    per_side: tuple[float, ...]
    achievable: float

    @property
    def plate_count(self) -> int:
        """Plates on the whole bar (both sides)."""
        return 2 * len(self.per_side)


@dataclass(frozen=True)
class LoadingSetup:
    """What an athlete can load: a bar with plates, and fixed dumbbells. All in ``unit``."""

    unit: Unit = "kg"
    bar: float = DEFAULT_KG_BAR
    plates: tuple[float, ...] = DEFAULT_KG_PLATES
    pairs: Mapping[float, int] | int | None = None
    dumbbells: tuple[float, ...] = field(default=())


def default_setup(unit: Unit) -> LoadingSetup:
    """The default bar and plates for ``unit`` (no dumbbells known)."""
    if unit == "lb":
        return LoadingSetup("lb", DEFAULT_LB_BAR, DEFAULT_LB_PLATES)
    return LoadingSetup("kg", DEFAULT_KG_BAR, DEFAULT_KG_PLATES)


def _to_units(value: float, what: str) -> int:
    scaled = value * _SCALE
    whole = round(scaled)
    if abs(scaled - whole) > 1e-6:
        raise InvalidInput(
            f"{what} {value:g} has more than 3 decimals", "give masses to 0.001 at most"
        )
    return whole


def _check_mass(value: float, what: str, *, allow_zero: bool = False) -> None:
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        raise InvalidInput(f"{what} {value!r} is not a positive number", f"give {what} as > 0")
    if value > MAX_TARGET:
        raise InvalidInput(f"{what} {value:g} is implausibly large", f"give at most {MAX_TARGET:g}")


def _plate_limits(plates: Sequence[float], pairs: Pairs) -> dict[int, int | None]:
    """Plate size (scaled) → pairs available (None = unlimited); duplicate sizes merge."""
    if isinstance(pairs, bool) or (isinstance(pairs, int) and pairs < 0):
        raise InvalidInput(f"pairs {pairs!r} is not a count", "give pairs as a whole number ≥ 0")
    limits: dict[int, int | None] = {}
    by_size: dict[int, int] = {}
    if isinstance(pairs, Mapping):
        for size, count in pairs.items():
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise InvalidInput(
                    f"pairs of the {size:g} plate: {count!r} is not a count", "give a whole number"
                )
            by_size[_to_units(float(size), "plate")] = count
    for p in plates:
        _check_mass(p, "plate")
        key = _to_units(p, "plate")
        if isinstance(pairs, int):
            limit: int | None = pairs
        elif isinstance(pairs, Mapping):
            limit = by_size.get(key)
        else:
            limit = None
        if key in limits:  # the same plate listed twice: counts add up
            old = limits[key]
            limits[key] = None if old is None or limit is None else old + limit
        else:
            limits[key] = limit
    return limits


def solve_plates(
    target_kg: float, bar_kg: float, plates: Sequence[float], pairs: Pairs = None
) -> PlateSolution:
    """The heaviest load ≤ ``target_kg`` buildable on the bar, with the fewest plates.

    Despite the names (kept for callers), every argument may be in lb: units are just numbers.
    ``pairs``: one count for every plate, or a mapping plate → pairs (plates it does not name are
    unlimited), or ``None`` for unlimited plates. Raises ``InvalidInput`` when the target is below
    the bar, or a value is not a plausible mass.
    """
    _check_mass(target_kg, "the target load")
    _check_mass(bar_kg, "the bar", allow_zero=True)
    limits = _plate_limits(plates, pairs)
    target_u, bar_u = _to_units_floor(target_kg), _to_units(bar_kg, "the bar")
    if target_u < bar_u:
        raise InvalidInput(
            f"the target {target_kg:g} is lighter than the bar ({bar_kg:g})",
            "ask for at least the bar's own mass",
        )
    sizes = sorted((size for size in limits if limits[size] != 0), reverse=True)
    per_side_target = (target_u - bar_u) // 2
    if not sizes or per_side_target == 0:
        return PlateSolution((), bar_kg)
    step = math.gcd(*sizes)
    n_steps = per_side_target // step
    if n_steps > _MAX_STEPS:
        raise InvalidInput(
            f"a {target_kg:g} load with {step / _SCALE:g} steps is too fine a search",
            "use fewer small plates or a smaller target",
        )
    counts = _solve_side([s // step for s in sizes], [limits[s] for s in sizes], n_steps)
    per_side = tuple(
        size / _SCALE for size, count in zip(sizes, counts, strict=True) for _ in range(count)
    )
    achievable = (bar_u + 2 * sum(s * c for s, c in zip(sizes, counts, strict=True))) / _SCALE
    return PlateSolution(per_side, achievable)


def _to_units_floor(value: float) -> int:
    # The target is rounded DOWN to the grid (a tiny float excess such as 100.0000001 still counts
    # as 100), so the answer never exceeds what was asked.
    return math.floor(value * _SCALE + 1e-6)


def _solve_side(sizes: list[int], limits: list[int | None], n: int) -> list[int]:
    """Counts of each size (in steps, descending) whose sum is the largest reachable ≤ n, using
    the fewest plates, heaviest first among ties.

    ``best[i][w]`` = fewest plates of types i… that sum to exactly w (``INF`` if impossible),
    filled from the last type back so the reconstruction can walk forwards choosing, for each
    type, the largest count that keeps the optimum."""
    inf = n + 1  # more plates than could ever be needed (every plate is ≥ 1 step)
    k = len(sizes)
    best: list[list[int]] = [[inf] * (n + 1) for _ in range(k + 1)]
    best[k][0] = 0
    for i in range(k - 1, -1, -1):
        size, limit, nxt, row = sizes[i], limits[i], best[i + 1], best[i]
        if limit is None:  # unbounded: row[w] = min(skip this type, one more of it)
            for w in range(n + 1):
                v = nxt[w]
                if w >= size and row[w - size] + 1 < v:
                    v = row[w - size] + 1
                row[w] = v
        else:
            for w in range(n + 1):
                v = nxt[w]
                for c in range(1, min(limit, w // size) + 1):
                    cand = nxt[w - c * size] + c
                    if cand < v:
                        v = cand
                row[w] = v
    total = max(w for w in range(n + 1) if best[0][w] < inf)
    counts: list[int] = []
    w = total
    for i in range(k):
        size, limit = sizes[i], limits[i]
        top = w // size if limit is None else min(limit, w // size)
        for c in range(top, -1, -1):
            if best[i + 1][w - c * size] + c == best[i][w]:
                counts.append(c)
                w -= c * size
                break
    return counts


def round_load(target: float, equipment: LoadingSetup, implement: Implement = "barbell") -> float:
    """The heaviest load ≤ ``target`` (in ``equipment.unit``) the athlete can set up.

    Barbell: bar + plates (see :func:`solve_plates`); dumbbell: the heaviest owned dumbbell ≤ the
    target (mass of one dumbbell). A target below the lightest possible load (the empty bar, the
    lightest dumbbell) returns that lightest load: nothing lighter can be set up.
    """
    if implement == "dumbbell":
        if not equipment.dumbbells:
            raise InvalidInput(
                "no dumbbells are recorded for this athlete",
                'list them in the profile\'s equipment_loading "dumbbells"',
            )
        fitting = [d for d in equipment.dumbbells if d <= target + 1e-9]
        return max(fitting) if fitting else min(equipment.dumbbells)
    if target <= equipment.bar:
        return equipment.bar
    return solve_plates(target, equipment.bar, equipment.plates, equipment.pairs).achievable


def round_load_kg(
    target_kg: float, equipment: LoadingSetup, implement: Implement = "barbell"
) -> float:
    """:func:`round_load` for a target in kg (converted to the setup's unit and back)."""
    shown = from_kg(target_kg, equipment.unit)
    return to_kg(round_load(shown + 1e-9, equipment, implement), equipment.unit)


def setup_from_profile(profile: Mapping[str, Any] | None, unit: Unit) -> LoadingSetup:
    """The athlete's :class:`LoadingSetup` from ``profile["equipment_loading"]`` (keys in the
    module docstring); missing keys take the defaults for the unit."""
    raw = (profile or {}).get("equipment_loading") or {}
    if not isinstance(raw, Mapping):
        raise InvalidInput("equipment_loading must be an object", "see legday.domain.train.plates")
    setup_unit: Unit = unit
    if "unit" in raw:
        if raw["unit"] not in ("kg", "lb"):
            raise InvalidInput(f"equipment_loading unit {raw['unit']!r}", "use kg or lb")
        setup_unit = "lb" if raw["unit"] == "lb" else "kg"
    base = default_setup(setup_unit)
    bar = _number(raw.get("bar", base.bar), "bar")
    plates = tuple(_number(p, "plate") for p in raw.get("plates", base.plates))
    dumbbells = tuple(sorted(_number(d, "dumbbell") for d in raw.get("dumbbells", ())))
    pairs_raw = raw.get("pairs")
    pairs: Pairs
    if pairs_raw is None or isinstance(pairs_raw, int):
        pairs = pairs_raw
    elif isinstance(pairs_raw, Mapping):
        pairs = {_number(k, "plate"): int(v) for k, v in pairs_raw.items()}
    else:
        raise InvalidInput(f"pairs {pairs_raw!r}", "give a whole number or {plate: pairs}")
    _plate_limits(plates, pairs)  # validates sizes and counts now, not at first use
    return LoadingSetup(setup_unit, bar, plates, pairs, dumbbells)


def _number(value: object, what: str) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput(f"{what} {value!r} is not a number", "give masses as numbers") from None
    _check_mass(number, what, allow_zero=what == "bar")
    return number
