"""Time and level progression for balance and isometric holds.

Source: docs/evidence/doses.md#holds-balance-and-plyometric-progressions — holds add 5–10 s per week
up to the target hold, then move to the harder variant (practitioner, UNVERIFIED); balance (Otago
style) progresses support first (two hands → one hand → no support → eyes closed / dual task), then
duration [OTAGO-MAN] (levels exist [S]; exact criteria UNVERIFIED). So:

- success = every set held at least the target time → +``holds.step_s``, at most once per
  ``holds.step_days`` days;
- at ``holds.max_s`` with success: the next support level (when the exercise is graded by level),
  else the catalog's harder variant, starting again at ``holds.start_s``;
- ``stall.fail_limit`` failed exposures in a row → one step back;
- a break of ``break.days`` or more shortens the hold by ``break.factor`` (stall.py).
"""

from __future__ import annotations

import math

from legday.domain.train.progression.base import (
    ExerciseHistory,
    Loading,
    Prescription,
    SessionPerformance,
    SetTarget,
)
from legday.domain.train.progression.params import RuleParams
from legday.domain.train.progression.stall import break_before_today, replay

# Support levels as the Otago manual grades balance work [OTAGO-MAN]
# (docs/evidence/doses.md#holds-balance-and-plyometric-progressions and
# docs/evidence/doses.md#otago).
SUPPORT_LEVELS: dict[int, str] = {
    1: "holding on with two hands",
    2: "holding on with one hand",
    3: "no support",
    4: "no support, eyes closed or a second task",
}


def _down_to_step(seconds: float, step: float) -> float:
    return max(step, math.floor(seconds / step + 1e-9) * step)


def _first_target(s: SessionPerformance, planned: float | None, step: float) -> float | None:
    """The hold the rule starts from: the plan's, else the shortest held, down to a step (None:
    nothing was held in the session)."""
    held = [x.seconds or 0.0 for x in s.sets]
    return (planned or _down_to_step(min(held), step)) if any(held) else None


def next_hold(h: ExerciseHistory, params: RuleParams, loading: Loading) -> Prescription:
    """The next prescription for a hold (see the module docstring). ``loading`` is unused: the
    dose is time, the load is the body."""
    del loading
    start = params["holds.start_s"]  # where a new level or variant begins
    step, top = params["holds.step_s"], params["holds.max_s"]
    n = h.scheme.sets or 2
    level = h.scheme.level
    limit = params.count("stall.fail_limit")
    target: float | None = None
    fails = 0
    last_step = None
    switch: str | None = None
    stalled = False
    why = ""
    for s, seed, br in replay(h, params, lambda s: _first_target(s, h.scheme.seconds, step)):
        held = [x.seconds or 0.0 for x in s.sets]
        target = seed if seed is not None else target
        assert target is not None  # replay starts with the seed
        if br is not None:
            target, fails = _down_to_step(target * br.factor, step), 0
        stalled, switch = False, None
        ok = len(held) >= n and all(x >= target - 1e-9 for x in held[:n])
        if ok:
            fails = 0
            if target >= top - 1e-9:
                if level is not None and level < max(SUPPORT_LEVELS):
                    level, target = level + 1, start
                    why = f"level {level} ({SUPPORT_LEVELS[level]}): every set held {top:g} s"
                    last_step = s.day
                elif h.harder is not None:
                    switch, target = h.harder, start
                    why = f"on to {h.harder}: every set held the {top:g} s target"
                else:
                    why = f"keep {top:g} s: the target hold is mastered"
            elif last_step is None or (s.day - last_step).days >= params.count("holds.step_days"):
                target, last_step = min(top, target + step), s.day
                why = f"+{step:g} s: every set held {target - step:g} s last time"
            else:
                why = f"hold {target:g} s again: the next step comes a week after the last"
        else:
            fails += 1
            shown = ", ".join(f"{x:g}" for x in held) or "none"
            if fails >= limit:
                target, fails, stalled = max(step, target - step), 0, True
                why = f"step back to {target:g} s: {limit} sessions short of the target ({shown} s)"
            else:
                why = f"hold {target:g} s again: {shown} s last time (miss {fails} of {limit})"
    if target is None:
        target = h.scheme.seconds or start
        why = f"start with {n} × {target:g} s; +{step:g} s a week up to {top:g} s"
    elif (br := break_before_today(h, params)) is not None:
        target = _down_to_step(target * br.factor, step)
        why = f"{br.describe()}: {target:g} s; before: {why}"
    if level is not None:
        why = f"{why} [level {level}: {SUPPORT_LEVELS.get(level, 'custom')}]"
    sets = tuple(SetTarget(seconds=target, level=level) for _ in range(n))
    return Prescription(h.exercise_id, "holds", sets, why, stalled=stalled, switch_to=switch)
