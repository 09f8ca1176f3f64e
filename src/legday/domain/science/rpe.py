"""RPE → %1RM: the Reactive Training Systems chart (Tuchscherer 2008) on the RIR-based RPE scale
(Helms ER et al., Strength Cond J 2016;38(4):42–49; RPE 10 = 0 reps in reserve, RPE 9 = 1 …).

Cells are copied from docs/evidence/formulas.md#rpe-chart (reps 1–12 × RPE 6.5–10). Where code
copies of the chart disagree we follow docs/evidence/formulas.md's primary choice: 0.707 / 0.680 at
RPE 10 for 11 and 12 reps (four copies against two), half-RPE cells as the mean of their neighbours
rounded to 3 decimals. Whether Helms et al. print this exact grid is UNVERIFIED; the chart has no
single canonical digital source, so callers comparing against other apps should allow ±0.001.
"""

from __future__ import annotations

import math

from legday.domain.errors import InvalidInput

MIN_REPS, MAX_REPS = 1, 12
RPES: tuple[float, ...] = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5)

# docs/evidence/formulas.md#rpe-chart, one row per RPE (10 → 6.5), columns reps 1 → 12; fraction of
# 1RM.
_CHART: dict[float, tuple[float, ...]] = {
    10.0: (1.000, 0.955, 0.922, 0.892, 0.863, 0.837, 0.811, 0.786, 0.762, 0.739, 0.707, 0.680),
    9.5: (0.978, 0.939, 0.907, 0.878, 0.850, 0.824, 0.799, 0.774, 0.751, 0.723, 0.694, 0.667),
    9.0: (0.955, 0.922, 0.892, 0.863, 0.837, 0.811, 0.786, 0.762, 0.739, 0.707, 0.680, 0.653),
    8.5: (0.939, 0.907, 0.878, 0.850, 0.824, 0.799, 0.774, 0.751, 0.723, 0.694, 0.667, 0.640),
    8.0: (0.922, 0.892, 0.863, 0.837, 0.811, 0.786, 0.762, 0.739, 0.707, 0.680, 0.653, 0.626),
    7.5: (0.907, 0.878, 0.850, 0.824, 0.799, 0.774, 0.751, 0.723, 0.694, 0.667, 0.640, 0.613),
    7.0: (0.892, 0.863, 0.837, 0.811, 0.786, 0.762, 0.739, 0.707, 0.680, 0.653, 0.626, 0.599),
    6.5: (0.878, 0.850, 0.824, 0.799, 0.774, 0.751, 0.723, 0.694, 0.667, 0.640, 0.613, 0.586),
}


def _check_rpe(rpe: float) -> float:
    if not math.isfinite(rpe) or float(rpe) not in _CHART:
        raise InvalidInput(
            f"RPE {rpe} is not on the chart", "use 6.5–10 in steps of 0.5 (RPE 10 = no reps left)"
        )
    return float(rpe)


def _check_reps(reps: int) -> int:
    if isinstance(reps, bool) or not isinstance(reps, int) or not MIN_REPS <= reps <= MAX_REPS:
        raise InvalidInput(f"{reps!r} reps is not on the RPE chart", "use 1–12 reps")
    return reps


def pct_1rm(reps: int, rpe: float) -> float:
    """Fraction of 1RM at which ``reps`` reps end at ``rpe`` (chart cell; e.g. 3 @ 8 → 0.863)."""
    return _CHART[_check_rpe(rpe)][_check_reps(reps) - 1]


def rir(rpe: float) -> float:
    """Reps in reserve for an RPE on the RIR-based scale (Helms et al. 2016): 10 − RPE."""
    return 10.0 - _check_rpe(rpe)


def e1rm(load: float, reps: int, rpe: float) -> float:
    """Estimated 1RM from a set: load ÷ chart fraction (docs/evidence/formulas.md#rpe-chart: 120 kg
    × 3 @ 8 → 139.05)."""
    if not math.isfinite(load) or load <= 0:
        raise InvalidInput(f"load {load} is not a positive number", "give the load lifted, > 0")
    return load / pct_1rm(reps, rpe)


def load_for(one_rm: float, reps: int, rpe: float) -> float:
    """The load (same unit as ``one_rm``) at which ``reps`` reps should end at ``rpe``."""
    if not math.isfinite(one_rm) or one_rm <= 0:
        raise InvalidInput(f"1RM {one_rm} is not a positive number", "give a 1RM > 0")
    return one_rm * pct_1rm(reps, rpe)


def _check_pct(pct: float) -> float:
    if not math.isfinite(pct) or not 0 < pct <= 1:
        raise InvalidInput(f"{pct} is not a fraction of 1RM", "give a value in (0, 1], e.g. 0.8")
    return pct


def reps_at(pct: float, rpe: float) -> int:
    """Most reps that can be done at ``pct`` of 1RM without passing ``rpe``: the largest chart
    column whose fraction is still ≥ ``pct`` (a lighter load than the cell allows is fine).

    Raises ``InvalidInput`` when ``pct`` is too heavy for even one rep at that RPE, or so light
    that more than 12 reps fit (off the chart)."""
    row = _CHART[_check_rpe(rpe)]
    p = _check_pct(pct)
    fitting = [i + 1 for i, cell in enumerate(row) if cell >= p - 1e-9]
    if not fitting:
        raise InvalidInput(
            f"{p:.3f} of 1RM is too heavy for one rep at RPE {rpe:g}",
            f"use at most {row[0]:.3f} of 1RM at that RPE",
        )
    if fitting[-1] == MAX_REPS and row[-1] > p + 1e-9:
        raise InvalidInput(
            f"{p:.3f} of 1RM allows more than {MAX_REPS} reps at RPE {rpe:g}",
            f"the chart covers {row[-1]:.3f}–{row[0]:.3f} of 1RM at that RPE",
        )
    return fitting[-1]


def rpe_at(pct: float, reps: int) -> float:
    """RPE of a set of ``reps`` at ``pct`` of 1RM, rounded up to the chart's half points: the
    lowest RPE whose cell is ≥ ``pct`` (so an in-between load is rated the harder of the two).

    Raises ``InvalidInput`` when the load is heavier than RPE 10 allows for those reps (not
    possible) or lighter than the RPE 6.5 cell (off the chart)."""
    r = _check_reps(reps)
    p = _check_pct(pct)
    column = sorted((rpe, row[r - 1]) for rpe, row in _CHART.items())
    if p > column[-1][1] + 1e-9:
        raise InvalidInput(
            f"{r} reps at {p:.3f} of 1RM is beyond failure on the chart",
            f"at most {column[-1][1]:.3f} of 1RM for {r} reps",
        )
    if p < column[0][1] - 1e-9:
        raise InvalidInput(
            f"{r} reps at {p:.3f} of 1RM is below RPE 6.5 on the chart",
            f"the chart starts at {column[0][1]:.3f} of 1RM for {r} reps",
        )
    return next(rpe for rpe, cell in column if cell >= p - 1e-9)
