"""Session structure and duration: warm-up (general + specific), power, strength, accessories,
balance, mobility/cool-down — in that order (R5, [ACSM09]) — and the minutes it all takes."""

from __future__ import annotations

import math

from legday.domain.plan import dosing
from legday.domain.plan.model import KIND_ORDER, Block

# Warm-up routines are blocks of their own (``routine``, model.ROUTINES), not exercises: the 11+
# and Otago ones are the catalog's structured programmes (legday.domain.catalog.programmes).
WARMUP_RAMP = "ramp"
WARMUP_FIFA11 = "fifa-11-plus"
WARMUP_OTAGO = "otago"
WARMUP_IDS: dict[str, int] = {
    WARMUP_RAMP: dosing.WARMUP_GENERAL_S,
    WARMUP_FIFA11: dosing.WARMUP_FIFA11_S,
    WARMUP_OTAGO: dosing.WARMUP_OTAGO_S,
}
WARMUP_WHY: dict[str, str] = {
    WARMUP_RAMP: "RAMP warm-up: raise, activate, mobilise, potentiate [JEFFREYS07]",
    WARMUP_FIFA11: "FIFA 11+: running, strength/plyometrics/balance, running (~20 min) [FIFA11] "
    "[SOLIGARD08]",
    WARMUP_OTAGO: "Otago warm-up: head, neck, back, trunk, ankle movements [OTAGO-MAN]",
}


def work_seconds(
    reps: int | None, seconds: int | None, contacts: int | None, distance_m: int | None = None
) -> float:
    if seconds is not None:
        return float(seconds)
    if contacts is not None:
        return contacts * dosing.SECONDS_PER_CONTACT
    if distance_m is not None:
        return distance_m * dosing.SECONDS_PER_SPRINT_M
    return (reps or 0) * dosing.SECONDS_PER_REP


def block_seconds(
    sets: int,
    reps: int | None,
    seconds: int | None,
    contacts: int | None,
    rest_s: int,
    unilateral: bool = False,
    warmup_protocol: bool = False,
    distance_m: int | None = None,
    kind: str | None = None,
    loaded: bool = True,
) -> float:
    """Work + setup per set, rest between sets, one transition per block (legday time model:
    tempo [ACSM09], setup/transition estimates in dosing.py). Unilateral work counts both sides;
    balance and mobility blocks need no equipment set up between them."""
    if warmup_protocol:
        return float(seconds or 0)
    work = work_seconds(reps, seconds, contacts, distance_m) * (2 if unilateral else 1)
    light = kind in ("balance", "mobility")
    # Body-weight and band sets need no loading between sets: the light set-up time.
    setup = dosing.SET_SETUP_LIGHT_S if light or not loaded else dosing.SET_SETUP_S
    transition = dosing.TRANSITION_LIGHT_S if light else dosing.TRANSITION_S
    if kind == "warmup":
        # Ramp sets lead straight into the work sets on the same bar: a pause after each, no
        # transition.
        return sets * (work + setup + rest_s)
    return sets * (work + setup) + max(0, sets - 1) * rest_s + transition


WARMUP_NAMES: dict[str, str] = {
    WARMUP_RAMP: "RAMP warm-up",
    WARMUP_FIFA11: "FIFA 11+ warm-up",
    WARMUP_OTAGO: "Otago warm-up",
}
# The 11+ Part 2 has 3 levels; progress only when the current one is done easily for the set
# time and reps [FIFA11] (S2 belvedereclinic). The plan holds the level it starts at: training
# (`next`) moves it up by that criterion, never the calendar (R36). The RAMP and Otago warm-ups
# have no levels.
FIFA11_LEVELS = 3
WARMUP_DESCRIPTION: dict[str, str] = {
    WARMUP_RAMP: "general: raise, activate, mobilise, potentiate",
    WARMUP_FIFA11: "parts 1–3, part 2 at level {level} (Nordic: {nordic} reps); move up a "
    "level once it is easy",
    WARMUP_OTAGO: "head, neck, back, trunk and ankle movements",
}


