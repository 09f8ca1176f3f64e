"""Energy per session from MET values (docs/evidence/formulas.md#met-energy, via
legday.domain.science.energy).

A session's MET is the set-count-weighted mean of the catalog MET values of its working sets'
exercises (exercises without a MET value are left out of the mean); kcal = MET × 3.5 × kg / 200 ×
minutes. Sessions without a duration, a known MET or the athlete's body mass get no estimate.
"""

from __future__ import annotations

from typing import Any

from legday.domain.track.columns import ExerciseTable, SessionColumns, SetColumns
from legday.domain.weeks import from_day_number


def session_energy(
    cols: SetColumns, sessions: SessionColumns, table: ExerciseTable, body_mass_kg: float | None
) -> list[dict[str, Any]]:
    """[{"date", "session", "minutes", "met", "kcal"}] per session, in session order."""
    import math

    import numpy as np

    from legday.domain.errors import LegdayError
    from legday.domain.science.energy import kcal

    met_of = np.array([f.met if f.met else np.nan for f in table.facts])
    met = met_of[cols.exercise]
    ok = cols.working & ~np.isnan(met)
    sums: dict[int, list[float]] = {}
    for sid, m in zip(cols.session[ok].tolist(), met[ok].tolist(), strict=True):
        acc = sums.setdefault(int(sid), [0.0, 0.0])
        acc[0] += m
        acc[1] += 1
    out = []
    for i in range(len(sessions)):
        sid = int(sessions.session[i])
        minutes = float(sessions.minutes[i])
        got = sums.get(sid)
        mean_met = got[0] / got[1] if got else None
        value = None
        if mean_met is not None and body_mass_kg and not math.isnan(minutes) and minutes > 0:
            try:
                value = kcal(mean_met, body_mass_kg, minutes)
            except LegdayError:
                value = None  # outside the ranges the formula covers: no estimate
        out.append(
            {
                "date": from_day_number(int(sessions.day[i])).isoformat(),
                "session": sid,
                "minutes": None if math.isnan(minutes) else minutes,
                "met": mean_met,
                "kcal": value,
            }
        )
    return out
