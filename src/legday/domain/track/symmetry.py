"""Limb symmetry over time from unilateral sets, and plyometric contacts per week.

For each unilateral exercise and ISO week with both a left and a right working set, the LSI
(docs/evidence/formulas.md#limb-symmetry-index) compares the weaker side with the stronger one: best
Epley e1RM per side when both sides have one, otherwise total reps per side (body-weight work).
Without knowing which limb is injured, "involved" is the weaker side; the > 90 % return-to-sport
convention (Gokeler et al. 2017; Welling et al. 2018) is reported beside it.
"""

from __future__ import annotations

from typing import Any

from legday.domain.track.columns import SIDE_LEFT, SIDE_RIGHT, ExerciseTable, SetColumns
from legday.domain.track.volume import set_e1rm
from legday.domain.weeks import EPOCH_SHIFT, week_label


def unilateral_symmetry(cols: SetColumns, table: ExerciseTable) -> list[dict[str, Any]]:
    """[{"week", "exercise_id", "basis", "left", "right", "lsi", "weaker", "meets_rts"}]."""
    import numpy as np

    from legday.domain.science.symmetry import lsi, meets_rts

    sided = cols.working & ((cols.side == SIDE_LEFT) | (cols.side == SIDE_RIGHT))
    idx = np.flatnonzero(sided)
    if idx.shape[0] == 0:
        return []
    e1 = set_e1rm(cols)
    week = (cols.day + EPOCH_SHIFT) // 7
    cells: dict[tuple[int, int], dict[int, list[float]]] = {}
    for i in idx:
        key = (int(week[i]), int(cols.exercise[i]))
        side = cells.setdefault(key, {SIDE_LEFT: [-1.0, 0.0], SIDE_RIGHT: [-1.0, 0.0]})[
            int(cols.side[i])
        ]
        if not np.isnan(e1[i]):
            side[0] = max(side[0], float(e1[i]))
        if not np.isnan(cols.reps[i]):
            side[1] += float(cols.reps[i])
    out: list[dict[str, Any]] = []
    for (wk, ex), sides in sorted(cells.items()):
        left, right = sides[SIDE_LEFT], sides[SIDE_RIGHT]
        if left[0] > 0 and right[0] > 0:
            basis, lv, rv = "e1rm", left[0], right[0]
        elif left[1] > 0 and right[1] > 0:
            basis, lv, rv = "reps", left[1], right[1]
        else:
            continue
        value = lsi(min(lv, rv), max(lv, rv))
        out.append(
            {
                "week": week_label(wk),
                "exercise_id": table.ids[ex] if ex != table.unknown else None,
                "basis": basis,
                "left": lv,
                "right": rv,
                "lsi": value,
                "weaker": "equal" if lv == rv else "left" if lv < rv else "right",
                "meets_rts": meets_rts(value),
                "source": "unilateral sets",
            }
        )
    return out


def contacts_per_week(cols: SetColumns, table: ExerciseTable) -> dict[int, float]:
    """week index → ground contacts: the logged contacts, else reps × the catalog's contacts per
    rep for plyometric exercises."""
    import numpy as np

    per_rep = table.contacts_per_rep[cols.exercise]
    c = np.where(np.isnan(cols.contacts), np.nan_to_num(cols.reps) * per_rep, cols.contacts)
    c = np.where(cols.working, c, 0.0)
    week = (cols.day + EPOCH_SHIFT) // 7
    keep = c > 0
    out: dict[int, float] = {}
    for w, v in zip(week[keep].tolist(), c[keep].tolist(), strict=True):
        out[int(w)] = out.get(int(w), 0.0) + float(v)
    return out
