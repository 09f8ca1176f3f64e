"""Session structure and duration: warm-up (general + specific), power, strength, accessories,
balance, mobility/cool-down — in that order (R5, [ACSM09]) — and the minutes it all takes."""

from __future__ import annotations

from legday.domain.plan import dosing
from legday.domain.plan.model import KIND_ORDER, Block

# Warm-up protocols are not catalog exercises; the checker knows these ids (R1/R4/R26).
WARMUP_RAMP = "warmup-ramp"
WARMUP_FIFA11 = "warmup-fifa-11-plus"
WARMUP_OTAGO = "warmup-otago"
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


def work_seconds(reps: int | None, seconds: int | None, contacts: int | None) -> float:
    if seconds is not None:
        return float(seconds)
    if contacts is not None:
        return contacts * dosing.SECONDS_PER_CONTACT
    return (reps or 0) * dosing.SECONDS_PER_REP


def block_seconds(
    sets: int,
    reps: int | None,
    seconds: int | None,
    contacts: int | None,
    rest_s: int,
    unilateral: bool = False,
    warmup_protocol: bool = False,
) -> float:
    """Work + setup per set, rest between sets, one transition per block (legday time model:
    tempo [ACSM09], setup/transition estimates in dosing.py). Unilateral work counts both sides."""
    if warmup_protocol:
        return float(seconds or 0)
    work = work_seconds(reps, seconds, contacts) * (2 if unilateral else 1)
    return sets * (work + dosing.SET_SETUP_S) + max(0, sets - 1) * rest_s + dosing.TRANSITION_S


def warmup_block(protocol: str) -> Block:
    return Block(
        kind="warmup",
        exercise_id=protocol,
        sets=1,
        intensity_key="level",
        intensity="general",
        rest_s=0,
        seconds=WARMUP_IDS[protocol],
        why=WARMUP_WHY[protocol],
    )


def specific_warmup(exercise_id: str, reps: int) -> Block:
    """Ramp-up sets of the session's first lift: light, not hard sets (RAMP "potentiate")."""
    return Block(
        kind="warmup",
        exercise_id=exercise_id,
        sets=dosing.SPECIFIC_WARMUP_SETS,
        intensity_key="pct_1rm",
        intensity=dosing.SPECIFIC_WARMUP_PCT,
        rest_s=60,
        reps=min(reps, 5),
        why="specific warm-up: lighter sets of the first lift [JEFFREYS07]",
    )


def specific_warmup_seconds(reps: int) -> float:
    return block_seconds(dosing.SPECIFIC_WARMUP_SETS, min(reps, 5), None, None, 60)


def seconds_of(b: Block, unilateral: bool) -> float:
    return block_seconds(
        b.sets, b.reps, b.seconds, b.contacts, b.rest_s, unilateral, b.exercise_id in WARMUP_IDS
    )


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
