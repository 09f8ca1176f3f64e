"""RPE-based autoregulation: the next load from the e1RM the last top set implies.

Source: docs/evidence/doses.md#rpe-load-adjustment::

    e1RM = top-set load ÷ %1RM(reps, RPE)                   (chart:
    docs/evidence/formulas.md#rpe-chart, science.rpe) next load = round_down(e1RM × %1RM(target
    reps, target RPE)) clamp next load to [L × 0.90, L × 1.10]                  (ACSM09: 2–10 %
    steps) in-session: RPE ≥ target + 1 → next set −2.5 % per point; ≤ target − 1 → + one increment

RPEs off the chart's 6.5–10 half points and reps + RIR beyond 12 fall back to Epley with
reps-to-failure = reps + RIR (docs/evidence/doses.md#rpe-load-adjustment, [RPTOOL]) through
``science.e1rm``. Stall: ``rpe.stall_exposures`` exposures in a row with a falling e1RM
(docs/evidence/doses.md#deloads) → a deload session at × ``rpe.deload_factor`` and RPE ≤
``deload.rpe_cap``."""

from __future__ import annotations

from dataclasses import replace

from legday.domain.science import e1rm as e1rm_formulas
from legday.domain.science import rpe as rpe_chart
from legday.domain.train.progression.base import (
    ExerciseHistory,
    Loading,
    Prescription,
    SessionPerformance,
    SetPerformance,
    SetTarget,
    lower_load,
    mass_text,
    raise_load,
)
from legday.domain.train.progression.params import RuleParams
from legday.domain.train.progression.stall import break_return
from legday.domain.units import Unit


def _chart_rpe(rpe: float) -> float | None:
    """The chart row for ``rpe`` when it is on the chart (6.5–10 in half points)."""
    snapped = round(rpe * 2) / 2
    return snapped if abs(snapped - rpe) < 1e-9 and snapped in rpe_chart.RPES else None


def pct_of_1rm(reps: int, rpe: float) -> float:
    """Fraction of 1RM for ``reps`` ending at ``rpe``: the RTS chart where it has a cell, else
    Epley on reps + RIR (1 / (e1RM of 1 kg))."""
    row = _chart_rpe(rpe)
    if row is not None and rpe_chart.MIN_REPS <= reps <= rpe_chart.MAX_REPS:
        return rpe_chart.pct_1rm(reps, row)
    to_failure = reps + max(0, round(10 - rpe))
    one, _ = e1rm_formulas.estimate_checked(1.0, max(1, to_failure), "epley")
    return 1.0 / one


def e1rm_of(load_kg: float, reps: int, rpe: float) -> float:
    return load_kg / pct_of_1rm(reps, rpe)


def _standard_beside(t: SetPerformance, u: Unit) -> str:
    """legday's one e1RM of the same set (Epley, no RPE), shown beside the RPE-adjusted one."""
    if t.load_kg is None or t.reps is None:
        return ""
    plain = e1rm_formulas.standard(t.load_kg, t.reps)
    shown = mass_text(plain, u) if plain is not None else f"none for {t.reps} reps"
    return f" (legday's Epley e1RM, no RPE: {shown})"


def top_set(s: SessionPerformance) -> SetPerformance | None:
    """The heaviest set with load, reps and an RPE (ties: the later one, it was harder)."""
    rated = [x for x in s.sets if x.load_kg and x.reps and x.rpe is not None]
    if not rated:
        return None
    best = max(x.load_kg or 0.0 for x in rated)
    return [x for x in rated if (x.load_kg or 0.0) == best][-1]


def session_e1rm(s: SessionPerformance) -> float | None:
    t = top_set(s)
    if t is None or t.load_kg is None or t.reps is None or t.rpe is None:
        return None
    return e1rm_of(t.load_kg, t.reps, t.rpe)


def targets(h: ExerciseHistory, params: RuleParams) -> tuple[int, int, float]:
    sets = h.scheme.sets or 3
    reps = h.scheme.reps or params.count("rpe.target_reps")
    rpe = h.scheme.rpe if h.scheme.rpe is not None else params["rpe.target_rpe"]
    return sets, reps, rpe


