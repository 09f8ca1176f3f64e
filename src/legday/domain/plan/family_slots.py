"""The slots of each family's sessions (programming notes docs/evidence/families.md): which movement
patterns each session asks the selector to fill, and the vocabulary of patterns and slots they
use."""

from __future__ import annotations

from dataclasses import dataclass, replace

from legday.domain.plan import dosing
from legday.domain.plan.profile import PlanProfile

STRENGTH_PATTERNS = ("squat", "hinge", "lunge", "step-up", "single-leg-squat", "hip-extension")
SQUAT = ("squat",)
HINGE = ("hinge", "hip-extension")
SINGLE_LEG = ("lunge", "step-up", "single-leg-squat")
KNEE_FLEX = ("knee-flexion",)
HIP_ACC = ("hip-abduction", "hip-adduction")
LOWER_LEG = ("calf", "tibialis")
PLYO = ("plyometric",)
SPRINT = ("sprint-agility",)
# Running sports whose plans train calves and hip abductors weekly (R48; legday's list).
RUNNING_SPORTS = frozenset({"running", "trail-running", "track", "marathon", "triathlon"})
OLDER_BALANCE_AGE = 65  # ≥ 65: balance on ≥ 2 (≥ 3) days a week in every plan [WHO20] (R35)


def older_balance(p: PlanProfile) -> bool:
    return p.age is not None and p.age >= OLDER_BALANCE_AGE


BALANCE = ("balance",)
MOBILITY = ("mobility",)


@dataclass(frozen=True, slots=True)
class Slot:
    kind: str  # block kind: power, strength, accessory, balance, mobility
    patterns: tuple[str, ...]
    role: str  # main, secondary, accessory, plyo, sprint, balance, otago, functional, mobility
    required: bool = True
    group: str | None = None  # slots sharing a group take the same exercise (LP continuity)
    heavy: bool = False
    unilateral: bool = False  # must be a unilateral exercise (weaker-side work)
    side: str | None = None
    target: tuple[str, ...] = ()  # the exercise must work one of these muscles as a primary
    two_legs: bool = False  # two-legged drills only (an early landing stage after ACL surgery)
    must: bool = False  # a rehabilitation pathway's content (R47): outranks the main lift


# Equipment that adds a load a main lift can progress by (the Train issue's loaded set).
LOADED_EQUIPMENT = frozenset(
    {"barbell", "trap-bar", "dumbbell", "kettlebell", "machine", "smith", "cable"}
)


def loads_available(p: PlanProfile) -> bool:
    return bool(set(p.equipment) & LOADED_EQUIPMENT)


def _hip_main(p: PlanProfile) -> tuple[str, ...]:
    """The hip-dominant day's main lift: with loads, a real hinge (Romanian deadlift with a bar
    or dumbbells: hamstrings and glutes through their length [SCHOENFELD17]) and the hip thrust
    as its secondary; body weight has no hinge hard enough, so bridges and thrusts qualify."""
    main = ("hinge",) if loads_available(p) else HINGE
    return main + (SQUAT if p.days < 3 else ())


def _session_slots(family: str, label: str, p: PlanProfile) -> list[Slot]:
    """The family's slots; without loads, squat slots also take single-leg variants, the ones
    body weight can make hard enough (docs/evidence/pathways.md#bodyweight-and-home of the
    programming notes [ACSM09])."""
    slots = _family_slots(family, label, p)
    if loads_available(p) or family == "older-adult":
        return slots
    # Likewise a hinge slot takes hip extension: body weight has no two-leg hinge hard enough
    # for the effort target, single-leg bridges and thrusts are (R42 [ACSM09]).
    widen: dict[tuple[str, ...], tuple[str, ...]] = {SQUAT: SQUAT + SINGLE_LEG, ("hinge",): HINGE}
    return [replace(s, patterns=widen.get(s.patterns, s.patterns)) for s in slots]


