"""Home practice for fall-prevention plans: the weekly balance and functional minutes of the
sessions, topped up by short daily balance bouts, stated against the ≥ 3 h/week that prevented
the most falls [SHERRINGTON17] [SHERRINGTON20] (R34). Walking is prescribed apart and does not
count toward the balance dose (walking alone did not prevent falls in high-risk people
[SHERRINGTON11])."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from legday.domain.plan import dosing


@dataclass(frozen=True, slots=True)
class HomePractice:
    bouts_per_day: int  # short balance bouts at home, every day
    bout_minutes: int
    exercises: tuple[str, ...]  # catalog ids: the plan's own balance exercises
    support: str | None  # the support level the plan holds (words)
    session_minutes: float  # balance + functional minutes a week in the sessions (least week)
    target_minutes: int

    @property
    def home_minutes(self) -> int:
        return self.bouts_per_day * self.bout_minutes * 7

    @property
    def total_minutes(self) -> float:
        return round(self.session_minutes + self.home_minutes, 1)

    @property
    def gap_minutes(self) -> float:
        return round(max(0.0, self.target_minutes - self.total_minutes), 1)

    def as_json(self) -> dict[str, Any]:
        return {
            "balance_bouts_per_day": self.bouts_per_day,
            "bout_minutes": self.bout_minutes,
            "days_per_week": 7,
            "exercises": list(self.exercises),
            "support": self.support,
            "weekly_minutes": {
                "sessions": round(self.session_minutes, 1),
                "home": self.home_minutes,
                "total": self.total_minutes,
                "target": self.target_minutes,
                "gap": self.gap_minutes,
            },
            "why": "balance and functional exercise ≥ 3 h a week prevented the most falls "
            "[SHERRINGTON17] [SHERRINGTON20]; short bouts on most days [OTAGO-MAN]",
        }


def home_practice(
    session_minutes: float, exercises: tuple[str, ...], support: str | None
) -> HomePractice:
    """Enough daily bouts to reach the weekly target, at most ``HOME_MAX_BOUTS`` a day."""
    target = dosing.FALL_WEEKLY_TARGET_MIN
    need = max(0.0, target - session_minutes)
    bouts = min(dosing.HOME_MAX_BOUTS, math.ceil(need / (7 * dosing.HOME_BOUT_MIN)))
    return HomePractice(
        bouts_per_day=max(1, bouts),
        bout_minutes=dosing.HOME_BOUT_MIN,
        exercises=exercises,
        support=support,
        session_minutes=session_minutes,
        target_minutes=target,
    )
