"""Stalls, deloads and returns after a break — the parts every rule shares.

- Reactive deload: the same lift failed in ``fail_limit`` consecutive exposures → load × 0.90
  (StrongLifts 5×5 [SL5X5], docs/evidence/doses.md#linear-progression and
  docs/evidence/doses.md#deloads).
- Scheduled deload week (a plan week flagged ``deload``): same sessions, ≥ 30 % fewer hard sets,
  top load ≤ 90 % and RPE ≤ 7 (docs/evidence/doses.md#deloads legday default; R17 [ROGERSON24]
  [BELL22]).
- Return after a break: ≥ ``break.days`` away → load × ``break.factor``; ≥ ``break.long_days`` →
  × ``break.long_factor`` (legday choice, see params.py for the source of the thresholds).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from legday.domain.train.progression.base import (
    ExerciseHistory,
    Loading,
    Prescription,
    SessionPerformance,
    SetTarget,
    gap_days,
    lower_load,
)
from legday.domain.train.progression.params import RuleParams


@dataclass(frozen=True, slots=True)
class BreakReturn:
    days: int
    factor: float

    def describe(self) -> str:
        pct = round((1 - self.factor) * 100)
        return f"−{pct} % after {self.days} days away"


def break_return(last_day: date | None, day: date, params: RuleParams) -> BreakReturn | None:
    """The cut owed to a break between ``last_day`` and ``day`` (None: no break)."""
    if last_day is None:
        return None
    gap = gap_days(last_day, day)
    if gap >= params.count("break.long_days"):
        return BreakReturn(gap, params["break.long_factor"])
    if gap >= params.count("break.days"):
        return BreakReturn(gap, params["break.factor"])
    return None


Seed = TypeVar("Seed")


def replay(
    h: ExerciseHistory, params: RuleParams, seed: Callable[[SessionPerformance], Seed | None]
) -> Iterator[tuple[SessionPerformance, Seed | None, BreakReturn | None]]:
    """The sessions a rule replays, oldest first, from the first one that ``seed`` gives a
    starting value for (earlier ones give the rule nothing to start from). Each comes with that
    value (the first only; None after) and the cut owed to a break since the session before."""
    last_day: date | None = None
    for s in h.sessions:
        first = seed(s) if last_day is None else None
        if last_day is None and first is None:
            continue
        yield s, first, break_return(last_day, s.day, params)
        last_day = s.day


def break_before_today(h: ExerciseHistory, params: RuleParams) -> BreakReturn | None:
    """The cut owed to the break from the last logged session to ``h.today`` (for a rule that
    replayed up to that session)."""
    return break_return(h.last.day, h.today, params) if h.last is not None else None


def deload_set_count(sets: int, params: RuleParams) -> int:
    """Sets kept in a deload week: ≥ 30 % fewer (rounded down), never fewer than one."""
    if sets <= 1:
        return 1
    return max(1, min(sets - 1, math.floor(sets * params["deload.set_factor"] + 1e-9)))


def deload_week(
    p: Prescription, params: RuleParams, loading: Loading, cut_sets: bool = True
) -> Prescription:
    """A scheduled deload version of ``p``: fewer sets, lighter, easier
    (docs/evidence/doses.md#deloads). ``cut_sets=False`` when the plan already cut the sets of its
    deload week."""
    keep = deload_set_count(len(p.sets), params) if cut_sets else len(p.sets)
    cap = params["deload.rpe_cap"]
    sets: list[SetTarget] = []
    for t in p.sets[:keep]:
        load = lower_load(t.load_kg, params["deload.load_factor"], loading) if t.load_kg else None
        rpe = min(t.rpe, cap) if t.rpe is not None else None
        sets.append(replace(t, load_kg=load, rpe=rpe, amrap=False))
    pct_sets = round((1 - params["deload.set_factor"]) * 100)
    fewer = f"{keep} of {len(p.sets)} sets (≥ {pct_sets} % fewer), " if cut_sets else ""
    why = (
        f"deload week: {fewer}loads × {params['deload.load_factor']:g}, RPE ≤ {cap:g} — "
        f"then: {p.why}"
    )
    return replace(p, sets=tuple(sets), why=why, deload=True)


def failed_in_a_row(outcomes: list[bool]) -> int:
    """How many of the latest outcomes are failures, counting back to the last success."""
    n = 0
    for ok in reversed(outcomes):
        if ok:
            break
        n += 1
    return n
