"""How a slot's dose is adapted to the exercise and the person: effort instead of %1RM where
no 1RM is known or meaningful (R31, R37), rest by load (R41), in-season maintenance (R39), knee
osteoarthritis (moderate 8–15 reps [OARSI19]), effort off failure the day after (R43)."""

from __future__ import annotations

import math
from dataclasses import replace

from legday.domain.catalog.model import Exercise
from legday.domain.plan import candidates as cands
from legday.domain.plan import dosing
from legday.domain.plan.families import Slot
from legday.domain.plan.model import Block
from legday.domain.plan.periodization import Dose

# Rep ranges for body-weight work that replaces a %1RM prescription (double progression, then a
# harder variant): heavy prescriptions (≥ 75 % 1RM ≈ ≤ 10 RM, Epley) → 6–12, lighter → 8–15.
BW_HEAVY_PCT = 75.0
BW_RANGE_HEAVY = (6, 12)
BW_RANGE_LIGHT = (8, 15)
# effort band of hard sets: RIR ≤ 3 (hard set, docs/evidence/rules.md#definitions)
BW_RIR_MIN, BW_RIR_MAX = 1.0, 3.0


def trim_floor(level: str) -> int:
    """The fewest sets a trimmed lift keeps: one for a novice (1–3 sets [ACSM09]), else two."""
    return 1 if level == "beginner" else 2


def trimmed(d: Dose, trim: int, floor: int = 2) -> Dose:
    """The dose ``trim`` sets short to keep a muscle under its weekly cap (R10 [RP-LAND]), never
    below ``floor`` sets where it had them (a deload's single set stays one)."""
    if not trim:
        return d
    return replace(d, sets=max(min(d.sets, floor), d.sets - trim))


def body_weight_dose(d: Dose, deload: bool = False) -> Dose:
    """A %1RM dose re-expressed for an exercise without a known 1RM: a rep range with the same
    effort in reserve. The RIR comes from Epley at the planned reps and %1RM (reps to failure =
    30 × (100 / %1RM − 1), [RPTOOL] docs/evidence/doses.md#rpe-and-rir), clamped to RIR 1–3 so the
    sets stay hard."""
    pct = float(d.intensity)
    reps = d.reps or 1
    rir = 30.0 * (100.0 / pct - 1.0) - reps
    rir = min(BW_RIR_MAX, max(BW_RIR_MIN, float(math.floor(rir + 0.5))))  # half rounds up
    if pct >= HEAVY_PCT * 100 and (d.reps or 0) <= HEAVY_REPS:
        rir = min(rir, HEAVY_RIR)  # a heavy day stays heavy: RIR ≤ 2 (R9 [ACSM09])
    if deload:
        # deload effort, as for every RIR block (docs/evidence/doses.md#deloads)
        rir = dosing.DELOAD_RIR
    lo, hi = BW_RANGE_HEAVY if pct >= BW_HEAVY_PCT else BW_RANGE_LIGHT
    return replace(
        d,
        intensity_key="rir",
        intensity=rir,
        reps=lo,
        rep_range=(lo, hi),
        progression="double",
        # Said of any lift that takes no %1RM (R37): body weight, but also a goblet squat.
        why=d.why + f"; not a bar or machine lift with a known 1RM, so {lo}–{hi} reps at "
        f"{rir:g} RIR instead of {pct:g} % 1RM [ZOURDOS16]",
    )


PROGRESS_WEEKS = 4  # one mesocycle per variant before the next (legday choice, R42)
# %1RM at or above which a taper set becomes a single (docs/evidence/pathways.md#strength-peaking of
# the
TAPER_SINGLE_FROM = 90.0
TAPER_SINGLE_MAX = 92.5  # programming notes: singles at ≈ 90–93 %, RPE 8–9) [BOSQUET07]
TAPER_RPE_MAX = 9.0
EFFORT_FLOOR_RIR = 2.0  # R43: RIR ≥ 2 the day after a hard session [GARBER11] 48 h


