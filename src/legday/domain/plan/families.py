"""Program families (docs/evidence/families.md): which one fits a profile, and the weekly template
each one asks the exercise selector to fill — sessions, their slots, weekly muscle targets,
protocols.

Mixed goals are handled by weight: the heaviest goal picks the skeleton, every other goal with a
weight adds its components (balance days, mobility blocks, plyometrics, injury-prevention work).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from legday.domain.plan import dosing
from legday.domain.plan.family_slots import (
    BALANCE,
    HIP_ACC,
    KNEE_FLEX,
    LOWER_LEG,
    MOBILITY,
    PLYO,
    RUNNING_SPORTS,
    SINGLE_LEG,
    SQUAT,
    Slot,
    _session_slots,
    older_balance,
)
from legday.domain.plan.profile import GROIN_RISK_SPORTS, PlanProfile, Signals, is_fall_prevention

__all__ = [
    "DAY_OFFSETS", "FAMILIES", "FAMILY_TITLES", "RUNNING_SPORTS", "SessionSpec", "Slot",
    "Template", "build_template", "choose_family", "spaced",
]  # fmt: skip

# Session spacing within a week, as offsets from the week's first day: spread so that heavy and
# plyometric days can keep ≥ 48 h apart (R6, R7; [ACSM09] non-consecutive days for novices).
DAY_OFFSETS: dict[int, tuple[int, ...]] = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 4, 5),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}


def spaced(offsets: tuple[int, ...]) -> tuple[int, ...]:
    """The largest greedy subset of ``offsets`` whose days are ≥ 2 apart, weeks wrapping (R6/R7)."""
    chosen: list[int] = []
    for o in offsets:
        if chosen and o - chosen[-1] < 2:
            continue
        if chosen and (chosen[0] + 7) - o < 2:
            continue
        chosen.append(o)
    return tuple(chosen)


@dataclass(frozen=True, slots=True)
class SessionSpec:
    offset: int
    label: str  # A/B, heavy/moderate/light, otago, …
    focus: str
    heavy: bool
    plyo: bool
    warmup: str  # "ramp", "fifa11", "otago"
    slots: tuple[Slot, ...]
    nordic: bool = False
    copenhagen: bool = False


@dataclass(frozen=True, slots=True)
class Template:
    family: str
    title: str
    sources: tuple[str, ...]
    sessions: tuple[SessionSpec, ...]
    muscle_targets: dict[str, tuple[float, float]] = field(default_factory=dict)
    meso_len: int = 4
    deloads: bool = True
    balance_days: int = 0
    otago_actions: int = 0
    walking: bool = False
    components: tuple[str, ...] = ()


FAMILY_TITLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "strength-novice-linear": ("General strength — novice linear progression", ("SL5X5", "ACSM09")),
    "strength-undulating": (
        "General strength — intermediate daily undulating",
        ("RHEA02", "ACSM09", "HARRIES15", "ROGERSON24"),
    ),
    "strength-block": (
        "General strength — advanced block periodization",
        ("ACSM09", "BOSQUET07", "ROGERSON24"),
    ),
    "hypertrophy": (
        "Hypertrophy — weekly sets between the landmarks",
        ("SCHOENFELD17", "RP-LAND", "ACSM09", "BARLORE-RP"),
    ),
    "athletic-power": (
        "Athletic power — plyometrics, sprint and strength",
        ("ACSM09", "TEAMMPI", "EBBEN07", "JEFFREYS07"),
    ),
    "older-adult": (
        "Older-adult strength and balance (Otago-style)",
        ("OTAGO-MAN", "WHO20", "LESINSKI15", "SHERRINGTON11", "SHERRINGTON19", "STEADI"),
    ),
    "injury-prevention": (
        "Field/court-sport injury prevention",
        ("FIFA11", "SOLIGARD08", "PETERSEN11", "VANDYK19", "HAROY19"),
    ),
    "minimum-dose": (
        "Minimum effective dose for busy lifters",
        ("WHO20", "RP-LAND", "SCHOENFELD17"),
    ),
}
FAMILIES: tuple[str, ...] = tuple(FAMILY_TITLES)
# Injury prevention outside field and court sports (a runner): no 11+, Nordic or Copenhagen
# programme, whose trials were in those sports; strength training itself cuts sports injuries
# to about a third [LAUERSEN14].
INJURY_PREVENTION_OTHER: tuple[str, tuple[str, ...]] = (
    "Injury prevention — strength and mobility",
    ("LAUERSEN14", "ACSM09"),
)


TIE_ORDER: tuple[str, ...] = (
    "power", "injury-prevention", "hypertrophy", "strength", "balance", "health", "mobility",
)  # fmt: skip


def choose_family(p: PlanProfile, sig: Signals) -> str:
    """docs/evidence/families.md: the family of the heaviest goal, with the older-adult and
    minimum-dose families chosen by who the person is and how much time they have."""
    if is_fall_prevention(p, sig):
        return "older-adult"
    # On equal weights the training goal sets the skeleton; the others become components.
    best = p.goals[0][1]
    top = min((g for g, w in p.goals if w >= best - 1e-9), key=TIE_ORDER.index)
    if top == "power":
        return "athletic-power"
    if top == "injury-prevention":
        return "injury-prevention"
    if top == "hypertrophy":
        return "hypertrophy"
    if p.days <= 2 and p.minutes <= 40 and p.level != "beginner":
        return "minimum-dose"  # the busy lifter's family; a novice gets the novice one [ACSM09]
    if top in ("health", "mobility", "balance") and p.level != "beginner":
        return "minimum-dose" if p.days <= 2 else "strength-undulating"
    if p.level == "beginner":
        return "strength-novice-linear"
    return "strength-undulating" if p.level == "intermediate" else "strength-block"


def _labels(
    family: str, offsets: tuple[int, ...], heavy: tuple[int, ...], heavy_day: bool = False
) -> list[str]:
    out: list[str] = []
    hi = 0
    for o in offsets:
        if family == "older-adult":
            out.append("otago")
        elif family in ("athletic-power", "injury-prevention"):
            out.append(
                ("plyo" if family == "athletic-power" else "strength") if o in heavy else "light"
            )
        elif family == "hypertrophy":
            strength_day = not out and heavy_day
            out.append("heavy" if strength_day else "AB"[len(out) % 2])
        elif o not in heavy:
            out.append("light-accessory")
        elif family in ("strength-undulating", "strength-block"):
            out.append(("heavy", "moderate", "light")[hi % 3] if len(heavy) > 1 else "heavy")
            hi += 1
        else:
            out.append("AB"[hi % 2])
            hi += 1
    return out


FOCUS: dict[str, str] = {
    "A": "squat + hip hinge",
    "B": "squat + deadlift",
    "heavy": "heavy strength",
    "moderate": "moderate strength",
    "light": "light / speed strength",
    "light-accessory": "single-leg, accessories, balance",
    "plyo": "power: jumps, sprint, strength",
    "strength": "strength + injury prevention",
    "otago": "strength and balance",
    "recovery": "balance and mobility (no lifting)",
}


# Minimum-dose days (docs/evidence/families.md#minimum-dose): A squat + hinge + calf, B hinge/single
# leg + curls.
FOCUS_MINIMUM: dict[str, str] = {
    "A": "squat, hinge, calves",
    "B": "hinge or single leg, hamstrings, hips",
}


def _focus(family: str, label: str, plyo: bool, warmup: str = "ramp") -> str:
    if family == "minimum-dose" and label in FOCUS_MINIMUM:
        return FOCUS_MINIMUM[label]
    if label == "plyo" and not plyo:
        return "strength, single leg, accessories"  # plyometrics only 2×/week [TEAMMPI]
    if label == "plyo" and warmup == "fifa11":
        return "power: jumps and strength (the 11+ runs and cuts)"  # Parts 1 and 3 [FIFA11]
    return FOCUS.get(label, label)


def build_template(p: PlanProfile, sig: Signals, family: str | None = None) -> Template:
    fam = family or choose_family(p, sig)
    title, sources = FAMILY_TITLES[fam]
    if fam == "injury-prevention" and not p.field_sport:
        title, sources = INJURY_PREVENTION_OTHER
    offsets = DAY_OFFSETS[p.days]
    heavy = spaced(offsets)
    if p.season == "in":
        # In season strength is maintained in 1–2 sessions a week [RONNESTAD11] (R39).
        heavy = heavy[:2]
    # Hypertrophy with a real strength goal keeps one heavy day a week ([ACSM09], R9).
    heavy_day = fam == "hypertrophy" and p.weight("strength") >= 0.3 and p.level != "beginner"
    labels = _labels(fam, offsets, heavy, heavy_day)
    fall = fam == "older-adult"
    field_ip = p.field_sport and (p.weight("injury-prevention") > 0 or fam == "injury-prevention")
    # R32: a healed strain calls for the Nordic (the strongest risk factor for the next strain
    # [PETERSEN11] [VANDYK19]); only a current strain stops it.
    nordic = (
        field_ip or sig.nordic_low or "hamstring-strain-history" in p.limitations
    ) and "hamstring-strain" not in p.limitations
    acl = "acl-reconstruction" in p.limitations
    oa = "knee-osteoarthritis" in p.limitations
    runner = (p.sport or "") in RUNNING_SPORTS
    copenhagen = field_ip and (p.sport or "") in GROIN_RISK_SPORTS
    components: list[str] = []
    extra_sources: list[str] = []
    sessions: list[SessionSpec] = []
    balance_goal = p.weight("balance") > 0 or sig.fall_risk or older_balance(p)
    mobility_goal = p.weight("mobility") > 0
    power_goal = p.weight("power") > 0 and fam != "athletic-power" and not fall
    plyo_days = 0
    # Plyometrics 2×/week on non-consecutive days ([TEAMMPI]); Nordic and Copenhagen days per week
    # follow their protocols at most ([PETERSEN11] ≤ 3, [HAROY19] 3 preseason / 1 in season).
    # Novices lift on 2–3 days a week ([ACSM09], R8); further days are balance/mobility only.
    resistance = set((heavy + tuple(o for o in offsets if o not in heavy))[:3])
    for i, (o, label) in enumerate(zip(offsets, labels, strict=True)):
        if p.level == "beginner" and o not in resistance:
            label = "recovery"
        slots = _session_slots(fam, label if label != "light-accessory" else "light", p)
        if label == "recovery" and fam == "older-adult":
            # A fall-prevention day without lifting is a balance day: the Otago session's
            # balance blocks, so that it too holds R34's share [SHERRINGTON17].
            slots = [s for s in slots if s.kind == "balance"]
        elif label == "recovery":
            slots = [
                Slot("balance", BALANCE, "balance"),
                Slot("balance", BALANCE, "balance", required=False),
            ]
        if label == "light-accessory":
            slots = [
                Slot("strength", SINGLE_LEG, "secondary"),
                Slot("accessory", KNEE_FLEX + HIP_ACC + LOWER_LEG, "accessory"),
            ]
        is_plyo = fam == "athletic-power" and label == "plyo" and plyo_days < 2
        if fam == "athletic-power" and label == "plyo" and not is_plyo:
            slots = [s for s in slots if s.kind != "power"]
        plyo_days += is_plyo
        if power_goal and o in heavy and plyo_days < 1:
            slots = [Slot("power", PLYO, "plyo", required=False), *slots]
            is_plyo = True
            plyo_days += 1
        if sig.low_strength and not fall:  # the Otago sessions already hold sit-to-stands
            # Below-average chair stand: more lower-limb strength work ([STEADI],
            # docs/evidence/doses.md#steadi).
            slots.append(Slot("strength", (*SQUAT, "step-up"), "chair-stand"))
        extra = sig.weak_side or sig.sport_side
        if extra is not None and i < 2:
            # R49: the weaker side gets extra single-leg volume; both sides keep their work.
            slots.append(Slot("accessory", SINGLE_LEG, "accessory", unilateral=True, side=extra))
        if sig.mobility_side is not None and i < 3:
            # R49: a knee-to-wall deficit gets ankle mobility and calf loading on that side.
            slots.append(
                Slot("mobility", MOBILITY, "ankle-mobility", side=sig.mobility_side,
                     target=("soleus", "gastrocnemius"))
            )  # fmt: skip
            slots.append(
                Slot("accessory", ("calf",), "accessory", unilateral=True, side=sig.mobility_side)
            )
        if oa and i == 0:
            # Knee osteoarthritis: knee extensors first, machines and chairs welcome [OARSI19].
            slots.append(Slot("accessory", ("knee-extension",), "open-chain"))
        # R48: runners train calf/soleus and hip abductors every week [DORN12] [LAUERSEN14].
        # R47: after ACL reconstruction, open-chain knee extension and hamstring strengthening
        # every week (van Melick 2016, Br J Sports Med 50:1506). The two of each pair go to
        # different sessions when there are two, so that no session loses its main lift.
        second = min(1, len(offsets) - 1)
        if runner and i == 0:
            slots.append(Slot("accessory", ("calf",), "accessory"))
        if runner and i == second:
            slots.append(Slot("accessory", ("hip-abduction",), "accessory"))
        if acl and i == 0:
            slots.append(Slot("accessory", ("knee-extension",), "open-chain", must=True))
        if acl and i == second:
            slots.append(Slot("accessory", KNEE_FLEX, "accessory", must=True))
        landings_planned = fam == "athletic-power" or power_goal
        if acl and not fall and not landings_planned and o == heavy[-1]:
            # R47: a landing and hop progression, a pathway must that ranks with the open-chain
            # quadriceps work: two legs before one [BUCKTHORPE21] (dosing.ACL_TWO_LEGS_BEFORE).
            slots = [s for s in slots if s.kind != "power"]
            early = (p.months_since_surgery or 99) < dosing.ACL_TWO_LEGS_BEFORE
            slots = [Slot("power", PLYO, "landing", two_legs=early, must=True), *slots]
        sport_balance = sig.sport_side is not None or sig.poor_balance
        # R35: ≥ 65-year-olds balance on ≥ 2 days a week, ≥ 3 with 3 or more sessions [WHO20].
        balance_n = dosing.BALANCE_DAYS if (sig.fall_risk or older_balance(p)) else 2
        if (balance_goal or sport_balance) and not fall and i < balance_n:
            required = (
                sig.fall_risk or older_balance(p) or p.weight("balance") >= 0.25
                or sig.sport_side is not None  # R49: a sport screen gets neuromuscular work
            )  # fmt: skip
            slots.append(Slot("balance", BALANCE, "balance", required=required))
        if mobility_goal and i < 3:
            slots.append(Slot("mobility", MOBILITY, "mobility", required=i < 2))
        else:
            slots.append(Slot("mobility", MOBILITY, "mobility", required=False))
        if p.season == "in" and fam not in ("minimum-dose", "older-adult") and o not in heavy:
            # Beyond the 1–2 strength sessions of the week, no strength block (R39).
            slots = [s for s in slots if s.kind != "strength"]
        if p.season == "in" and fam not in ("minimum-dose", "older-adult"):
            # In-season maintenance: the main lift carries the session; the rest is optional
            # (R39 [RONNESTAD11]); the minimum dose and the Otago plan are maintenance already.
            slots = [
                s for s in slots
                if not (s.role in ("secondary", "accessory") and not s.side
                        and len(s.patterns) > 1)
            ]  # one-pattern slots are targeted remedies (R47, R48): they stay  # fmt: skip
        warmup = "otago" if fall else "fifa11" if field_ip and i < 3 else "ramp"
        if warmup == "fifa11":
            # The 11+ already runs, sprints and cuts (Parts 1 and 3 [FIFA11]).
            slots = [replace(s, required=False) if s.role == "sprint" else s for s in slots]
        sessions.append(
            SessionSpec(
                offset=o,
                label=label,
                focus=_focus(fam, label, is_plyo, warmup),
                heavy=o in heavy,
                plyo=is_plyo,
                warmup=warmup,
                slots=tuple(slots),
                nordic=nordic,
                copenhagen=copenhagen,
            )
        )
    if nordic:
        components.append("nordic-hamstring")
        extra_sources += ["PETERSEN11", "VANDYK19"]
    if copenhagen:
        components.append("copenhagen-adduction")
        extra_sources.append("HAROY19")
    if field_ip:
        components.append("fifa-11-plus")
        extra_sources += ["FIFA11", "SOLIGARD08"]
    if (balance_goal or sig.sport_side or sig.poor_balance) and not fall:
        components.append("balance")
        extra_sources.append("LESINSKI15")
    if mobility_goal:
        components.append("mobility")
        extra_sources.append("GARBER11")
    if power_goal:
        components.append("plyometrics")
        extra_sources += ["TEAMMPI", "EBBEN07"]
    if sig.weak_side or sig.sport_side:
        components.append(f"unilateral-{sig.weak_side or sig.sport_side}")
    if sig.mobility_side:
        components.append(f"ankle-mobility-{sig.mobility_side}")
    if acl:
        components.append("acl-rehabilitation")
        extra_sources += ["GRINDEM16", "GOKELER17"]
    if oa:
        components.append("knee-osteoarthritis")
        extra_sources += ["OARSI19", "THOMEE97"]
    if runner:
        components.append("runner-strength")
        extra_sources += ["DORN12", "LAUERSEN14"]
    targets: dict[str, tuple[float, float]] = {}
    n = p.days
    if fam == "hypertrophy":
        lo = (
            dosing.HYPERTROPHY_MIN_SETS_NOVICE
            if p.level == "beginner"
            else dosing.HYPERTROPHY_MIN_SETS
        )
        targets = {m: (float(lo), float(dosing.mrv(m, n))) for m in ("quadriceps", "hamstrings")}
        targets["glutes"] = (0.0, float(dosing.mrv("glutes", n)))
        # Direct calf work is planned, so calves must land in [MEV 8, MRV] (R10 [RP-LAND]).
        if n >= 3:
            targets["calves"] = (float(dosing.CALF_MIN_SETS), float(dosing.mrv("calves", n)))
    elif fam == "minimum-dose":
        targets = {m: (float(v), 99.0) for m, v in dosing.MAINTENANCE_SETS.items()}
    elif p.weight("hypertrophy") > 0:
        targets = {
            m: (float(v), float(dosing.mrv(m, n))) for m, v in dosing.MAINTENANCE_SETS.items()
        }
    return Template(
        family=fam,
        title=title,
        sources=tuple(dict.fromkeys(sources + tuple(extra_sources) + ("JEFFREYS07",))),
        sessions=tuple(sessions),
        muscle_targets=targets,
        meso_len=5 if fam == "hypertrophy" else 4,
        # Scheduled deloads for intermediate/advanced (R16, [ROGERSON24]); novices deload
        # reactively inside the progression rule ([SL5X5], docs/evidence/doses.md#deloads).
        deloads=p.level != "beginner",
        balance_days=min(dosing.BALANCE_DAYS, p.days) if fall else 0,
        otago_actions=4 if fall else 0,
        walking=fall,
        components=tuple(components),
    )
