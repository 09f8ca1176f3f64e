"""The weeks of a plan: mesocycles of loading weeks, each ended by a deload where the programme
family has them, block phases for block strength, and a taper before a competition. The doses of
each week are legday.domain.plan.periodization's."""

from __future__ import annotations

from dataclasses import dataclass

from legday.domain.plan.families import Template


@dataclass(frozen=True, slots=True)
class WeekInfo:
    n: int  # plan week, 1-based
    meso: int  # mesocycle, 0-based
    in_meso: int  # week inside the mesocycle, 1-based
    deload: bool
    phase: str


BLOCK_PHASES: tuple[str, ...] = ("accumulation", "intensification", "realization")


def weeks(t: Template, total: int, taper: int = 0) -> list[WeekInfo]:
    """Mesocycles of ``meso_len`` weeks; with deloads the last week of each is a deload (every 4th
    week [W531], 5th for hypertrophy [BARLORE-RP]; [ROGERSON24] 5.6 ± 2.3 wk). With a
    competition the last ``taper`` weeks are a taper instead ([BOSQUET07])."""
    out: list[WeekInfo] = []
    for n in range(1, total + 1):
        meso, in_meso = divmod(n - 1, t.meso_len)
        if n > total - taper:
            out.append(WeekInfo(n, meso, in_meso + 1, False, "taper"))
            continue
        deload = t.deloads and in_meso + 1 == t.meso_len
        phase = "deload" if deload else "loading"
        if t.family == "strength-block" and not deload:
            phase = BLOCK_PHASES[meso % 3]
        out.append(WeekInfo(n, meso, in_meso + 1, deload, phase))
    return out
