"""Weeks and doses by rule: which weeks load and which deload, and for every slot of a session the
sets, reps/seconds/contacts, intensity, rest and progression rule of that week
(docs/evidence/doses.md and docs/evidence/families.md). The selector decides *which* exercise; this
module decides *how much*."""

from __future__ import annotations

import math
from dataclasses import dataclass

from legday.domain.plan import dosing
from legday.domain.plan.families import Slot, Template
from legday.domain.plan.mesocycles import BLOCK_PHASES, WeekInfo
from legday.domain.plan.profile import PlanProfile, Signals


@dataclass(frozen=True, slots=True)
class Dose:
    sets: int
    intensity_key: str
    intensity: float | str
    rest_s: int
    progression: str
    reps: int | None = None
    seconds: int | None = None
    contacts: int | None = None
    rep_range: tuple[int, int] | None = None
    why: str = ""
    distance_m: int | None = None
    description: str | None = None  # the words of a numeric level


def _ramp(values: tuple[float, ...], in_meso: int) -> float:
    return values[min(in_meso, len(values)) - 1]


# Undulating / block strength: (sets, reps, %1RM by loading week) per session type and phase.
# Heavy 3–5 × 3–5 @ 80–87 %, moderate 3–4 × 6–8 @ 70–77 %, light-power 4–6 × 2–3 @ 50–60 %
# (docs/evidence/families.md#intermediate-and-advanced-strength [RHEA02] [ACSM09]); block phases
# after docs/evidence/doses.md#periodization (Issurin, UNVERIFIED lengths).
DUP: dict[tuple[str, str], tuple[int, int, tuple[float, ...]]] = {
    ("loading", "heavy"): (4, 4, (80.0, 82.5, 85.0)),
    ("loading", "moderate"): (3, 7, (70.0, 72.5, 75.0)),
    ("loading", "light"): (5, 3, (55.0, 57.5, 60.0)),
    ("accumulation", "heavy"): (4, 5, (80.0, 81.0, 82.5)),
    ("accumulation", "moderate"): (4, 8, (67.5, 70.0, 72.5)),
    ("accumulation", "light"): (5, 3, (55.0, 57.5, 60.0)),
    ("intensification", "heavy"): (5, 3, (85.0, 87.5, 90.0)),
    ("intensification", "moderate"): (3, 5, (75.0, 77.5, 80.0)),
    ("intensification", "light"): (6, 2, (55.0, 57.5, 60.0)),
    ("realization", "heavy"): (3, 2, (90.0, 92.5, 95.0)),
    ("realization", "moderate"): (3, 3, (80.0, 82.5, 85.0)),
    ("realization", "light"): (4, 2, (55.0, 57.5, 60.0)),
}
HYPERTROPHY_RIR: tuple[float, ...] = (3.0, 2.0, 1.0, 1.0)  # RIR 3 → 0–1 over the meso [BARLORE-RP]


def _deload(d: Dose) -> Dose:
    """Same exercises and frequency, ≥ 30 % fewer hard sets, lower effort
    ([ROGERSON24] [BELL22])."""
    if d.intensity_key == "level" and d.progression in ("holds", "repeat") and d.contacts is None:
        return (
            d  # stretches, mobility and balance holds are not hard sets: their minimum dose (R29)
        )
    sets = max(1, math.floor(d.sets * dosing.DELOAD_SET_FACTOR))
    if d.intensity_key == "pct_1rm" and isinstance(d.intensity, float):
        inten: float | str = max(40.0, d.intensity - dosing.DELOAD_PCT_DROP)
    elif d.intensity_key == "rpe":
        inten = dosing.DELOAD_RPE
    elif d.intensity_key == "rir":
        inten = dosing.DELOAD_RIR
    else:
        inten = d.intensity
    contacts = (
        None if d.contacts is None else max(1, math.floor(d.contacts * dosing.DELOAD_SET_FACTOR))
    )
    return Dose(
        sets,
        d.intensity_key,
        inten,
        d.rest_s,
        d.progression,
        d.reps,
        d.seconds,
        contacts,
        d.rep_range,
        d.why + "; deload week [ROGERSON24]",
        d.distance_m,
        d.description,
    )