def _effort_floor(d: Block) -> Block:
    """Keep a session on the day after another one off failure (RIR ≥ 2 / RPE ≤ 8): no muscle is
    taken to RIR ≤ 1 on consecutive days (R43, 48 h per muscle group [GARBER11])."""
    if d.intensity_key == "rir" and isinstance(d.intensity, float) and d.intensity < 2:
        return replace(d, intensity=EFFORT_FLOOR_RIR)
    if d.intensity_key == "rpe" and isinstance(d.intensity, float) and d.intensity > 8:
        return replace(d, intensity=10.0 - EFFORT_FLOOR_RIR)
    return d


# Families that are maintenance already: in season they keep their dose (R11 floors).
NO_SEASON_CUT = frozenset({"minimum-dose", "older-adult"})


def fit_rest(d: Dose, ex: Exercise) -> Dose:
    """R41: rest fits the load — unloaded sets of ≥ 6 reps rest ≤ 90 s [ACSM09]; a maximal
    sprint rests ≥ 1 min per 10 m [HAUGEN19]."""
    if d.distance_m is not None and d.reps == 1:
        need = math.ceil(d.distance_m / 10) * dosing.SPRINT_REST_PER_10M_S
        return replace(d, rest_s=max(d.rest_s, need)) if d.rest_s < need else d
    unloaded = not cands.externally_loadable(ex) or d.intensity_key == "level"
    if unloaded and (d.reps or 0) >= 6 and d.rest_s > dosing.REST_UNLOADED_MAX_S:
        return replace(d, rest_s=dosing.REST_UNLOADED_MAX_S)
    return d


def knee_oa(d: Dose, slot: Slot) -> Dose:
    """Knee osteoarthritis: moderate intensity, 8–15 reps at RIR 2–4, double progression; never
    %1RM singles or a linear 5 × 5 [OARSI19]."""
    if slot.kind not in ("strength", "accessory"):
        return d
    if d.intensity_key == "rir" and isinstance(d.intensity, float):
        rir = d.intensity
    elif d.intensity_key == "rpe" and isinstance(d.intensity, float):
        rir = 10.0 - d.intensity
    elif d.intensity_key == "pct_1rm":
        rir = dosing.OA_RIR_MIN
    else:
        return d
    lo, hi = dosing.OA_REPS
    return replace(
        d,
        intensity_key="rir",
        intensity=min(dosing.OA_RIR_MAX, max(dosing.OA_RIR_MIN, rir)),
        reps=lo,
        rep_range=(lo, hi),
        progression="double",
        rest_s=min(d.rest_s, dosing.REST_MAIN_S),
        why=d.why + "; knee osteoarthritis: moderate intensity 8–15 reps [OARSI19]",
    )


def in_season(d: Dose, slot: Slot) -> Dose:
    """R39: in-season strength keeps its intensity with about two thirds of the sets
    [RONNESTAD11]."""
    if slot.kind not in ("strength", "accessory") or slot.side is not None:
        return d
    sets = max(1, math.floor(d.sets * dosing.INSEASON_SET_FACTOR))
    return replace(d, sets=sets, why=d.why + "; in season: maintenance volume [RONNESTAD11]")


HEAVY_PCT, HEAVY_RPE = 0.80, 8.0
HEAVY_REPS, HEAVY_RIR = 6, 2.0


def effort_dose(d: Dose) -> Dose:
    """A %1RM dose for a lift whose 1RM nobody knows yet (no rep max, no logged sets): the
    same reps at the RPE the RTS chart gives for that %1RM and reps (R37; chart [ZOURDOS16]
    [HELMS16]), so the athlete picks the load by effort; deloads keep their lower effort."""
    from legday.domain.science import rpe as chart

    pct = float(d.intensity) / 100.0
    reps = d.reps or 1
    if not 1 <= reps <= 12:
        return body_weight_dose(d)
    rpe = min(chart.RPES, key=lambda r: (abs(chart.pct_1rm(reps, r) - pct), r))
    if pct >= HEAVY_PCT:
        rpe = max(rpe, HEAVY_RPE)  # heavy = ≥ 80 % 1RM or RPE ≥ 8 (R9 [ACSM09])
    return replace(
        d,
        intensity_key="rpe",
        intensity=rpe,
        progression="rpe",
        why=d.why + f"; no 1RM known yet: {reps} reps at RPE {rpe:g} ≈ {pct:.0%} 1RM [ZOURDOS16]",
    )
