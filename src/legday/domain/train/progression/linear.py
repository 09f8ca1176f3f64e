"""Linear progression (novice): a fixed increment after every successful session.

Source: StrongLifts 5×5 as summarised in docs/evidence/doses.md#linear-progression [SL5X5]::

    if success:  load += increment; fails = 0
    else:        fails += 1
                 if fails >= fail_limit: load = round_down(load × deload_factor); fails = 0
                 else: load unchanged (repeat)

Success = at least ``sets`` working sets of ``reps`` at the prescribed load or heavier. A session
done lighter than prescribed is *not* a success however many reps it had (the Liftosaur failure
mode, astashov/liftosaur#357, #551); a failure repeats the load and never undoes earlier
progress. A break of ``break.days`` or more lowers the load first (stall.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from legday.domain.train.progression.base import (
    ExerciseHistory,
    Loading,
    Prescription,
    SessionPerformance,
    SetTarget,
    lower_load,
    mass_text,
    raise_load,
    same_or_heavier,
)
from legday.domain.train.progression.params import RuleParams
from legday.domain.train.progression.stall import break_before_today, replay
from legday.domain.units import Unit


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    detail: str


def judge_straight_sets(
    s: SessionPerformance, load_kg: float, sets: int, reps: int, u: Unit
) -> Verdict:
    """Did ``s`` reach ``sets`` × ``reps`` at ``load_kg`` or heavier? ``detail`` says why not."""
    done = s.working_load
    if not same_or_heavier(done, load_kg):
        shown = mass_text(done, u) if done is not None else "no load"
        return Verdict(False, f"{shown} was below the prescribed {mass_text(load_kg, u)}")
    good = [x for x in s.sets if (x.reps or 0) >= reps and same_or_heavier(x.load_kg, load_kg)]
    if len(good) >= sets:
        return Verdict(True, f"all {sets} sets of {reps} at {mass_text(load_kg, u)}")
    if len(s.sets) < sets:
        return Verdict(False, f"only {len(s.sets)} of {sets} sets were done")
    short = [
        f"set {i}: {x.reps or 0}/{reps}" for i, x in enumerate(s.sets, 1) if (x.reps or 0) < reps
    ]
    return Verdict(False, ", ".join(short[:3]) + " reps")


def increment_for(pattern: str, params: RuleParams) -> float:
    """Barbell hinges (deadlift) move in bigger steps than squats and presses [SL5X5]."""
    if pattern == "hinge":
        return params["linear.hinge_increment_kg"]
    return params["linear.increment_kg"]


def next_linear(h: ExerciseHistory, params: RuleParams, loading: Loading) -> Prescription:
    """The next prescription under linear progression (see the module docstring)."""
    u = params.unit
    sets = h.scheme.sets or params.count("linear.sets")
    reps = h.scheme.reps or params.count("linear.reps")
    inc = increment_for(h.pattern, params)
    limit = params.count("linear.fail_limit")
    load: float | None = None
    fails = 0
    why = ""
    deload = stalled = False
    # the first logged session seeds the rule with what was lifted
    for s, seed, br in replay(h, params, lambda s: s.working_load):
        done = s.working_load
        load = seed if seed is not None else load
        assert load is not None  # replay starts with the seed
        if br is not None:
            load, fails = lower_load(load, br.factor, loading), 0
        v = judge_straight_sets(s, load, sets, reps, u)
        deload = stalled = False
        if v.ok:
            base = max(load, done or load)
            new = raise_load(base, inc, loading)
            # the gain is measured from what was lifted (it may be above the prescription)
            why = f"+{mass_text(new - base, u)}: all {sets} sets of {reps} at {mass_text(base, u)}"
            why += " last time"
            load, fails = new, 0
        else:
            fails += 1
            if fails >= limit:
                new = lower_load(load, params["linear.deload_factor"], loading)
                why = (
                    f"deload to {mass_text(new, u)} (× {params['linear.deload_factor']:g}): "
                    f"{fails} failed sessions in a row at {mass_text(load, u)} ({v.detail})"
                )
                load, fails, deload, stalled = new, 0, True, True
            else:
                why = (
                    f"repeat {mass_text(load, u)}: {v.detail} last time "
                    f"(failure {fails} of {limit} before a deload)"
                )
    if load is None:
        seed = h.seed_kg
        why = (
            f"start at {mass_text(seed, u)} (plan/seed load); +{mass_text(inc, u)} per success"
            if seed is not None
            else f"no history yet: choose a load you can lift for {reps} reps with 2–3 to spare"
        )
        return Prescription(h.exercise_id, "linear", _sets(seed, sets, reps, h), why)
    br = break_before_today(h, params)
    if br is not None:
        load = lower_load(load, br.factor, loading)
        why = f"{br.describe()} (then the usual +{mass_text(inc, u)} per success); before: {why}"
    return Prescription(
        h.exercise_id, "linear", _sets(load, sets, reps, h), why, deload=deload, stalled=stalled
    )


def _sets(load: float | None, sets: int, reps: int, h: ExerciseHistory) -> tuple[SetTarget, ...]:
    return tuple(SetTarget(load_kg=load, reps=reps, rpe=h.scheme.rpe) for _ in range(sets))
