"""Dose tables the planner and the rule checker share. Every number names its source key
(docs/evidence/sources.md); legday's own choices say so."""

from __future__ import annotations

import math

LEVEL_RANK: dict[str, int] = {"beginner": 0, "intermediate": 1, "advanced": 2}

# --- plyometrics: foot contacts per session (docs/evidence/doses.md#plyometrics, [TEAMMPI]
# [PLYOPLAN], S2)
CONTACT_CAP: dict[str, int] = {"beginner": 100, "intermediate": 120, "advanced": 140}  # R19 caps
# Planned range start/end: the lower edge of each level's band rising toward its cap (same sources:
# beginner 80–100, intermediate 100–120, advanced 120–140).
CONTACT_START: dict[str, int] = {"beginner": 60, "intermediate": 80, "advanced": 100}
CONTACT_TOP: dict[str, int] = {"beginner": 80, "intermediate": 100, "advanced": 120}
# Intensity ladder [EBBEN07]: low → moderate → high → shock; `impact` in the catalog.
PLYO_CLASSES: tuple[str, ...] = ("low", "moderate", "high", "shock")
PLYO_CLASS_RANK: dict[str, int] = {c: i for i, c in enumerate(PLYO_CLASSES)}
# Highest class per level (legday safety choice; shock additionally needs R20's prerequisites).
PLYO_MAX_CLASS: dict[str, str] = {
    "beginner": "moderate",
    "intermediate": "high",
    "advanced": "high",
}
SHOCK_SQUAT_RATIO = 1.5  # squat 1RM ≥ 1.5 × body mass before depth jumps [S2 PERFONE] (R20)
SHOCK_MIN_AGE = 16  # no shock drills under 16 [ALLER95]
SHOCK_MAX_AGE = 65  # legday safety choice for older adults (R20)
# R47 after ACL reconstruction: landing drills for quality, 3 sets of 6 stuck landings (legday's
# dose in the early plyometric stages of [BUCKTHORPE21]); two-legged drills only before 6 months
# after surgery, one-legged hops after (legday's reading of the stage order of [BUCKTHORPE21]
# [VANMELICK16]; the month is UNVERIFIED: the stages are entered by criteria, not by date).
ACL_LANDING_SETS = 3
ACL_LANDING_CONTACTS = 6
ACL_TWO_LEGS_BEFORE = 6
# Per-session and weekly caps in-season: the same session caps, weekly ≤ 2 × cap (R19, legday).
INSEASON_WEEKLY_FACTOR = 2

# --- hypertrophy landmarks [RP-LAND via MELVIO] — practitioner heuristics (R10) ----------------
MRV: dict[str, tuple[int, int, int, int]] = {  # by sessions/week 2 / 3 / 4 / 5+
    "quadriceps": (18, 22, 26, 30),
    "hamstrings": (12, 16, 18, 18),
    "glutes": (12, 18, 25, 30),
    "calves": (16, 20, 25, 30),
}
HYPERTROPHY_MIN_SETS = 10  # ≥ 10 weekly sets per muscle [SCHOENFELD17]
HYPERTROPHY_MIN_SETS_NOVICE = 8  # R10 novice lower bound (MEV quads 8 [RP-LAND])
MAINTENANCE_SETS: dict[str, int] = {"quadriceps": 6, "hamstrings": 3}  # MV [RP-LAND] (R11)
CALF_MIN_SETS = 8  # calves MEV 8 [RP-LAND] (R10)


def mrv(muscle: str, sessions_per_week: int) -> int:
    """Maximum recoverable volume for a muscle at a weekly frequency [RP-LAND]."""
    row = MRV[muscle]
    return row[min(max(sessions_per_week, 2), 5) - 2]


# --- rest between sets ([ACSM09]: 3–5 min heavy 1–6 RM, 2–3 min core lifts, 1–2 min assistance)
REST_HEAVY_S = 180
HEAVY_REPS_R9 = 6  # R9's heavy block: ≤ 6 reps (1–6 RM emphasis [ACSM09])
REST_MAIN_S = 150
REST_ACCESSORY_S = 90
REST_HOLD_S = 45  # balance/isometric holds: legday choice (holds of 20–30 s, 3 sets [S2 FIFA11])
# work:rest 1:5–1:10 for ~10 s of contacts (docs/evidence/doses.md#plyometrics, S2)
REST_PLYO_S = 90
# R41: sets without external load and ≥ 6 reps are not near-maximal: 1–2 min [ACSM09]
REST_UNLOADED_MAX_S = 90
SPRINT_REST_PER_10M_S = 60  # maximal sprints: ~1 min rest per 10 m [HAUGEN19] (R41)