def warmup_block(routine: str, week: int = 1, level: int = 1) -> Block:
    """The warm-up routine at ``level`` (held through the plan, R36); ``week`` is kept for
    callers that name it."""
    text = WARMUP_DESCRIPTION[routine]
    if routine == WARMUP_FIFA11:
        text = text.format(level=level, nordic=dosing.FIFA11_NORDIC_REPS[level])
    return Block(
        kind="warmup",
        exercise_id="",
        sets=1,
        intensity_key="level",
        intensity=float(level),
        rest_s=0,
        seconds=WARMUP_IDS[routine],
        why=WARMUP_WHY[routine],
        routine=routine,
        description=text,
    )


def block_name(b: Block, names: dict[str, str]) -> str:
    """What a person calls the block: the routine's or the exercise's name (``names``: id →
    catalog name), the id itself when the catalog does not know it."""
    if b.routine is not None:
        return WARMUP_NAMES.get(b.routine, b.routine)
    return names.get(b.exercise_id, b.exercise_id)


# Ramp sets of the first lift as fractions of its work set: 40 % × 5, 60 % × 3, 80 % × 2 — the
# same ramp as `calc warmup` (legday.domain.train.warmup; a gym chart, UNVERIFIED) in the RAMP
# "potentiate" phase [JEFFREYS07].
RAMP_STEPS: tuple[tuple[float, int], ...] = ((0.40, 5), (0.60, 3), (0.80, 2))
RAMP_REST_S = 30  # legday estimate between light ramp sets: the time to change the plates


def specific_warmup(first: Block) -> list[Block]:
    """Ramp-up sets of the session's first lift, below its work set: light, never hard sets.

    A lift dosed by effort ramps by shares of the weight its work sets end up with
    (``pct_work``), not by RPE: "2 reps at RPE 6" would be a 6-rep max, heavier than work sets
    of 7 reps at RPE 6.5 (RTS chart [ZOURDOS16])."""
    out: list[Block] = []
    for frac, reps in RAMP_STEPS:
        if first.intensity_key == "pct_1rm" and isinstance(first.intensity, float):
            key, value = "pct_1rm", round(first.intensity * frac, 1)
        else:
            key, value = "pct_work", round(frac * 100, 1)
        out.append(
            Block(
                kind="warmup",
                exercise_id=first.exercise_id,
                sets=1,
                intensity_key=key,
                intensity=value,
                rest_s=RAMP_REST_S,
                reps=reps,
                # Rounded down to a 2.5-kg step, as `calc warmup` rounds to the plates.
                load_kg=math.floor(first.load_kg * frac / 2.5) * 2.5 if first.load_kg else None,
                why=f"specific warm-up: {frac:.0%} of the work weight × {reps} [JEFFREYS07]",
                description=f"{frac:.0%} of the work weight",
            )
        )
    return out


def specific_warmup_seconds() -> float:
    return sum(
        block_seconds(1, reps, None, None, RAMP_REST_S, kind="warmup") for _, reps in RAMP_STEPS
    )


def seconds_of(b: Block, unilateral: bool, loaded: bool = True) -> float:
    return block_seconds(
        b.sets, b.reps, b.seconds, b.contacts, b.rest_s, unilateral, b.routine is not None,
        b.distance_m, b.kind, loaded,
    )  # fmt: skip


def order(blocks: list[Block], balance_first: bool = False) -> tuple[Block, ...]:
    """Stable sort by kind (R5); fall-prevention plans may put balance before strength."""

    def key(b: Block) -> int:
        if balance_first and b.kind == "balance":
            return KIND_ORDER["power"]
        return KIND_ORDER[b.kind]

    return tuple(sorted(blocks, key=key))


def minutes(total_seconds: float) -> float:
    """Rounded up to the half minute, so a plan never under-reports its length."""
    halves = -(-total_seconds // 30)
    return halves / 2