def _reps(sets: int, rir: float, lo: int, hi: int, rest: int, why: str) -> Dose:
    """Double progression: the rep target starts at the range minimum and the load rises only
    when every set reaches the maximum, resetting the target to the minimum ([WGER2480], R14)."""
    return Dose(sets, "rir", rir, rest, "double", reps=lo, rep_range=(lo, hi), why=why)


def dose(
    t: Template,
    p: PlanProfile,
    sig: Signals,
    label: str,
    slot: Slot,
    w: WeekInfo,
    peak: bool = False,
) -> Dose:
    """The dose of ``slot`` in a session of type ``label`` in week ``w``.

    ``peak`` asks for the largest dose of the mesocycle (time and volume caps use it)."""
    peak = peak or w.phase == "taper"  # a taper keeps the top intensity [BOSQUET07]
    if peak:
        in_meso = t.meso_len - 1 if t.deloads else t.meso_len
    else:
        # Without deloads nothing resets a ramp: it rises once and holds (novice/Otago plans).
        in_meso = w.in_meso if t.deloads else min(w.n, t.meso_len)
    d = _loading(t, p, sig, label, slot, w, in_meso)
    return _deload(d) if w.deload and not peak else d


def _loading(
    t: Template, p: PlanProfile, sig: Signals, label: str, slot: Slot, w: WeekInfo, k: int
) -> Dose:
    fam, role, level = t.family, slot.role, p.level
    if role == "ankle-mobility":
        # R49: the restricted ankle, 2 × 10 knee-to-wall mobilisations (or 2 × 30 s holds);
        # legday's dose, no trial sets one.
        return Dose(
            2,
            "level",
            1.0,
            30,
            "repeat",
            reps=10,
            why=f"ankle mobility for the {slot.side} side: knee-to-wall difference [BENNELL98]",
            description="ankle dorsiflexion",
        )
    if role == "mobility":
        hold = dosing.STRETCH_HOLD_OLDER_S if (p.age or 0) >= 65 else dosing.STRETCH_HOLD_S
        return Dose(
            dosing.STRETCH_REPS,
            "level",
            1.0,
            10,
            "holds",
            seconds=hold,
            why="static stretch 2 × 30 s ≈ 60 s per muscle [GARBER11]",
            description="static stretch",
        )
    if role == "balance":
        # Support level: failed tandem stance or frail → two hands ([STEADI]
        # docs/evidence/doses.md#steadi); older adults otherwise one hand; younger people without
        # support (legday choice).
        fall = fam == "older-adult"
        start = 0 if fall and (sig.poor_balance or sig.frail) else 1 if fall else 2
        # R36: the support level is held through the plan; training (`next`) lowers the
        # support once the hold target is met in 2 sessions [OTAGO-MAN], never the calendar.
        lvl = start
        sets = 3 if fall else 2 if k < 3 else 3  # 3 sets of holds [S2 FIFA11]
        hold = dosing.BALANCE_HOLD_S
        if fall:
            # R34: ≥ 40 % of the session after the warm-up challenges balance; longer sessions
            # hold longer (bilateral holds in the planned balance blocks), up to 90 s (legday).
            share = dosing.FALL_BALANCE_SHARE * (p.minutes * 60 - dosing.WARMUP_OTAGO_S)
            per = share / (dosing.FALL_BALANCE_BLOCKS * sets)
            hold = int(min(dosing.BALANCE_HOLD_MAX_S, max(hold, math.ceil(per / 10) * 10)))
        return Dose(
            sets,
            "level",
            float(lvl + 1),  # support level 1 = two hands … 4 = eyes closed
            dosing.REST_BALANCE_FALL_S if fall else dosing.REST_HOLD_S,
            "holds",
            seconds=hold,
            why="balance progressed by support level [OTAGO-MAN]; ≥ 3 d/wk [WHO20]",
            description=dosing.BALANCE_LEVELS[lvl].replace("-", " "),
        )
    if role == "landing":
        # R47: landings for quality, not volume: a few sets of a few stuck landings in the
        # ACL pathway's early plyometric stages [BUCKTHORPE21] (counts legday's choice).
        return Dose(
            dosing.ACL_LANDING_SETS,
            "level",
            1.0,
            dosing.REST_PLYO_S,
            "contacts",
            contacts=dosing.ACL_LANDING_CONTACTS,
            why="landing and hop progression after ACL reconstruction: two legs to one, "
            "vertical before horizontal and lateral [BUCKTHORPE21] [VANMELICK16]",
            description="low",
        )
    if role == "plyo":
        start, top = dosing.CONTACT_START[level], dosing.CONTACT_TOP[level]
        loading = max(1, t.meso_len - 1 if t.deloads else t.meso_len)
        total = start + (top - start) * (k - 1) / max(1, loading - 1)
        per_block = total / 2  # two plyometric slots share the session's contacts
        # 10 contacts a set: work:rest 1:5–1:10 in ~15 s of work
        # (docs/evidence/doses.md#plyometrics, S2)
        per_set = 10
        sets = max(1, math.floor(per_block / per_set))
        return Dose(
            sets,
            "level",
            1.0,  # the drill's class sets the level when the exercise is known (weekbuild)
            dosing.REST_PLYO_S,
            "contacts",
            contacts=per_set,
            why=f"≤ {dosing.CONTACT_CAP[level]} contacts/session for {level} [TEAMMPI]",
            description="low",
        )
    if role == "sprint":
        # Accelerations with full recovery, each a repeat of a set distance
        # (docs/evidence/families.md#field-sport-power sprint work).
        return Dose(
            dosing.SPRINT_REPEATS,
            "rpe",
            dosing.SPRINT_RPE,
            dosing.REST_PLYO_S,
            "repeat",
            reps=1,
            why=f"{dosing.SPRINT_REPEATS} × {dosing.SPRINT_DISTANCE_M} m accelerations, full "
            "recovery: sprint work in athletic plans (docs/evidence/families.md#field-sport-power) "
            "[ACSM09]",
            distance_m=dosing.SPRINT_DISTANCE_M,
        )
    if role == "chair-stand":
        return _reps(
            2,
            3.0,
            8,
            12,
            dosing.REST_ACCESSORY_S,
            "extra sit-to-stand work: below-average chair stand [STEADI]",
        )
    if fam == "older-adult":
        frail = sig.frail
        if role == "functional":
            sets = 1 if frail else 2
            return _reps(
                sets,
                3.0,
                8,
                12,
                dosing.REST_ACCESSORY_S,
                "sit-to-stand 2 × 8–12 at moderate intensity [WHO20] [OTAGO-MAN]"
                + ("; the chair stand is below average for age and sex [STEADI]"
                   if sig.low_strength else ""),
            )  # fmt: skip
        # Frail people stay at 1 × 10 until training shows it is easy (criteria, R36); others
        # go 1 × 10 → 2 × 10 after the first weeks [OTAGO-MAN].
        sets = 1 if frail or (k < 3 and w.meso == 0) else 2
        return _reps(
            sets,
            3.0,
            dosing.OTAGO_REPS,
            15,
            dosing.REST_OTAGO_S,
            "Otago strength 1 × 10 → 2 × 10, then add cuff weight [OTAGO-MAN]",
        )
    if fam == "strength-novice-linear":
        if role == "main" and slot.group is not None and slot.group.startswith("bw-"):
            return _reps(
                3,
                2.0,
                8,
                15,
                dosing.REST_ACCESSORY_S,
                "body-weight main lift 3 × 8–15 to 2 RIR, then a harder variant [ACSM09]",
            )
        if role == "main":
            sets = 1 if slot.group == "lp-hinge" else 3
            return Dose(
                sets,
                "rpe",
                7.0,
                dosing.REST_HEAVY_S,
                "linear",
                reps=5,
                why="main lift 3 × 5, +2.5 kg (+5 kg deadlift) per session [SL5X5]",
            )
        if role == "secondary":
            return _reps(3, 3.0, 8, 12, dosing.REST_MAIN_S, "novice 1–3 sets × 8–12 [ACSM09]")
        return _reps(2, 3.0, 8, 12, dosing.REST_ACCESSORY_S, "accessory 2–3 × 8–12 [ACSM09]")
    if fam in ("strength-undulating", "strength-block") and role == "main":
        phase = "loading" if fam == "strength-undulating" else w.phase
        if phase in ("deload", "taper"):
            block = "realization" if phase == "taper" else BLOCK_PHASES[w.meso % 3]
            phase = "loading" if fam == "strength-undulating" else block
        kind = label if label in ("heavy", "moderate", "light") else "moderate"
        sets, reps, pcts = DUP[(phase, kind)]
        return Dose(
            sets,
            "pct_1rm",
            _ramp(pcts, k),
            dosing.REST_HEAVY_S if kind == "heavy" else dosing.REST_MAIN_S,
            "waves",
            reps=reps,
            why=f"{kind} day {sets} × {reps} ({phase}) [RHEA02] [ACSM09]",
        )
    if fam == "hypertrophy" and role == "main" and label == "heavy":
        sets, reps, pcts = DUP[("loading", "heavy")]
        why = f"heavy day {sets} × {reps} for the strength goal [ACSM09] [RHEA02]"
        return Dose(sets, "pct_1rm", _ramp(pcts, k), dosing.REST_HEAVY_S, "waves", reps=reps,
                    why=why)  # fmt: skip
    if fam == "hypertrophy":
        rir = _ramp(HYPERTROPHY_RIR, k)
        if role in ("main", "secondary"):
            return _reps(
                3,
                rir,
                8,
                12,
                dosing.REST_MAIN_S,
                "3 × 8–12, RIR 3 → 1 across the mesocycle [BARLORE-RP] [SCHOENFELD17]",
            )
        sets = 2 if k < 3 else 3  # accessory volume ramps from near MEV toward MRV [RP-LAND]
        if slot.patterns == ("calf",):
            # Calves, when trained, start at their MEV of 8 weekly sets (R10 [RP-LAND]),
            # spread over every lifting session of the week (a novice lifts on 3 of them at
            # most, the others are balance days [ACSM09]).
            lifting = min(p.days, 3) if p.level == "beginner" else p.days
            sets = max(sets, math.ceil(dosing.CALF_MIN_SETS / max(1, lifting)))
        return _reps(
            sets,
            rir,
            10,
            15,
            dosing.REST_ACCESSORY_S,
            "accessory sets ramp 2 → 3 toward MRV [RP-LAND]",
        )
    if fam == "minimum-dose":
        if role == "main" and label == "A":
            return _reps(
                3,
                2.0,
                5,
                8,
                dosing.REST_HEAVY_S,
                "squat 3 × 5–8 (docs/evidence/families.md#minimum-dose) [WHO20]",
            )
        if role == "main":
            return _reps(
                3,
                2.0,
                8,
                12,
                dosing.REST_MAIN_S,
                "hinge/single-leg 3 × 8–12 (docs/evidence/families.md#minimum-dose)",
            )
        if role == "secondary":
            return _reps(
                2,
                2.0,
                8,
                10,
                dosing.REST_ACCESSORY_S,
                "hinge 2–3 × 8–10 (docs/evidence/families.md#minimum-dose)",
            )
        return _reps(
            2,
            2.0,
            10,
            15,
            dosing.REST_ACCESSORY_S,
            "accessory 2 × 10–15 (docs/evidence/families.md#minimum-dose)",
        )
    if role == "main":  # athletic power / injury prevention / undulating heavy day in a mixed plan
        if level == "beginner":
            return _reps(
                3,
                3.0,
                6,
                8,
                dosing.REST_HEAVY_S,
                "technique-first strength 3 × 6–8 [LLOYD14] [ACSM09]",
            )
        sets, reps, pcts = DUP[("loading", "heavy")]
        return Dose(
            sets,
            "pct_1rm",
            _ramp(pcts, k),
            dosing.REST_HEAVY_S,
            "waves",
            reps=reps,
            why="heavy strength 2–3×/week off-season [ACSM09] "
            "(docs/evidence/families.md#field-sport-power)",
        )
    if role == "functional":
        return _reps(2, 3.0, 8, 12, dosing.REST_ACCESSORY_S, "functional strength 2 × 8–12 [WHO20]")
    if role in ("secondary", "hinge"):
        return _reps(
            3,
            3.0 if level == "beginner" else 2.0,
            8,
            12,
            dosing.REST_MAIN_S,
            "secondary multi-joint 3 × 8–12 [ACSM09]",
        )
    why = "accessory 2–3 × 8–12 [ACSM09]"
    if slot.side:
        why = f"extra work for the weaker {slot.side} side (asymmetry flag)"
    return _reps(2, 3.0, 8, 12, dosing.REST_ACCESSORY_S, why)