# --- time model for est_minutes (legday's own estimate; tempo from [ACSM09] 1–2 s each way) -----
SECONDS_PER_REP = 4.0  # 1–2 s concentric + 1–2 s eccentric [ACSM09]
SECONDS_PER_CONTACT = 1.5  # a jump with its reset; legday estimate
# A sprint with its walk-back start; ~0.5 s/m is a walking-pace return of a short acceleration
# (legday estimate; the rest between repeats is in rest_s).
SECONDS_PER_SPRINT_M = 0.5
# 4 accelerations with full recovery: legday's dose within
# docs/evidence/families.md#field-sport-power sprint work
SPRINT_REPEATS = 4
# short accelerations (~20 m): legday's dose within docs/evidence/families.md#field-sport-power
SPRINT_DISTANCE_M = 20
SPRINT_RPE = 9.0  # near-maximal effort for acceleration work (legday; RPE scale [ZOURDOS16])
SET_SETUP_S = 15.0  # getting into position / loading: legday estimate
TRANSITION_S = 60.0  # moving between blocks: legday estimate
TRANSITION_LIGHT_S = 30.0  # to the next balance/mobility item beside the same support: legday
SET_SETUP_LIGHT_S = 5.0  # taking the stance for a hold: legday estimate
WARMUP_GENERAL_S = 300  # RAMP raise/activate/mobilise, ≥ 5 min floor (R4) [JEFFREYS07]
WARMUP_FIFA11_S = 1200  # FIFA 11+ ≈ 20 min: 8 + 10 + 2 [FIFA11] (S2 lifemark)
WARMUP_OTAGO_S = 300  # Otago warm-up: head, neck, back, trunk, ankles [OTAGO-MAN]

# --- static stretching [GARBER11]: hold 10–30 s (older adults 30–60 s), ≈ 60 s per muscle -------
STRETCH_HOLD_S = 30
STRETCH_REPS = 2  # 2 × 30 s = 60 s total per stretch [GARBER11]
STRETCH_HOLD_OLDER_S = 30  # within 30–60 s for ≥ 65 [GARBER11]

# --- deloads ([ROGERSON24] every 5.6 ± 2.3 wk; [W531] every 4th; RP 4–6 + 1 [BARLORE-RP]) -------
DELOAD_SET_FACTOR = 0.6  # ≥ 30 % fewer hard sets (R17; legday uses 40 % off within [BELL22])
# top %1RM 10 points lower (≤ 90 % of the week before, docs/evidence/doses.md#deloads)
DELOAD_PCT_DROP = 10.0
# RPE ≤ 7 in deloads (docs/evidence/doses.md#deloads); 6 keeps the sets out of "hard" (RPE ≥ 7)
DELOAD_RPE = 6.0
DELOAD_RIR = 4.0  # = RPE 6 on the RIR scale [ZOURDOS16]
TAPER_VOLUME_FACTOR = 0.5  # 41–60 % volume cut over a 2-week taper [BOSQUET07]

# --- older adults: Otago [OTAGO-MAN], WHO 2020 [WHO20], Lesinski 2015 [LESINSKI15] -------------
OTAGO_ACTIONS: tuple[str, ...] = (
    "knee-extension",
    "knee-flexion",
    "hip-abduction",
    "calf",
    "tibialis",
)
OTAGO_REPS = 10  # ~10 reps, to 2 × 10 [OTAGO-MAN] (S2)
REST_OTAGO_S = 60  # between Otago strength sets: legday choice (light, sub-maximal sets)
FALL_PREVENTION_MIN_MINUTES_WEEK = 90  # 91–120 min/wk balance [LESINSKI15] (R23)
FALL_PREVENTION_MIN_WEEKS = 11  # 11–12 weeks [LESINSKI15] (R23)
BALANCE_DAYS = 3  # balance on ≥ 3 days/week [WHO20] [OTAGO-MAN] (R22)
WALKING_PER_WEEK = 2  # walking ≥ 2×/week, 30 min, may be 3 × 10 [OTAGO-MAN] (S)
WALKING_MINUTES = 30
BALANCE_LEVELS: tuple[str, ...] = (
    "two-hands-support",
    "one-hand-support",
    "no-support",
    "eyes-closed",
)
BALANCE_HOLD_S = 30  # seconds per balance set; legday choice within Otago/11+ 20–30 s holds
REST_BALANCE_FALL_S = 15  # a short pause between holds, support at hand: legday choice
# R34: balance-challenge time ≥ 40 % of the session after the warm-up, and ≥ 3 h/week of balance
# and functional exercise with home practice [SHERRINGTON17] [SHERRINGTON20].
FALL_BALANCE_SHARE = 0.40
FALL_BALANCE_BLOCKS = 4  # balance blocks an Otago session can hold (family slots)
BALANCE_HOLD_MAX_S = 120  # longest planned hold (legday choice)
FALL_WEEKLY_TARGET_MIN = 180
HOME_BOUT_MIN = 10  # home balance practice in 10-min bouts on most days (legday; Otago walks
HOME_MAX_BOUTS = 3  # may be split into 10-min bouts [OTAGO-MAN]); at most 3 a day (legday)