def falling_streak(values: list[float]) -> int:
    """Exposures in the falling run at the end: each lower than the one before, plus its start."""
    n = 1
    for a, b in zip(reversed(values[:-1]), reversed(values[1:]), strict=True):
        if b < a:
            n += 1
        else:
            break
    return n if len(values) > 1 else 0


def next_rpe(h: ExerciseHistory, params: RuleParams, loading: Loading) -> Prescription:
    """The next prescription under RPE autoregulation (see the module docstring)."""
    u = params.unit
    sets, reps, rpe = targets(h, params)
    rated = [s for s in h.sessions if session_e1rm(s) is not None]
    if not rated:
        last = h.last
        load = last.top_load if last is not None else h.seed_kg
        why = (
            f"repeat {mass_text(load, u)}: no RPE was logged, so the load cannot adjust — log "
            f"RPE (e.g. '{reps} @{rpe:g}') to let it"
            if load is not None
            else f"no history yet: choose a load you can lift {reps} times at RPE {rpe:g}"
        )
        return Prescription(h.exercise_id, "rpe", _sets(load, sets, reps, rpe), why)
    last = rated[-1]
    t = top_set(last)
    assert t is not None and t.load_kg is not None and t.reps is not None and t.rpe is not None
    e1 = e1rm_of(t.load_kg, t.reps, t.rpe)
    raw = e1 * pct_of_1rm(reps, rpe)
    step = params["rpe.max_step"]
    lo, hi = t.load_kg * (1 - step), t.load_kg * (1 + step)
    clamped = min(max(raw, lo), hi)
    load = loading.down(clamped)
    why = (
        f"{mass_text(load, u)}: last top set {mass_text(t.load_kg, u)} × {t.reps} @{t.rpe:g} "
        f"→ RPE-adjusted e1RM {mass_text(e1, u)}{_standard_beside(t, u)}; {reps} @{rpe:g} is "
        f"{pct_of_1rm(reps, rpe) * 100:.1f} % of it"
    )
    if clamped != raw:
        why += f" (move capped at {step * 100:g} %)"
    streak = falling_streak([v for s in rated if (v := session_e1rm(s)) is not None])
    deload = stalled = False
    if streak >= params.count("rpe.stall_exposures"):
        load = lower_load(t.load_kg, params["rpe.deload_factor"], loading)
        rpe = min(rpe, params["deload.rpe_cap"])
        why = (
            f"deload to {mass_text(load, u)} at RPE ≤ {rpe:g}: e1RM fell {streak - 1} exposures "
            f"in a row (now {mass_text(e1, u)})"
        )
        deload = stalled = True
    br = break_return(last.day, h.today, params)
    if br is not None:
        load = lower_load(load, br.factor, loading)
        why = f"{br.describe()}; before: {why}"
    return Prescription(
        h.exercise_id, "rpe", _sets(load, sets, reps, rpe), why, deload=deload, stalled=stalled
    )


def adjust_next_set(
    nxt: SetTarget,
    actual_rpe: float,
    target_rpe: float,
    params: RuleParams,
    loading: Loading,
    increment_kg: float,
) -> tuple[SetTarget, str | None]:
    """In-session autoregulation (docs/evidence/doses.md#rpe-load-adjustment): the set after one
    rated ``actual_rpe`` against a target of ``target_rpe``. Returns the (maybe) changed set and the
    reason."""
    if nxt.load_kg is None:
        return nxt, None
    u = params.unit
    over = actual_rpe - target_rpe
    if over >= 1:
        cut = min(params["rpe.max_step"], params["rpe.in_session_drop"] * over)
        new = loading.down(nxt.load_kg * (1 - cut))
        if new < nxt.load_kg:
            why = f"−{mass_text(nxt.load_kg - new, u)}: RPE {actual_rpe:g} > target {target_rpe:g}"
            return replace(nxt, load_kg=new), why
    elif over <= -1:
        new = raise_load(nxt.load_kg, increment_kg, loading)
        why = f"+{mass_text(new - nxt.load_kg, u)}: RPE {actual_rpe:g} < target {target_rpe:g}"
        return replace(nxt, load_kg=new), why
    return nxt, None


def _sets(load: float | None, sets: int, reps: int, rpe: float) -> tuple[SetTarget, ...]:
    return tuple(SetTarget(load_kg=load, reps=reps, rpe=rpe) for _ in range(sets))