def _family_slots(family: str, label: str, p: PlanProfile) -> list[Slot]:
    novice = p.level == "beginner"
    if family == "strength-novice-linear" and not loads_available(p):
        # Body weight only: the main lifts are single-leg variants hard enough to reach the
        # effort target in 8–15 reps, progressed along the catalog graph (R42; [ACSM09]).
        knee = SQUAT + SINGLE_LEG
        if label == "A":
            return [
                Slot("strength", knee, "main", group="bw-knee"),
                Slot("strength", HINGE, "secondary"),
                Slot("accessory", LOWER_LEG, "accessory", required=False),
            ]
        return [
            Slot("strength", knee, "main", group="bw-knee"),
            Slot("strength", HINGE, "main", group="bw-hip"),
            Slot("accessory", KNEE_FLEX + HIP_ACC, "accessory", required=False),
        ]
    if family == "strength-novice-linear":
        if label == "A":
            return [
                Slot("strength", SQUAT, "main", group="lp-squat", heavy=True),
                Slot("strength", HINGE, "secondary"),
                Slot("accessory", SINGLE_LEG, "accessory"),
                Slot("accessory", LOWER_LEG, "accessory", required=False),
            ]
        return [
            Slot("strength", SQUAT, "main", group="lp-squat", heavy=True),
            Slot("strength", ("hinge",), "main", group="lp-hinge", heavy=True),
            Slot("accessory", SINGLE_LEG, "accessory", required=False),
            Slot("accessory", KNEE_FLEX + HIP_ACC, "accessory", required=False),
        ]
    if family in ("strength-undulating", "strength-block"):
        main = SQUAT if label in ("heavy", "light") else ("hinge",)
        return [
            Slot("strength", main, "main", heavy=label == "heavy"),
            Slot(
                "strength",
                HINGE + SINGLE_LEG if label != "moderate" else SQUAT + SINGLE_LEG,
                "secondary",
            ),
            Slot("accessory", KNEE_FLEX + SINGLE_LEG, "accessory"),
            Slot("accessory", LOWER_LEG + HIP_ACC, "accessory", required=False),
        ]
    if family == "hypertrophy":
        first = (
            Slot("strength", SQUAT, "main", heavy=True)  # a heavy day for a strength goal (R9)
            if label == "heavy"
            # Quad-dominant (A) and hip-dominant (B) days: the B day's main lift is a hinge or
            # hip extension, so the week holds a real hinge [SCHOENFELD17].
            # Two days a week keep a squat within reach of both mains (quads ≥ 10 sets, R10).
            else Slot("strength", SQUAT + SINGLE_LEG if label != "B" else _hip_main(p), "main")
        )
        return [
            first,
            Slot("strength", HINGE + SINGLE_LEG, "secondary"),
            # Without loads every knee lift here is single-leg work that also trains the glutes
            # to their cap (R10 [RP-LAND]): the third knee exercise is then an extra.
            Slot(
                "accessory",
                ("knee-extension", *SINGLE_LEG),
                "accessory",
                required=loads_available(p),
            ),
            # Leg curls every hinge-main day would put the hamstrings over their weekly ceiling
            # (R10 [RP-LAND]) and push the hinges out for hamstring-free hip work; on the
            # hinge day (B) the curl is an extra.
            Slot("accessory", KNEE_FLEX, "accessory", required=label != "B"),
            # Calves, if trained, get ≥ 8 weekly sets (R10 [RP-LAND]): 3+ days hold that.
            *([Slot("accessory", ("calf",), "accessory", required=True)] if p.days >= 3 else []),
            Slot("accessory", HIP_ACC, "accessory", required=False),
        ]
    if family == "minimum-dose":
        if label == "A":
            return [
                Slot("strength", SQUAT, "main", heavy=True),
                Slot("strength", HINGE, "secondary"),
                Slot("accessory", ("calf",), "accessory"),
            ]
        return [
            Slot("strength", HINGE + SINGLE_LEG, "main"),
            Slot("accessory", KNEE_FLEX, "accessory"),
            Slot("accessory", HIP_ACC, "accessory"),
        ]
    if family in ("athletic-power", "injury-prevention"):
        if label == "light":
            return [
                Slot("accessory", SINGLE_LEG + HIP_ACC, "accessory"),
                Slot("accessory", LOWER_LEG, "accessory", required=False),
            ]
        slots = [
            Slot("strength", (*SQUAT, "hinge"), "main", heavy=not novice),
            Slot("strength", SINGLE_LEG, "secondary"),
        ]
        if family == "athletic-power":
            # R45: hip extensors drive jumping and sprinting [COMFORT14]: a hinge every week.
            slots.insert(1, Slot("strength", HINGE, "hinge"))
        if family == "athletic-power" and label == "plyo":
            slots = [
                Slot("power", PLYO, "plyo"),
                Slot("power", PLYO, "plyo", required=False),
                Slot("power", SPRINT, "sprint"),
                *slots,
            ]
        slots.append(
            Slot("accessory", LOWER_LEG + HIP_ACC + KNEE_FLEX, "accessory", required=False)
        )
        return slots
    # older-adult: a functional sit-to-stand plus Otago strength actions, then balance (R22, R24)
    return [
        Slot("strength", (*SQUAT, "step-up"), "functional"),
        # One Otago exercise is required per session; the others are optional so that a short
        # session can hold one single-leg exercise instead of two quick two-leg ones, and the
        # week still covers ≥ 4 muscle actions (R24).
        # Otago does all five strength exercises each session [OTAGO-MAN]: a session that has
        # the time holds all five; a shorter one what fits (the plan says what is left out).
        Slot("accessory", dosing.OTAGO_ACTIONS, "otago"),
        *[
            Slot("accessory", dosing.OTAGO_ACTIONS, "otago", required=False)
            for _ in dosing.OTAGO_ACTIONS[1:]
        ],
        Slot("balance", BALANCE, "balance"),
        Slot("balance", BALANCE, "balance", required=p.minutes >= 30),
        Slot("balance", BALANCE, "balance", required=False),
        Slot("balance", BALANCE, "balance", required=False),
        # Longer sessions hold more balance work (R34: ≥ 40 % of the session after the warm-up).
        *[Slot("balance", BALANCE, "balance", required=False) for _ in range(p.minutes // 30)],
        Slot("strength", (*SQUAT, "step-up"), "functional", required=False),
    ]
