"""Strength trends: weekly best e1RM per exercise, personal records, relative strength and
powerlifting-style scores of the best squat + bench + deadlift e1RMs.

Weekly best e1RM is defined in :mod:`legday.domain.track.volume` (legday's one e1RM: Epley,
1–10 reps).
A PR is a week whose best e1RM is strictly above every earlier week's best for that exercise (the
first week of an exercise sets a baseline, not a record). Scores use
:mod:`legday.domain.science.scores` (DOTS and Wilks, docs/evidence/formulas.md#powerlifting-scores)
on a total of estimated 1RMs — an estimate, labelled as such, not a meet result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from legday.domain.track.columns import ExerciseTable
from legday.domain.track.volume import ExerciseWeeks
from legday.domain.weeks import week_label

# Catalog ids that count as the three powerlifts for a score (best of the listed variants).
SBD_LIFTS: dict[str, tuple[str, ...]] = {
    "squat": ("back-squat", "barbell-back-squat", "low-bar-back-squat", "high-bar-back-squat"),
    "bench": ("bench-press", "barbell-bench-press"),
    "deadlift": ("conventional-deadlift", "sumo-deadlift", "deadlift", "barbell-deadlift"),
}


def e1rm_series(
    ew: ExerciseWeeks, table: ExerciseTable, athlete: int = 0
) -> dict[str, list[dict[str, Any]]]:
    """exercise id → [{"week", "e1rm"}] in week order (kg), known exercises only."""
    import numpy as np

    out: dict[str, list[dict[str, Any]]] = {}
    sel = np.flatnonzero((ew.athlete == athlete) & ~np.isnan(ew.best_e1rm))
    order = sel[np.lexsort((ew.week[sel], ew.exercise[sel]))]
    for i in order:
        ex = int(ew.exercise[i])
        if ex == table.unknown:
            continue
        out.setdefault(table.ids[ex], []).append(
            {"week": week_label(int(ew.week[i])), "e1rm": float(ew.best_e1rm[i])}
        )
    return out


def personal_records(series: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """Weeks whose best e1RM beats every earlier week of the same exercise."""
    prs: list[dict[str, Any]] = []
    for ex, rows in series.items():
        best: float | None = None
        for r in rows:
            v = float(r["e1rm"])
            if best is not None and v > best:
                prs.append({"exercise_id": ex, "week": r["week"], "e1rm": v, "previous": best})
            best = v if best is None else max(best, v)
    prs.sort(key=lambda p: (p["week"], p["exercise_id"]))
    return prs


def best_by_exercise(series: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, float]:
    return {ex: max(float(r["e1rm"]) for r in rows) for ex, rows in series.items() if rows}


def relative_strength(best: Mapping[str, float], body_mass_kg: float | None) -> dict[str, float]:
    """Best e1RM per kg of body mass (empty when body mass is unknown)."""
    if not body_mass_kg or body_mass_kg <= 0:
        return {}
    return {ex: v / body_mass_kg for ex, v in best.items()}


def sbd_scores(
    best: Mapping[str, float], body_mass_kg: float | None, sex: str | None
) -> dict[str, Any] | None:
    """DOTS and Wilks of the best estimated squat + bench + deadlift, when all three exist."""
    if not body_mass_kg or sex not in ("female", "male"):
        return None
    lifts: dict[str, float] = {}
    for lift, ids in SBD_LIFTS.items():
        values = [best[i] for i in ids if i in best]
        if not values:
            return None
        lifts[lift] = max(values)
    from legday.domain.errors import LegdayError
    from legday.domain.science import scores

    total = sum(lifts.values())
    try:
        dots = scores.dots(total, body_mass_kg, sex)
        wilks = scores.wilks(total, body_mass_kg, sex)
    except LegdayError as exc:  # a total or mass outside what the formulas cover
        return {"lifts": lifts, "total_kg": total, "error": str(exc)}
    return {
        "lifts": lifts,
        "total_kg": total,
        "dots": dots.score,
        "wilks": wilks.score,
        "warnings": list(dots.warnings) + list(wilks.warnings),
        "note": "estimated 1RMs (Epley), not a meet total; "
        "docs/evidence/formulas.md#powerlifting-scores",
    }
