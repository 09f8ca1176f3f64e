"""Double progression: reps climb through a range, then the load rises and reps restart.

Source: docs/evidence/doses.md#double-progression [WGER2480] [LIFTO-DOC]::

    if every working set reached rep_max at the prescribed load (achieved load ≥ prescribed):
        load += increment; target reps for every set = rep_min
    else:
        load unchanged; target reps = last achieved reps + 1 on the lowest set(s), capped at rep_max

The gate is the *top* of the range on *every* set (wger#2480; openGym#278 added weight after
3 × 8 in an 8–12 range — the bug to avoid). Two legday choices on top:

- targets never fall at the same load: a bad day (one failed set) keeps the targets already
  earned instead of resetting them, and counts as a session without progress;
- ``double.fail_limit`` sessions in a row without more total reps at the load is a stall →
  load × ``double.deload_factor``, reps back to the bottom (the SL5X5 3-failure rule applied to
  reps).
"""

from __future__ import annotations

from legday.domain.train.progression.base import (
    ExerciseHistory,
    Loading,
    Prescription,
    SetTarget,
    lower_load,
    mass_text,
    raise_load,
    same_or_heavier,
)
from legday.domain.train.progression.params import RuleParams
from legday.domain.train.progression.stall import break_before_today, replay

# Single-joint patterns take the smaller isolation increment (AbhyasKanaujia#6: 1–2 kg).
ISOLATION_PATTERNS: frozenset[str] = frozenset(
    {"knee-extension", "knee-flexion", "hip-abduction", "hip-adduction", "calf", "tibialis"}
)


def rep_range(h: ExerciseHistory, params: RuleParams) -> tuple[int, int]:
    lo = h.scheme.rep_min or params.count("double.rep_min")
    hi = h.scheme.rep_max or params.count("double.rep_max")
    return (lo, hi) if hi > lo else (lo, lo + 1)


def next_targets(prev: list[int], achieved: list[int], lo: int, hi: int) -> list[int]:
    """+1 rep on the lowest achieved set(s), capped at ``hi``; never below what was earned."""
    lowest = min(achieved)
    bumped = [a + 1 if a == lowest else a for a in achieved]
    return [min(hi, max(lo, p, b)) for p, b in zip(prev, bumped, strict=True)]


def next_double(h: ExerciseHistory, params: RuleParams, loading: Loading) -> Prescription:
    """The next prescription under double progression (see the module docstring)."""
    if h.sessions and all(s.working_load is None for s in h.sessions):
        return next_bodyweight_reps(h, params)
    u = params.unit
    lo, hi = rep_range(h, params)
    n = h.scheme.sets or 3
    iso = h.pattern in ISOLATION_PATTERNS
    inc = params["double.isolation_increment_kg" if iso else "double.increment_kg"]
    limit = params.count("double.fail_limit")
    load: float | None = None
    targets = [lo] * n
    best = 0
    flat = 0  # sessions in a row without more total reps at this load
    why = ""
    deload = stalled = False
    for s, seed, br in replay(h, params, lambda s: s.working_load):
        done = s.working_load
        load = seed if seed is not None else load
        assert load is not None  # replay starts with the seed
        if br is not None:
            load, targets, best, flat = lower_load(load, br.factor, loading), [lo] * n, 0, 0
        deload = stalled = False
        at_load = [x.reps or 0 for x in s.sets if same_or_heavier(x.load_kg, load)][:n]
        achieved = at_load + [0] * (n - len(at_load))
        if not same_or_heavier(done, load):
            flat += 1
            shown = mass_text(done, u) if done is not None else "no load"
            why = (
                f"{mass_text(load, u)} again: last time {shown} was below the prescribed "
                f"{mass_text(load, u)}, so its reps do not count toward progress"
            )
        elif all(a >= hi for a in achieved):
            base = max(load, done or load)  # what was lifted, when above the prescription
            new = raise_load(base, inc, loading)
            why = (
                f"+{mass_text(new - base, u)}: all {n} sets reached {hi} at "
                f"{mass_text(base, u)} last time; reps restart at {lo}"
            )
            load, targets, best, flat = new, [lo] * n, 0, 0
            continue
        else:
            total = sum(achieved)
            flat = 0 if total > best else flat + 1
            best = max(best, total)
            targets = next_targets(targets, achieved, lo, hi)
            reps_text = ", ".join(str(a) for a in achieved)
            failed = [i for i, a in enumerate(achieved, 1) if a < lo]
            note = f" (set {failed[0]} fell below {lo}; earned targets kept)" if failed else ""
            why = (
                f"{mass_text(load, u)} again: {reps_text} of {hi} last time{note} — "
                f"aim for {', '.join(str(t) for t in targets)}"
            )
        if flat >= limit:
            new = lower_load(load, params["double.deload_factor"], loading)
            why = (
                f"deload to {mass_text(new, u)} (× {params['double.deload_factor']:g}): "
                f"{flat} sessions without more reps at {mass_text(load, u)}; reps restart at {lo}"
            )
            load, targets, best, flat, deload, stalled = new, [lo] * n, 0, 0, True, True
    if load is None:
        seed = h.seed_kg
        why = (
            f"start at {mass_text(seed, u)}; add reps up to {hi} on every set, then load"
            if seed is not None
            else f"no history yet: {lo} reps a set; reps rise to {hi} on every set"
            if h.bodyweight
            else f"no history yet: choose a load you can lift {lo}–{hi} times; reps rise to {hi}"
        )
        return Prescription(h.exercise_id, "double", _sets(seed, targets, h), why)
    br = break_before_today(h, params)
    if br is not None:
        load, targets = lower_load(load, br.factor, loading), [lo] * n
        why = f"{br.describe()}, reps back to {lo}; before: {why}"
    return Prescription(
        h.exercise_id, "double", _sets(load, targets, h), why, deload=deload, stalled=stalled
    )


