"""Contact-count progression for plyometrics.

Source: docs/evidence/doses.md#holds-balance-and-plyometric-progressions and
docs/evidence/doses.md#plyometrics — progress foot contacts within the level's session cap first,
then drill intensity one class at a time, never both in the same week (practitioner reading of
[EBBEN07], UNVERIFIED as a rule); caps per session: novice 100, intermediate 120, advanced 140 (R19
[TEAMMPI] [PLYOPLAN]). So:

- success = every set reached its contacts → +``contacts.step`` per set, at most once per
  ``contacts.step_days`` days, while sets × contacts stays within ``contacts.cap``;
- at the cap with success: the catalog's harder drill, starting again at the first dose;
- ``stall.fail_limit`` short sessions in a row → one step back;
- a break of ``break.days`` or more cuts contacts by ``break.factor`` (stall.py).
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

# First dose per set when neither a plan nor a history gives one: legday choice — the issue's own
# example ("box-jump 5x5") and well inside every level's session cap (R19).
START_CONTACTS = 5


def _first_dose(s: SessionPerformance, planned: int | None) -> int | None:
    """The contacts per set the rule starts from: the plan's, else the fewest done (None: the
    session has no contacts to start from)."""
    done = [x.contacts or 0 for x in s.sets]
    return (planned or min(done)) if any(done) else None


def next_contacts(h: ExerciseHistory, params: RuleParams, loading: Loading) -> Prescription:
    """The next plyometric dose (see the module docstring). Loads are not progressed here."""
    del loading
    n = h.scheme.sets or 3
    step = params.count("contacts.step")
    cap = params.count("contacts.cap")
    limit = params.count("stall.fail_limit")
    start = h.scheme.contacts or max(1, min(START_CONTACTS, cap // n))
    per_set: int | None = None
    fails = 0
    last_step = None
    switch: str | None = None
    stalled = False
    why = ""
    for s, seed, br in replay(h, params, lambda s: _first_dose(s, h.scheme.contacts)):
        done = [x.contacts or 0 for x in s.sets]
        per_set = seed if seed is not None else per_set
        assert per_set is not None  # replay starts with the seed
        if br is not None:
            per_set, fails = max(1, math.floor(per_set * br.factor)), 0
        stalled, switch = False, None
        ok = len(done) >= n and all(c >= per_set for c in done[:n])
        if ok:
            fails = 0
            week_passed = last_step is None or (s.day - last_step).days >= params.count(
                "contacts.step_days"
            )
            if (per_set + step) * n <= cap and week_passed:
                per_set, last_step = per_set + step, s.day
                why = f"+{step} contacts a set: all {n} sets done last time (cap {cap})"
            elif (per_set + step) * n > cap and h.harder is not None:
                why = f"on to {h.harder} at {start} a set: {n} × {per_set} is at the cap {cap}"
                switch, per_set, last_step = h.harder, start, s.day
            elif (per_set + step) * n > cap:
                why = f"keep {n} × {per_set}: the session cap is {cap} contacts"
            else:
                why = f"{n} × {per_set} again: contacts rise once a week"
        else:
            fails += 1
            shown = ", ".join(str(c) for c in done) or "none"
            if fails >= limit:
                per_set, fails, stalled = max(1, per_set - step), 0, True
                why = f"step back to {per_set} a set: {limit} sessions short ({shown})"
            else:
                why = f"{n} × {per_set} again: {shown} last time (miss {fails} of {limit})"
    if per_set is None:
        per_set = start
        why = f"start with {n} × {start} contacts; +{step} a set each week up to {cap} a session"
    elif (br := break_before_today(h, params)) is not None:
        per_set = max(1, math.floor(per_set * br.factor))
        why = f"{br.describe()}: {per_set} a set; before: {why}"
    sets = tuple(SetTarget(contacts=per_set) for _ in range(n))
    return Prescription(h.exercise_id, "contacts", sets, why, stalled=stalled, switch_to=switch)
