"""Every athlete's tables in one vectorised pass (the Parquet tables of the whole club).

Returns plain column dictionaries (numpy arrays), one per table; the app writes them as Parquet.
Weeks are integer week indexes and days are integers (days since 1970-01-01): the writer turns
them into dates and ``%G-W%V`` labels on the outputs only (docs/evidence/load-monitoring.md#speed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from legday.domain.track.columns import ExerciseTable, SessionColumns, SetColumns
from legday.domain.track.load import LoadMetrics, load_metrics
from legday.domain.track.volume import ExerciseWeeks, WeekGroups, week_groups, weekly_by_exercise

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


def team_tables(
    cols: SetColumns, sessions: SessionColumns, table: ExerciseTable, names: Sequence[str]
) -> dict[str, dict[str, Any]]:
    import numpy as np

    n_ath = len(names)
    ew = weekly_by_exercise(cols, table)
    groups = week_groups(ew, table)
    lm = load_metrics(sessions, n_ath)
    name_arr = np.array(list(names), dtype=object)
    return {
        "weekly_exercise": _exercise_table(ew, table, name_arr),
        "weekly_muscle": _long(
            groups,
            groups.hard_by_muscle,
            groups.tonnage_by_muscle,
            table.muscles,
            "muscle",
            name_arr,
        ),
        "weekly_pattern": _long(
            groups,
            groups.sets_by_pattern,
            groups.hard_by_pattern,
            table.patterns,
            "pattern",
            name_arr,
            ("working_sets", "hard_sets"),
        ),
        "daily_load": _daily(lm, name_arr),
        "neglect": _neglect(groups, sessions, n_ath, name_arr),
    }


def _exercise_table(ew: ExerciseWeeks, table: ExerciseTable, names: Any) -> dict[str, Any]:
    import numpy as np

    ids = np.array([*table.ids, None], dtype=object)
    return {
        "athlete": names[ew.athlete],
        "week": ew.week,
        "exercise_id": ids[ew.exercise],
        "working_sets": ew.working_sets,
        "hard_sets": ew.hard_sets,
        "tonnage_kg": ew.tonnage,
        "best_e1rm_kg": ew.best_e1rm,
    }


def _long(
    groups: WeekGroups,
    first: NDArray[np.float64],
    second: NDArray[np.float64],
    labels: Sequence[str],
    what: str,
    names: Any,
    value_names: tuple[str, str] = ("hard_sets", "tonnage_kg"),
) -> dict[str, Any]:
    """Wide group × label matrices → long rows where either value is non-zero."""
    import numpy as np

    g, j = np.nonzero((first != 0) | (second != 0))
    return {
        "athlete": names[groups.athlete[g]],
        "week": groups.week[g],
        what: np.array(list(labels), dtype=object)[j],
        value_names[0]: first[g, j],
        value_names[1]: second[g, j],
    }


def _daily(lm: LoadMetrics, names: Any) -> dict[str, Any]:
    import numpy as np

    a, c = np.nonzero(~np.isnan(lm.load))
    return {
        "athlete": names[a],
        "day": lm.start_day + c,
        "load": lm.load[a, c],
        "acwr_rolling": lm.acwr_rolling[a, c],
        "acwr_rolling_uncoupled": lm.acwr_uncoupled[a, c],
        "acwr_ewma": lm.acwr_ewma[a, c],
        "monotony": lm.monotony[a, c],
        "strain": lm.strain[a, c],
    }


def _neglect(
    groups: WeekGroups, sessions: SessionColumns, n_ath: int, names: Any
) -> dict[str, Any]:
    """Per athlete: lower-body share of working sets and tonnage, training weeks, weeks with
    training but no lower-body working set (docs/evidence/load-monitoring.md)."""
    import numpy as np

    from legday.domain.weeks import EPOCH_SHIFT

    lower = np.bincount(groups.athlete, weights=groups.lower_sets, minlength=n_ath)
    total = np.bincount(groups.athlete, weights=groups.all_sets, minlength=n_ath)
    lower_t = np.bincount(groups.athlete, weights=groups.tonnage_by_region[:, 0], minlength=n_ath)
    total_t = np.bincount(
        groups.athlete, weights=groups.tonnage_by_region.sum(axis=1), minlength=n_ath
    )
    # Training weeks come from sessions (a session with only warm-ups still counts as training).
    s_week = (sessions.day + EPOCH_SHIFT) // 7
    w0 = int(s_week.min()) if s_week.shape[0] else 0
    span = int(s_week.max()) - w0 + 1 if s_week.shape[0] else 1
    trained = np.unique(sessions.athlete * span + (s_week - w0))
    with_legs = groups.athlete[groups.lower_sets > 0] * span + (
        groups.week[groups.lower_sets > 0] - w0
    )
    no_legs = np.setdiff1d(trained, with_legs, assume_unique=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "athlete": names,
            "lower_set_share": np.where(total > 0, lower / total, np.nan),
            "lower_tonnage_share": np.where(total_t > 0, lower_t / total_t, np.nan),
            "training_weeks": np.bincount(trained // span, minlength=n_ath),
            "weeks_without_legs": np.bincount(no_legs // span, minlength=n_ath),
        }
