"""Programme levels advance by criteria in training, never by the calendar (R36): a balance
block's support level moves one step (two hands → one hand → none → eyes closed) once the person
has held the target time in every set in 2 sessions in a row at the current level [OTAGO-MAN].
The plan holds its level; `legday next` asks this module where training has got to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from legday.domain.plan import dosing
from legday.domain.plan.model import Block
from legday.domain.train.progression.base import SessionPerformance

SESSIONS_TO_ADVANCE = 2  # the target held in 2 sessions in a row (Otago progresses by criteria)


def met_target(session: SessionPerformance, target_s: float) -> bool:
    """Every logged set held at least the target seconds."""
    held = [s.seconds for s in session.sets if s.seconds is not None]
    return bool(held) and all(h >= target_s for h in held)


def level_reached(
    start: int, target_s: float, history: Sequence[SessionPerformance], top: int
) -> int:
    """The level (1-based) training has reached from ``start``: each run of SESSIONS_TO_ADVANCE
    sessions in a row at target moves one level up, at most to ``top``; a session below target
    starts the count again."""
    level, run = start, 0
    for session in history:
        if met_target(session, target_s):
            run += 1
            if run >= SESSIONS_TO_ADVANCE and level < top:
                level, run = level + 1, 0
        else:
            run = 0
    return level


def advance(block: Block, history: Sequence[SessionPerformance], high_risk: bool) -> Block:
    """The block at the level training has reached; other blocks unchanged. High-risk people stop
    at unsupported standing (eyes-closed work is for the robust, legday safety choice)."""
    if block.kind != "balance" or block.intensity_key != "level" or block.seconds is None:
        return block
    if not isinstance(block.intensity, float):
        return block
    top = len(dosing.BALANCE_LEVELS) - (1 if high_risk else 0)
    start = int(block.intensity)
    level = level_reached(start, float(block.seconds), history, max(start, top))
    if level == start:
        return block
    words = dosing.BALANCE_LEVELS[level - 1].replace("-", " ")
    return replace(
        block,
        intensity=float(level),
        description=words,
        why=(block.why or "") + f"; support reduced: target held in {SESSIONS_TO_ADVANCE} "
        "sessions in a row [OTAGO-MAN]",
    )