def next_bodyweight_reps(h: ExerciseHistory, params: RuleParams) -> Prescription:
    """Double progression without a load (body-weight work): reps climb through the range the
    same way; at the top of the range on every set the next step is the catalog's harder variant
    (docs/evidence/doses.md#holds-balance-and-plyometric-progressions: "then move to the harder
    variant"), else the top is kept."""
    lo, hi = rep_range(h, params)
    n = h.scheme.sets or 3
    limit = params.count("double.fail_limit")
    targets, best, flat = [lo] * n, 0, 0
    why, switch, stalled = "", None, False
    for s, _, br in replay(h, params, lambda s: True):
        if br is not None:
            targets, best, flat = [lo] * n, 0, 0
        switch, stalled = None, False
        reps = [x.reps or 0 for x in s.sets][:n]
        achieved = reps + [0] * (n - len(reps))
        if all(a >= hi for a in achieved):
            if h.harder is not None:
                switch, targets, best, flat = h.harder, [lo] * n, 0, 0
                why = f"on to {h.harder}: every set reached {hi} last time"
            else:
                targets = [hi] * n
                why = f"every set reached {hi}: add a load (vest, dumbbells) to progress"
            continue
        total = sum(achieved)
        flat = 0 if total > best else flat + 1
        best = max(best, total)
        targets = next_targets(targets, achieved, lo, hi)
        why = (
            f"{', '.join(str(a) for a in achieved)} of {hi} last time — aim for "
            f"{', '.join(str(t) for t in targets)}"
        )
        if flat >= limit:
            targets, best, flat, stalled = [lo] * n, 0, 0, True
            why = f"{limit} sessions without more reps: back to {lo} a set and build again"
    br = break_before_today(h, params)
    if br is not None:
        targets = [lo] * n
        why = f"{br.days} days away: reps back to {lo}; before: {why}"
    sets = tuple(SetTarget(reps=r, rpe=h.scheme.rpe) for r in targets)
    return Prescription(h.exercise_id, "double", sets, why, stalled=stalled, switch_to=switch)


def _sets(load: float | None, targets: list[int], h: ExerciseHistory) -> tuple[SetTarget, ...]:
    return tuple(SetTarget(load_kg=load, reps=t, rpe=h.scheme.rpe) for t in targets)
