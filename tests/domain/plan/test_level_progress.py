"""R36: support levels advance by criteria in training (target held in 2 sessions in a row),
never by the calendar."""

from __future__ import annotations

from datetime import date, timedelta

from legday.domain.plan.level_progress import advance, level_reached
from legday.domain.plan.model import Block
from legday.domain.train.progression.base import SessionPerformance, SetPerformance

DAY = date(2026, 12, 7)
BLOCK = Block("balance", "tandem-stance", 3, "level", 1.0, 15, seconds=30,
              description="two hands support")  # fmt: skip


def sessions(*holds: tuple[float, ...]) -> list[SessionPerformance]:
    return [
        SessionPerformance(DAY + timedelta(days=2 * i), tuple(SetPerformance(seconds=h) for h in s))
        for i, s in enumerate(holds)
    ]


def test_two_sessions_at_target_lower_the_support_one_step() -> None:
    done = sessions((30, 30, 30), (31, 30, 32))
    out = advance(BLOCK, done, high_risk=True)
    assert out.intensity == 2.0 and out.description == "one hand support"


def test_one_good_session_or_a_broken_run_keeps_the_level() -> None:
    assert advance(BLOCK, sessions((30, 30, 30)), high_risk=True) == BLOCK
    broken = sessions((30, 30, 30), (30, 25, 30), (30, 30, 30))
    assert advance(BLOCK, broken, high_risk=True) == BLOCK  # 25 s < 30 s resets the count


def test_high_risk_stops_at_unsupported_standing() -> None:
    many = sessions(*[(30, 30, 30)] * 12)
    assert level_reached(1, 30, many, top=3) == 3
    assert advance(BLOCK, many, high_risk=True).description == "no support"
    assert advance(BLOCK, many, high_risk=False).description == "eyes closed"


def test_other_blocks_are_untouched() -> None:
    squat = Block("strength", "back-squat", 3, "pct_1rm", 80.0, 180, reps=5)
    assert advance(squat, sessions((30,), (30,)), high_risk=False) == squat
