"""Weekly volume: hard sets and tonnage per exercise, muscle, movement pattern and region.

Definitions (docs/evidence/load-monitoring.md): working sets exclude warm-ups; weekly hard sets per
muscle = Σ of the muscle's weight (primary 1.0, secondary 0.5) over hard sets; tonnage = Σ weight ×
load × reps over external loads; weekly best e1RM per exercise = max of legday's one e1RM
(``legday.domain.science.e1rm.DEFINITION``: Epley over 1–10 reps) — float division, no row for
weeks without such a set.

Speed (docs/evidence/load-monitoring.md#speed): one packed integer key per (athlete, week, exercise)
— here a mixed-radix key ``(athlete · W + week − w₀) · E + exercise`` — and ``bincount`` /
``maximum.at`` over it, dense when the key space is small enough, compacted with ``unique`` when
it is not. Sets-by-muscle then folds each exercise-week into its weighted muscles with one more
bincount.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from legday.domain.science.e1rm import STANDARD_MAX_REPS
from legday.domain.track.columns import REGIONS, ExerciseTable, SetColumns

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# Epley 1985: 1RM = w·(1 + r/30) (docs/evidence/formulas.md#one-rep-max-estimators)
EPLEY_DIVISOR = 30.0
E1RM_MIN_REPS, E1RM_MAX_REPS = 1, STANDARD_MAX_REPS  # legday's one e1RM (science.e1rm)
DENSE_LIMIT = 1 << 25  # key spaces up to 32M cells use dense arrays (≈256 MB per float column)


@dataclass(frozen=True)
class ExerciseWeeks:
    """One element per (athlete, week, exercise) with at least one working set, sorted by key."""

    athlete: NDArray[np.int64]
    week: NDArray[np.int64]  # week index (weeks.week_index)
    exercise: NDArray[np.int64]
    working_sets: NDArray[np.float64]
    hard_sets: NDArray[np.float64]
    tonnage: NDArray[np.float64]  # kg, unweighted
    best_e1rm: NDArray[np.float64]  # kg; NaN when no set with 1–10 reps and an external load


@dataclass(frozen=True)
class WeekGroups:
    """One row per (athlete, week) with training, sorted; matrices have one column per muscle,
    pattern or region of the ExerciseTable."""

    athlete: NDArray[np.int64]
    week: NDArray[np.int64]
    hard_by_muscle: NDArray[np.float64]  # G × muscles, weighted
    tonnage_by_muscle: NDArray[np.float64]  # G × muscles, weighted
    sets_by_pattern: NDArray[np.float64]  # G × patterns, working sets
    hard_by_pattern: NDArray[np.float64]  # G × patterns
    tonnage_by_region: NDArray[np.float64]  # G × REGIONS, unweighted
    lower_sets: NDArray[np.float64]
    all_sets: NDArray[np.float64]


NOT_HARD_SET_PATTERNS = ("plyometric", "sprint-agility")


def set_e1rm(cols: SetColumns) -> NDArray[np.float64]:
    """Epley e1RM per set where defined (docs/evidence/load-monitoring.md), else NaN."""
    import numpy as np

    reps = cols.reps
    ok = (
        cols.working
        & cols.external
        & (cols.load_kg > 0)
        & (reps >= E1RM_MIN_REPS)
        & (reps <= E1RM_MAX_REPS)
    )
    with np.errstate(invalid="ignore"):
        return np.where(ok, cols.load_kg * (1.0 + reps / EPLEY_DIVISOR), np.nan)


def weekly_by_exercise(cols: SetColumns, table: ExerciseTable) -> ExerciseWeeks:
    """Per (athlete, week, exercise) with working sets: counts, tonnage and best e1RM.

    Written for 20M-row inputs: every full-length step works in place on four buffers, since on
    these machines allocating (page-faulting) fresh 160 MB temporaries cost more than the
    arithmetic. Warm-ups are not dropped by copying: their key is sent to a sentinel cell."""
    import numpy as np

    from legday.domain.weeks import EPOCH_SHIFT

    empty = np.zeros(0, dtype=np.int64)
    z = np.zeros(0)
    if not bool(cols.working.any()):
        return ExerciseWeeks(empty, empty, empty, z, z, z, z)
    not_working = ~cols.working
    # Week index through a small day → week table: int64 floor division of 20M days took longer
    # than everything else here; a gather from a ~2,000-entry table is several times faster.
    d_min, d_max = int(cols.day.min()), int(cols.day.max())
    week_of_day = (np.arange(d_min, d_max + 1, dtype=np.int64) + EPOCH_SHIFT) // 7
    w_min = int(week_of_day[0])
    week_of_day -= w_min
    n_weeks = int(week_of_day[-1]) + 1
    n_ath = int(cols.athlete.max()) + 1
    n_ex = table.size
    # Packed key: (athlete·W + week − w_min)·E + exercise; warm-ups → sentinel cell ``space``.
    tmp = np.subtract(cols.day, d_min)
    key = week_of_day[tmp]
    np.multiply(cols.athlete, n_weeks, out=tmp)
    key += tmp
    key *= n_ex
    key += cols.exercise
    space = n_ath * n_weeks * n_ex
    np.putmask(key, not_working, space)

    with np.errstate(invalid="ignore"):
        ton = np.multiply(cols.load_kg, cols.reps)  # NaN where either is missing
        no_ton = np.isnan(ton)
        no_ton |= not_working
        no_ton |= ~cols.external
        # float division (docs/evidence/load-monitoring.md#calculation-traps trap 5)
        e1 = np.divide(cols.reps, EPLEY_DIVISOR)
        e1 += 1.0
        e1 *= cols.load_kg
        no_e1 = no_ton | (cols.load_kg <= 0)
        no_e1 |= cols.reps < E1RM_MIN_REPS
        no_e1 |= cols.reps > E1RM_MAX_REPS
    np.putmask(ton, no_ton, 0.0)
    np.putmask(e1, no_e1, -np.inf)
    np.copyto(tmp, key)
    np.putmask(tmp, ~cols.hard, space)  # hard implies working
    hard_keys = tmp

    if space <= DENSE_LIMIT:
        count = np.bincount(key, minlength=space + 1)[:space]
        cells = np.flatnonzero(count)
        n_s = count[cells].astype(np.float64)
        hard_s = np.bincount(hard_keys, minlength=space + 1)[cells].astype(np.float64)
        ton_s = np.asarray(np.bincount(key, weights=ton, minlength=space + 1)[cells], np.float64)
        best = np.full(space + 1, -np.inf)
        np.maximum.at(best, key, e1)
        best_s = best[cells]
    else:
        cells, inv = np.unique(key, return_inverse=True)
        k = cells.shape[0]
        n_s = np.bincount(inv, minlength=k).astype(np.float64)
        hard_s = np.bincount(np.searchsorted(cells, hard_keys), minlength=k + 1).astype(np.float64)
        ton_s = np.asarray(np.bincount(inv, weights=ton, minlength=k), np.float64)
        best_s = np.full(k, -np.inf)
        np.maximum.at(best_s, inv, e1)
        if cells[-1] == space:  # drop the warm-up sentinel
            cells, n_s, ton_s, best_s = cells[:-1], n_s[:-1], ton_s[:-1], best_s[:-1]
        hard_s = hard_s[: cells.shape[0]]
    best_s[np.isneginf(best_s)] = np.nan
    ex = cells % n_ex
    rest = cells // n_ex
    return ExerciseWeeks(
        athlete=rest // n_weeks,
        week=rest % n_weeks + w_min,
        exercise=ex,
        working_sets=n_s,
        hard_sets=hard_s,
        tonnage=ton_s,
        best_e1rm=best_s,
    )


def week_groups(ew: ExerciseWeeks, table: ExerciseTable) -> WeekGroups:
    """Fold exercise-weeks into (athlete, week) rows: per muscle through the exercise's weighted
    muscles, per pattern and region by label."""
    import numpy as np

    n = ew.athlete.shape[0]
    if n == 0:
        e = np.zeros(0, dtype=np.int64)
        nm, npat = len(table.muscles), len(table.patterns)
        return WeekGroups(
            e, e, np.zeros((0, nm)), np.zeros((0, nm)), np.zeros((0, npat)),
            np.zeros((0, npat)), np.zeros((0, len(REGIONS))), np.zeros(0), np.zeros(0),
        )  # fmt: skip
    # Cells are sorted by (athlete, week, exercise): a new group starts where (athlete, week)
    # changes.
    starts = np.r_[True, (ew.athlete[1:] != ew.athlete[:-1]) | (ew.week[1:] != ew.week[:-1])]
    group = np.cumsum(starts) - 1
    n_groups = int(group[-1]) + 1
    ex = ew.exercise

    def fold(values: NDArray[np.float64], label: NDArray[np.int64], width: int) -> Any:
        flat = group * width + label
        return np.bincount(flat, weights=values, minlength=n_groups * width).reshape(
            n_groups, width
        )

    # Muscles: one row per (cell, muscle of its exercise) — sparse, so no matrix product (a
    # threaded BLAS call on a busy 2-core machine cost more than the whole fold).
    pair_ex, pair_muscle = np.nonzero(table.weights)
    pair_w = table.weights[pair_ex, pair_muscle]
    per_ex = np.bincount(pair_ex, minlength=table.size)
    first_pair = np.cumsum(per_ex) - per_ex
    reps = per_ex[ex]
    cell = np.repeat(np.arange(n), reps)
    pair = first_pair[ex[cell]] + (
        np.arange(cell.shape[0]) - np.repeat(np.cumsum(reps) - reps, reps)
    )
    n_m = len(table.muscles)
    m_flat = group[cell] * n_m + pair_muscle[pair]
    size_m = n_groups * n_m
    w = pair_w[pair]
    # Jumps and sprints load the legs but are not resistance-training hard sets: they add
    # nothing to a muscle's weekly hard sets (the ≥ 10-set evidence is on resistance training,
    # Schoenfeld et al. 2017, J Sports Sci 35(11):1073–1082).
    ballistic = [table.patterns.index(p) for p in NOT_HARD_SET_PATTERNS if p in table.patterns]
    hard_w = np.where(np.isin(table.pattern_of[ex[cell]], ballistic), 0.0, w)

    def fold_m(values: NDArray[np.float64]) -> Any:
        return np.bincount(m_flat, weights=values, minlength=size_m).reshape(n_groups, n_m)

    lower = table.is_lower[ex]
    return WeekGroups(
        athlete=ew.athlete[starts],
        week=ew.week[starts],
        hard_by_muscle=fold_m(ew.hard_sets[cell] * hard_w),
        tonnage_by_muscle=fold_m(ew.tonnage[cell] * w),
        sets_by_pattern=fold(ew.working_sets, table.pattern_of[ex], len(table.patterns)),
        hard_by_pattern=fold(ew.hard_sets, table.pattern_of[ex], len(table.patterns)),
        tonnage_by_region=fold(ew.tonnage, table.region_of[ex], len(REGIONS)),
        lower_sets=np.asarray(
            np.bincount(group, weights=np.where(lower, ew.working_sets, 0.0), minlength=n_groups),
            np.float64,
        ),
        all_sets=np.asarray(
            np.bincount(group, weights=ew.working_sets, minlength=n_groups), np.float64
        ),
    )
