"""Percentage waves, 5/3/1-style: four-week waves of a training max (TM).

Source: Wendler 2009 as quoted in docs/evidence/doses.md#percentage-waves-531 [W531]::

    TM = 0.90 × 1RM
    week 1: 65 % × 5, 75 % × 5, 85 % × 5+      (of TM; "+" = as many reps as possible)
    week 2: 70 % × 3, 80 % × 3, 90 % × 3+
    week 3: 75 % × 5, 85 % × 3, 95 % × 1+
    week 4 (deload): 40 % × 5, 50 % × 5, 60 % × 5
    after each 4-week cycle: TM += 5 kg for squat/deadlift

Each exposure of the lift is the next step of the wave. The first exposure seeds the TM at
``waves.tm_factor`` × the Epley e1RM of its best set
(docs/evidence/formulas.md#one-rep-max-estimators). Stall: the "+" set missed its minimum reps → TM
= ``waves.reset_factor`` × that set's e1RM and the wave restarts at week 1 (the exact 5/3/1 reset
rule is UNVERIFIED; this re-derives the TM the way it was first set). A break of ``break.days`` or
more lowers the TM and restarts the wave (stall.py)."""

from __future__ import annotations

from legday.domain.science import e1rm as e1rm_formulas
from legday.domain.train.progression.base import (
    ExerciseHistory,
    Loading,
    Prescription,
    SessionPerformance,
    SetTarget,
    mass_text,
)
from legday.domain.train.progression.params import RuleParams
from legday.domain.train.progression.stall import break_before_today, replay

# (fraction of TM, reps, amrap) per set, weeks 1–4 [W531].
WAVE: tuple[tuple[tuple[float, int, bool], ...], ...] = (
    ((0.65, 5, False), (0.75, 5, False), (0.85, 5, True)),
    ((0.70, 3, False), (0.80, 3, False), (0.90, 3, True)),
    ((0.75, 5, False), (0.85, 3, False), (0.95, 1, True)),
    ((0.40, 5, False), (0.50, 5, False), (0.60, 5, False)),
)


def best_e1rm(s: SessionPerformance) -> float | None:
    """The session's best Epley e1RM (lenient past 10 reps; None when nothing is loaded)."""
    best: float | None = None
    for x in s.sets:
        if x.load_kg and x.reps and 0 < x.reps <= e1rm_formulas.ABSOLUTE_MAX_REPS:
            v, _ = e1rm_formulas.estimate_checked(x.load_kg, x.reps, "epley")
            best = v if best is None else max(best, v)
    return best


def plus_set_reps(s: SessionPerformance) -> tuple[int, float] | None:
    """Reps and load of the last, heaviest set — the "+" set of a wave session."""
    loaded = [x for x in s.sets if x.load_kg and x.reps is not None]
    if not loaded:
        return None
    top = max(x.load_kg or 0.0 for x in loaded)
    last = [x for x in loaded if (x.load_kg or 0.0) == top][-1]
    return last.reps or 0, top


def next_wave(h: ExerciseHistory, params: RuleParams, loading: Loading) -> Prescription:
    """The next wave session (see the module docstring)."""
    u = params.unit
    tm: float | None = None
    week = 0  # 0-based index into WAVE of the *next* session
    why = ""
    stalled = False
    for s, e1, br in replay(h, params, best_e1rm):
        if e1 is not None:  # the first session with a heavy set sets the training max
            tm = params["waves.tm_factor"] * e1
            why = f"TM {mass_text(tm, u)} = {params['waves.tm_factor']:g} × e1RM {mass_text(e1, u)}"
            week = 0
            continue
        assert tm is not None  # set by the first session
        if br is not None:
            tm, week = tm * br.factor, 0
        stalled = False
        scheme = WAVE[week]
        plus = plus_set_reps(s)
        need = scheme[-1][1]
        if scheme[-1][2] and plus is not None and plus[0] < need:
            e1, _ = e1rm_formulas.estimate_checked(plus[1], max(1, plus[0]), "epley")
            tm = (
                params["waves.reset_factor"] * e1
                if plus[0] > 0
                else tm * params["waves.reset_factor"]
            )
            why = (
                f"TM reset to {mass_text(tm, u)}: the '+' set got {plus[0]} of {need} reps; "
                "wave restarts at week 1"
            )
            week, stalled = 0, True
            continue
        week += 1
        if week == len(WAVE):
            tm += params["waves.tm_increment_kg"]
            inc = mass_text(params["waves.tm_increment_kg"], u)
            why = f"new cycle: TM +{inc} → {mass_text(tm, u)}"
            week = 0
        elif scheme[-1][2] and plus is not None:
            why = f"last '+' set: {plus[0]} reps (≥ {need}), on to the next week"
        else:
            why = "on to the next week of the wave"
    if tm is None:
        if h.seed_kg is None:
            return Prescription(
                h.exercise_id,
                "waves",
                tuple(SetTarget(reps=r, amrap=a) for _, r, a in WAVE[0]),
                "no history yet: log a heavy set (load × reps) so a training max can be set",
            )
        tm = h.seed_kg
        why = f"TM {mass_text(tm, u)} from the plan"
    elif (br := break_before_today(h, params)) is not None:
        tm, week = tm * br.factor, 0
        why = f"{br.describe()}: TM → {mass_text(tm, u)}, wave restarts at week 1; before: {why}"
    sets = tuple(
        SetTarget(load_kg=loading.down(tm * pct), reps=reps, amrap=amrap)
        for pct, reps, amrap in WAVE[week]
    )
    pcts = "/".join(f"{round(p * 100)}" for p, _, _ in WAVE[week])
    why = f"week {week + 1}: {pcts} % of TM {mass_text(tm, u)} — {why}"
    return Prescription(h.exercise_id, "waves", sets, why, deload=week == 3, stalled=stalled)
