"""Guideline adherence per ISO week, streaks, and adherence to the athlete's plan.

- WHO 2020 (Bull et al., Br J Sports Med 54:1451–1462;
docs/evidence/doses.md#who-2020-activity-guidelines): muscle-strengthening
  at moderate or greater intensity on ≥ 2 days a week (adults and older adults); for older adults
  (≥ 65) varied multicomponent activity emphasising balance and strength on ≥ 3 days a week.
- A strengthening day here is a day with at least one hard working set (RPE ≥ 7 when logged —
  moderate or greater intensity; docs/evidence/load-monitoring.md) of a resistance exercise: not
  balance, mobility, sprints and drills, nor the catalog's endurance activities (pattern ``other``:
  walking, running, cycling…), which WHO 2020 counts as aerobic activity, not muscle strengthening;
  a balance day is a day with a working set of the catalog pattern ``balance``.
- Plan adherence: sessions done / sessions planned per plan week, for weeks that have started by
  the end of the analysed range; extra sessions do not make up for missed weeks (capped at 100 %).
  A day counts as a session done only with a working set of an exercise other than those
  endurance activities (a walk is not a plan session).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from legday.domain.track.columns import ExerciseTable, SetColumns
from legday.domain.weeks import EPOCH_SHIFT, from_day_number, week_label

WHO_STRENGTH_DAYS = 2  # WHO 2020: ≥ 2 days/week
WHO_BALANCE_DAYS = 3  # WHO 2020: ≥ 3 days/week for older adults
OLDER_ADULT_AGE = 65  # WHO 2020 older-adult group
NOT_STRENGTH = ("balance", "mobility", "sprint-agility")
ENDURANCE_PATTERN = "other"  # the catalog's walking, running, cycling… (and "unknown": see below)


def _pattern_names(cols: SetColumns, table: ExerciseTable) -> Any:
    import numpy as np

    return np.array(table.patterns, dtype=object)[table.pattern_of[cols.exercise]]


def _endurance(cols: SetColumns, table: ExerciseTable) -> Any:
    """Sets of the catalog's endurance activities; unknown names are not among them (they are
    real training of an unknown kind, counted as before)."""
    return (_pattern_names(cols, table) == ENDURANCE_PATTERN) & (cols.exercise != table.unknown)


def strengthening(cols: SetColumns, table: ExerciseTable) -> Any:
    """Hard working sets of resistance exercises (see the module docstring)."""
    import numpy as np

    resist = ~np.isin(_pattern_names(cols, table), NOT_STRENGTH) & ~_endurance(cols, table)
    return cols.hard & resist


def exercise_days(cols: SetColumns, table: ExerciseTable, session_days: Sequence[int]) -> list[int]:
    """Days of ``session_days`` with a working set that is not an endurance activity."""
    import numpy as np

    keep = cols.working & ~_endurance(cols, table)
    days = set(np.unique(cols.day[keep]).tolist())
    return [int(d) for d in session_days if int(d) in days]


def weekly_days(
    cols: SetColumns,
    table: ExerciseTable,
    session_days: Sequence[int],
    first_day: int,
    last_day: int,
) -> list[dict[str, Any]]:
    """Per ISO week of the span: strengthening, lower-body strengthening and balance days."""
    import numpy as np

    pattern = _pattern_names(cols, table)
    strength = strengthening(cols, table)
    lower = strength & table.is_lower[cols.exercise]
    balance = cols.working & (pattern == "balance")
    w_first = (first_day + EPOCH_SHIFT) // 7
    w_last = (last_day + EPOCH_SHIFT) // 7
    rows = []
    sets_by: dict[str, set[int]] = {}
    for name, mask in (("strength", strength), ("lower", lower), ("balance", balance)):
        sets_by[name] = set(np.unique(cols.day[mask]).tolist())
    sets_by["any"] = {int(d) for d in session_days}
    for w in range(w_first, w_last + 1):
        days = range(w * 7 - EPOCH_SHIFT, w * 7 - EPOCH_SHIFT + 7)
        rows.append(
            {
                "week": week_label(w),
                "training_days": sum(d in sets_by["any"] for d in days),
                "strength_days": sum(d in sets_by["strength"] for d in days),
                "lower_strength_days": sum(d in sets_by["lower"] for d in days),
                "balance_days": sum(d in sets_by["balance"] for d in days),
            }
        )
    return rows


def _streaks(flags: Sequence[bool]) -> tuple[int, int]:
    """(longest run of True, run of True ending at the last element)."""
    longest = current = 0
    for f in flags:
        current = current + 1 if f else 0
        longest = max(longest, current)
    return longest, current


def summarise(weeks: Sequence[Mapping[str, Any]], age: int | None) -> dict[str, Any]:
    older = age is not None and age >= OLDER_ADULT_AGE
    n = len(weeks)
    meets = [int(w["strength_days"]) >= WHO_STRENGTH_DAYS for w in weeks]
    meets_lower = [int(w["lower_strength_days"]) >= WHO_STRENGTH_DAYS for w in weeks]
    meets_bal = [int(w["balance_days"]) >= WHO_BALANCE_DAYS for w in weeks]
    trained = [int(w["training_days"]) > 0 for w in weeks]
    longest, current = _streaks(meets)
    t_longest, t_current = _streaks(trained)
    out: dict[str, Any] = {
        "weeks": [
            {**w, "meets_who_strength": m, "meets_who_balance": (b if older else None)}
            for w, m, b in zip(weeks, meets, meets_bal, strict=True)
        ],
        "who_strength_days": WHO_STRENGTH_DAYS,
        "weeks_meeting_strength": sum(meets),
        "weeks_meeting_lower_strength": sum(meets_lower),
        "share_meeting_strength": sum(meets) / n if n else None,
        "older_adult": older,
        "streak_longest_weeks": longest,
        "streak_current_weeks": current,
        "training_streak_longest_weeks": t_longest,
        "training_streak_current_weeks": t_current,
        "source": "WHO 2020 (Bull et al., Br J Sports Med 54:1451–1462)",
    }
    if older:
        out["who_balance_days"] = WHO_BALANCE_DAYS
        out["weeks_meeting_balance"] = sum(meets_bal)
        out["share_meeting_balance"] = sum(meets_bal) / n if n else None
    return out


def plan_adherence(
    plan: Mapping[str, Any] | None, session_days: Sequence[int], as_of: date
) -> dict[str, Any]:
    """Sessions done vs planned per plan week (plan body: ``weeks`` → ``sessions``)."""
    if not plan or not plan.get("start_date") or not plan.get("weeks"):
        return {"plan_id": None, "weeks": [], "sessions_planned": 0, "sessions_done": 0,
                "adherence": None, "note": "no current plan"}  # fmt: skip
    start = plan["start_date"]
    if isinstance(start, str):
        start = date.fromisoformat(start)
    done_days = sorted(from_day_number(d) for d in session_days)
    rows = []
    planned_total = done_total = 0
    for i, wk in enumerate(plan["weeks"]):
        begin = start + timedelta(days=7 * i)
        if begin > as_of:
            break
        end = begin + timedelta(days=6)
        planned = len(wk.get("sessions", [])) if isinstance(wk, Mapping) else 0
        done = sum(begin <= d <= end for d in done_days)
        counted = min(done, planned)
        rows.append(
            {"week": i + 1, "start": begin.isoformat(), "planned": planned, "done": done,
             "adherence": counted / planned if planned else None}
        )  # fmt: skip
        planned_total += planned
        done_total += counted
    return {
        "plan_id": plan.get("id"),
        "weeks": rows,
        "sessions_planned": planned_total,
        "sessions_done": done_total,
        "adherence": done_total / planned_total if planned_total else None,
    }
