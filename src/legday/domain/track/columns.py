"""The columnar input of every track analytic: numpy arrays, one element per set or session.

Rows of many athletes live in one set of arrays (``athlete`` is a dense index 0..n-1), so one
vectorised pass computes a whole club (docs/evidence/load-monitoring.md#speed). Days are integers
(days since 1970-01-01, the local calendar date the session started), exercises are indexes into
an :class:`ExerciseTable`, and missing numbers are NaN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legday.domain.track.facts import UNKNOWN, UNKNOWN_MUSCLE, ExerciseFacts, muscles_of

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

SIDE_BOTH, SIDE_LEFT, SIDE_RIGHT = 0, 1, 2
SIDE_CODES: dict[str, int] = {"both": SIDE_BOTH, "left": SIDE_LEFT, "right": SIDE_RIGHT}

# Regions as reported in ``tonnage_by_region``: "lower" means any exercise that trains the legs
# (catalog region lower, or a lower-body pattern on a full-body lift).
REGIONS: tuple[str, ...] = ("lower", "upper", "core", "full", "unknown")


@dataclass(frozen=True)
class ExerciseTable:
    """Dense per-exercise facts; index ``len(ids)`` (the last row) is "unknown exercise"."""

    ids: tuple[str, ...]
    facts: tuple[ExerciseFacts, ...]  # one per id, then UNKNOWN
    muscles: tuple[str, ...]
    patterns: tuple[str, ...]
    weights: NDArray[np.float64]  # (n_exercises + 1) × n_muscles, primary 1.0 / secondary 0.5
    pattern_of: NDArray[np.int64]  # exercise → index into patterns
    region_of: NDArray[np.int64]  # exercise → index into REGIONS
    is_lower: NDArray[np.bool_]
    unilateral: NDArray[np.bool_]
    contacts_per_rep: NDArray[np.float64]  # 0 when the catalog gives none

    @property
    def unknown(self) -> int:
        return len(self.ids)

    @property
    def size(self) -> int:
        return len(self.ids) + 1

    def code(self, exercise_id: str | None) -> int:
        if exercise_id is None:
            return self.unknown
        return self._codes().get(exercise_id, self.unknown)

    def _codes(self) -> dict[str, int]:
        cache: dict[str, int] | None = self.__dict__.get("_code_cache")
        if cache is None:
            cache = {e: i for i, e in enumerate(self.ids)}
            object.__setattr__(self, "_code_cache", cache)
        return cache


def exercise_table(
    index: Mapping[str, ExerciseFacts], ids: Sequence[str] | None = None
) -> ExerciseTable:
    """The dense table for ``ids`` (default: every exercise of ``index``, sorted)."""
    import numpy as np

    chosen = tuple(sorted(index) if ids is None else ids)
    facts = (*(index.get(i, UNKNOWN) for i in chosen), UNKNOWN)
    muscles = sorted({m for f in facts for m, _ in muscles_of(f)} | {UNKNOWN_MUSCLE})
    patterns = sorted({f.pattern for f in facts})
    m_at = {m: j for j, m in enumerate(muscles)}
    p_at = {p: j for j, p in enumerate(patterns)}
    weights = np.zeros((len(facts), len(muscles)))
    for i, f in enumerate(facts):
        for m, w in muscles_of(f):
            weights[i, m_at[m]] += w
    region = [
        0 if f.is_lower else REGIONS.index(f.region) if f.region in REGIONS else 4 for f in facts
    ]
    return ExerciseTable(
        ids=chosen,
        facts=facts,
        muscles=tuple(muscles),
        patterns=tuple(patterns),
        weights=weights,
        pattern_of=np.array([p_at[f.pattern] for f in facts], dtype=np.int64),
        region_of=np.array(region, dtype=np.int64),
        is_lower=np.array([f.is_lower for f in facts], dtype=bool),
        unilateral=np.array([f.unilateral for f in facts], dtype=bool),
        contacts_per_rep=np.array([float(f.contacts_per_rep or 0) for f in facts]),
    )


@dataclass(frozen=True)
class SetColumns:
    """One element per logged set (warm-ups included; ``working`` marks the ones that count)."""

    athlete: NDArray[np.int64]
    day: NDArray[np.int64]  # days since 1970-01-01, local date of the session
    session: NDArray[np.int64]  # unique across athletes
    exercise: NDArray[np.int64]  # index into the ExerciseTable (its ``unknown`` row if unmatched)
    working: NDArray[np.bool_]  # not a warm-up
    hard: NDArray[np.bool_]  # working and (RPE ≥ 7 if logged, else RIR ≤ 3 if logged, else True)
    load_kg: NDArray[np.float64]  # NaN: none
    external: NDArray[np.bool_]  # the load is lifted plates (not assistance, not body weight)
    reps: NDArray[np.float64]  # NaN: none
    side: NDArray[np.int64]  # SIDE_BOTH / SIDE_LEFT / SIDE_RIGHT
    contacts: NDArray[np.float64]  # NaN: not logged

    def __len__(self) -> int:
        return int(self.athlete.shape[0])


@dataclass(frozen=True)
class SessionColumns:
    """One element per session (deduplicated: a session's load is counted once)."""

    athlete: NDArray[np.int64]
    day: NDArray[np.int64]
    session: NDArray[np.int64]
    minutes: NDArray[np.float64]  # NaN: unknown
    rpe: NDArray[np.float64]  # NaN: not rated

    def __len__(self) -> int:
        return int(self.athlete.shape[0])


def hard_flags(
    working: NDArray[np.bool_], rpe: NDArray[np.float64], rir: NDArray[np.float64]
) -> NDArray[np.bool_]:
    """docs/evidence/load-monitoring.md: a hard set is a working set with RPE ≥ 7 when RPE is
    logged, otherwise every working set; a logged RIR ≤ 3 is the same threshold (RPE = 10 − RIR,
    Zourdos et al. 2016)."""
    import numpy as np

    by_rpe = np.where(np.isnan(rpe), np.where(np.isnan(rir), True, rir <= 3.0), rpe >= 7.0)
    return working & by_rpe


def sessions_once(
    athlete: NDArray[np.int64],
    day: NDArray[np.int64],
    session: NDArray[np.int64],
    minutes: NDArray[np.float64],
    rpe: NDArray[np.float64],
) -> SessionColumns:
    """Sessions from per-set rows that repeat the session's fields (a flat export): each session
    once (docs/evidence/load-monitoring.md#calculation-traps trap 3: summing the repeated load
    inflates it 23×). Rows of one session are expected to agree; the first row's values are used."""
    import numpy as np

    if session.shape[0] == 0:
        return SessionColumns(athlete, day, session, minutes, rpe)
    if bool(np.all(session[1:] >= session[:-1])):
        first = np.flatnonzero(np.r_[True, session[1:] != session[:-1]])
    else:
        _, first = np.unique(session, return_index=True)
    return SessionColumns(athlete[first], day[first], session[first], minutes[first], rpe[first])
