"""One-repetition-maximum (1RM) estimates from a set taken to (near) failure.

Source: docs/evidence/formulas.md#one-rep-max-estimators. The primary papers and books were not
retrieved; the algebraic forms are the ones every retrieved implementation agrees on (citations per
function).

Two ways to call:

* :func:`estimate` is strict: reps above a formula's recommended range raise ``InvalidInput``.
* :func:`estimate_checked` is lenient: it returns ``(value, warnings)`` and only refuses reps where
  the formula is undefined or meaningless (more than :data:`ABSOLUTE_MAX_REPS`), so a caller such
  as the progression engine can still rank a set of 15 while showing that the number is shaky.

Both return ``load`` unchanged for a single rep — the convention every retrieved implementation
follows (docs/evidence/formulas.md#one-rep-max-estimators), since a 1-rep set *is* a 1RM.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from legday.domain.errors import InvalidInput

# Beyond ~30 reps a set measures endurance, not strength, and Brzycki (36/(37-r)) and Lander
# (101.3 - 2.67123 r) approach division by zero at r = 37 / 37.9
# (docs/evidence/formulas.md#one-rep-max-estimators).
ABSOLUTE_MAX_REPS = 30
# Heaviest plausible load: the heaviest raw lifts on record are about 500 kg; 1000 kg is "absurd".
MAX_LOAD_KG = 1000.0


def epley(load: float, reps: int) -> float:
    """Epley B. *Poundage Chart*, 1985: ``1RM = w·(1 + r/30)``.

    The 1/30 convention (not the 0.033 variant) follows the majority of implementations
    (docs/evidence/formulas.md#one-rep-max-estimators)."""
    return load * (1 + reps / 30)


def brzycki(load: float, reps: int) -> float:
    """Brzycki M., J Phys Educ Recreat Dance 1993;64(1):88–90: ``1RM = w·36/(37 − r)``."""
    return load * 36 / (37 - reps)


def lombardi(load: float, reps: int) -> float:
    """Lombardi VP., *Beginning Weight Training*, 1989: ``1RM = w·r^0.10``."""
    return load * math.pow(reps, 0.10)


def mayhew(load: float, reps: int) -> float:
    """Mayhew JL et al., J Appl Sport Sci Res 1992;6(4):200–206:
    ``1RM = 100·w / (52.2 + 41.9·e^(−0.055 r))`` (college men and women, bench press)."""
    return 100 * load / (52.2 + 41.9 * math.exp(-0.055 * reps))


def oconner(load: float, reps: int) -> float:
    """O'Connor B, Simmons J, O'Shea P., *Weight Training Today*, 1989:
    ``1RM = w·(1 + 0.025 r)``."""
    return load * (1 + 0.025 * reps)


def wathan(load: float, reps: int) -> float:
    """Wathan D., in *Essentials of Strength Training and Conditioning*, 1994:
    ``1RM = 100·w / (48.8 + 53.8·e^(−0.075 r))``."""
    return 100 * load / (48.8 + 53.8 * math.exp(-0.075 * reps))


def lander(load: float, reps: int) -> float:
    """Lander J., Natl Strength Cond Assoc J 1985;6:60–61: ``1RM = 100·w / (101.3 − 2.67123 r)``."""
    return 100 * load / (101.3 - 2.67123 * reps)


@dataclass(frozen=True)
class Formula:
    name: str
    fn: Callable[[float, int], float]
    max_reps: int  # recommended upper end of the rep range
    range_source: str  # where max_reps comes from, and how sure we are
    citation: str


# Rep ranges (docs/evidence/formulas.md#one-rep-max-estimators table). No primary author's range was
# retrieved: each limit below is the one a retrieved implementation enforces, or common practice (≤
# 10) where none is enforced.
FORMULAS: dict[str, Formula] = {
    f.name: f
    for f in (
        Formula("epley", epley, 10, "common practice ≤ 10 reps; primary range UNVERIFIED",
                "Epley B. Poundage Chart. Body Enterprises; 1985."),
        Formula("brzycki", brzycki, 12, "a retrieved implementation refuses r > 12; Brzycki's "
                "own ≤ 10 UNVERIFIED",
                "Brzycki M. J Phys Educ Recreat Dance 1993;64(1):88–90."),
        Formula("lombardi", lombardi, 10, "retrieved implementation restricts to r < 11",
                "Lombardi VP. Beginning Weight Training. W.C. Brown; 1989."),
        Formula("mayhew", mayhew, 14, "retrieved implementation restricts to r < 15 "
                "(college sample, age 18–24)",
                "Mayhew JL, Ball TE, Arnold MD, Bowen JC. J Appl Sport Sci Res 1992;6(4):200–206."),
        Formula("oconner", oconner, 10, "common practice ≤ 10 reps; primary range UNVERIFIED",
                "O'Connor B, Simmons J, O'Shea P. Weight Training Today. West; 1989."),
        Formula("wathan", wathan, 10, "common practice ≤ 10 reps; primary range UNVERIFIED",
                "Wathan D. In: Baechle TR, ed. Essentials of Strength Training and "
                "Conditioning. Human Kinetics; 1994:435–446."),
        Formula("lander", lander, 10, "common practice ≤ 10 reps; primary range UNVERIFIED",
                "Lander J. Natl Strength Cond Assoc J 1985;6:60–61."),
    )
}  # fmt: skip


# legday's one e1RM: records, analyze, the report and `next` all use it and say so. Epley over
# 1–10 reps: the formula most implementations agree on, within its commonly used range (see
# FORMULAS); a single is the load itself; no RPE adjustment (where `next` adjusts for RPE it
# says so and shows this one beside it).
STANDARD_FORMULA = "epley"
STANDARD_MAX_REPS = 10
DEFINITION = (
    "e1RM = Epley: load × (1 + reps/30), from working sets with an external load and 1–10 reps "
    "(a single counts as the load itself); no RPE adjustment (Epley 1985)"
)


def standard(load: float, reps: int) -> float | None:
    """legday's e1RM (:data:`DEFINITION`), None outside 1–10 reps or without a load."""
    if not load or load <= 0 or not reps or not 1 <= reps <= STANDARD_MAX_REPS:
        return None
    return float(load) if reps == 1 else epley(load, reps)


def get_formula(name: str) -> Formula:
    """The formula called ``name`` (case-insensitive, ``o'conner``/``o-conner`` accepted)."""
    key = name.strip().lower().replace("'", "").replace("-", "").replace("’", "")
    key = "oconner" if key == "oconnor" else key
    if key not in FORMULAS:
        raise InvalidInput(f"unknown 1RM formula {name!r}", "use one of " + ", ".join(FORMULAS))
    return FORMULAS[key]


def _check_inputs(load: float, reps: int) -> None:
    if not math.isfinite(load) or load <= 0:
        raise InvalidInput(f"load {load} is not a positive number", "give the load lifted, > 0")
    if load > MAX_LOAD_KG:
        raise InvalidInput(f"load {load} is implausibly heavy", f"give at most {MAX_LOAD_KG:g}")
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < 1:
        raise InvalidInput(f"reps {reps!r} is not a whole number ≥ 1", "give the reps performed")
    if reps > ABSOLUTE_MAX_REPS:
        raise InvalidInput(
            f"{reps} reps is too many to estimate a 1RM from",
            f"use a set of at most {ABSOLUTE_MAX_REPS} reps (ideally ≤ 10)",
        )


def estimate_checked(
    load: float, reps: int, formula_name: str = "epley"
) -> tuple[float, list[str]]:
    """1RM from ``load`` × ``reps`` with warnings instead of errors for reps beyond the formula's
    recommended range. Raises ``InvalidInput`` for non-positive/absurd loads, reps < 1 or reps >
    :data:`ABSOLUTE_MAX_REPS`. The load's unit is the answer's unit."""
    f = get_formula(formula_name)
    _check_inputs(load, reps)
    warnings: list[str] = []
    if reps > f.max_reps:
        warnings.append(
            f"{reps} reps is beyond the {f.name} formula's range (≤ {f.max_reps}: "
            f"{f.range_source}); the estimate is less reliable"
        )
    if reps == 1:
        return float(load), warnings
    return f.fn(load, reps), warnings


def estimate(load: float, reps: int, formula: str = "epley") -> float:
    """1RM from ``load`` × ``reps``; strict: reps above the formula's range raise ``InvalidInput``
    (see :data:`FORMULAS` for each range). The load's unit is the answer's unit."""
    value, warnings = estimate_checked(load, reps, formula)
    if warnings:
        f = get_formula(formula)
        raise InvalidInput(
            f"{reps} reps is outside the {f.name} formula's range",
            f"use 1–{f.max_reps} reps ({f.range_source})",
        )
    return value