# --- Nordic hamstring protocol [PETERSEN11] (docs/evidence/doses.md#nordic-hamstring-exercise
# table)
# week → (sessions, sets, reps per set). Week 3 "3 × 6–8" → 3 × 6 and weeks 5–10
# "12, 10, 8" → 3 × 10 (same 30 reps) so that the plan never exceeds the protocol (R27).
NORDIC_PROTOCOL: tuple[tuple[int, int, int], ...] = (
    (1, 2, 5),
    (2, 2, 6),
    (3, 3, 6),
    (3, 3, 8),
    (3, 3, 10),
    (3, 3, 10),
    (3, 3, 10),
    (3, 3, 10),
    (3, 3, 10),
    (3, 3, 10),
)
NORDIC_MAINTENANCE = (1, 3, 10)  # week 11+: once a week, 12/10/8 [PETERSEN11]
REST_NORDIC_S = 60  # between Nordic sets: legday choice (the protocol sets no rest [PETERSEN11])
NORDIC_MIN_REPS = 3  # fewer than 3 reps left under the ceiling: no separate block (legday)


def nordic_week(n: int, in_season: bool = False) -> tuple[int, int, int]:
    """(sessions, sets, reps) for protocol week ``n`` (1-based) [PETERSEN11]. In season the
    ramp keeps its per-session dose but on one session a week, then the week-11+ maintenance
    dose (R39): never above the protocol's week."""
    sessions, sets, reps = (
        NORDIC_PROTOCOL[n - 1] if n <= len(NORDIC_PROTOCOL) else NORDIC_MAINTENANCE
    )
    if in_season:
        if sets * reps >= NORDIC_MAINTENANCE[1] * NORDIC_MAINTENANCE[2]:
            return NORDIC_MAINTENANCE
        return 1, sets, reps
    return sessions, sets, reps


# Nordic repetitions inside the FIFA 11+ part 2 by level (R46: level 1: 3–5, level 2: 7–10,
# level 3: 12–15 [FIFA11], UNVERIFIED: the manual's numbers were not retrieved). The plan asks
# for the lower end, which counts toward the Petersen ceiling: three 11+ sessions then stay
# within the protocol's first week (1 × 2 × 5 [PETERSEN11]).
FIFA11_NORDIC_REPS: dict[int, int] = {1: 3, 2: 7, 3: 12}
# Knee osteoarthritis: progressive strengthening at moderate intensity, ≈ 8–15 reps at RIR 2–4
# [OARSI19] (programming notes docs/evidence/pathways.md#knee-osteoarthritis), with the
# pain-monitoring model [THOMEE97].
OA_REPS = (8, 15)
OA_RIR_MIN, OA_RIR_MAX = 2.0, 4.0
PAIN_MONITORING = (
    "Pain during exercise up to 5 out of 10 is acceptable if it has settled by the next morning "
    "and does not rise from week to week; otherwise reduce the load or the range of motion "
    "[THOMEE97]."
)
INSEASON_SET_FACTOR = 2 / 3  # in-season strength volume ≤ two thirds of off-season (R39)


# --- Copenhagen adduction [HAROY19] + PMC9872240: 1 set per side, 3–5 → 12–15 reps -------------
COPENHAGEN_START_REPS = 4
COPENHAGEN_MAX_REPS = 15
COPENHAGEN_STEP = 2  # reps added per week: legday choice ("mainly through more repetitions")
COPENHAGEN_PRESEASON_PER_WEEK = 3  # 3×/week preseason, 1×/week in season [HAROY19]


def copenhagen_reps(n: int) -> int:
    return min(COPENHAGEN_MAX_REPS, COPENHAGEN_START_REPS + COPENHAGEN_STEP * (n - 1))


# --- load from reps and effort (docs/evidence/doses.md#rpe-and-rir: Epley with RIR, as in [RPTOOL])


def pct_1rm_for(reps: int, rir: float) -> float:
    """%1RM for ``reps`` with ``rir`` in reserve: 100 / (1 + (reps + RIR) / 30) (Epley)."""
    return 100.0 / (1.0 + (reps + rir) / 30.0)


LOAD_STEP_KG = 2.5  # smallest plate step [SL5X5]
LP_INCREMENT_KG = 2.5  # per session, squat/lunge/press [SL5X5] (R13)
LP_INCREMENT_HINGE_KG = 5.0  # deadlift [SL5X5] (R13)


def round_load(kg: float, step: float = LOAD_STEP_KG) -> float:
    """Round down to a loadable step (docs/evidence/doses.md#progression-rules: loads round
    down)."""
    return math.floor(kg / step + 1e-9) * step
