"""The checkable rules of docs/evidence/rules.md as a checker: ``check(plan, exercises)`` returns
the violations, each naming its rule (R1…R31), week, session date and what is wrong.

R31 is legday's addition to docs/evidence/rules.md: ``pct_1rm`` only on exercises that can be
externally loaded (a %1RM of a body-weight drill means nothing; such work is dosed by reps to an
RIR/RPE, seconds or level). R1 also requires every exercise block to name a catalog exercise and
every warm-up routine block a known routine.

Interpretations (written down because docs/evidence/rules.md leaves them open):
- "goal X" (R9, R10) means X is the plan's heaviest goal (ties count); R16 any weight on X.
- R12's "consecutive exposures" are those of the same exercise in sessions with the same focus: a
  daily-undulating week prescribes different intensities on different days by design [RHEA02].
- R15 (5/3/1 waves) and R30 (planned session RPE) apply to plans with a wave template or planned
  session RPE; the generator makes neither, so they are not checked. R18 applies when the profile
  names a competition date."""

from __future__ import annotations

from collections.abc import Mapping

from legday.domain.catalog.model import Exercise
from legday.domain.plan.model import Plan
from legday.domain.plan.rules_base import (
    LOWER_STRENGTH_PATTERNS,
    MUSCLE_GROUPS,
    RULES,
    Violation,
    _warned,
    effort_rpe,
    hard_sets,
    heavy_intensity,
    is_heavy,
    muscle_weight,
    plyo_class,
    rules_direct,
    weekly_sets,
)
from legday.domain.plan.rules_pathways import PathwayRules
from legday.domain.plan.rules_sessions import SessionRules
from legday.domain.plan.rules_special import SpecialRules
from legday.domain.plan.rules_volume import VolumeRules

__all__ = [
    "LOWER_STRENGTH_PATTERNS", "MUSCLE_GROUPS", "RULES", "Violation", "_warned", "check",
    "effort_rpe", "hard_sets", "heavy_intensity", "is_heavy", "muscle_weight", "plyo_class",
    "rules_direct", "weekly_sets",
]  # fmt: skip


class _Checker(SessionRules, VolumeRules, SpecialRules, PathwayRules):
    """Every rule method ``rNN`` of the rule modules, run in rule order."""


def check(plan: Plan, exercises: Mapping[str, Exercise]) -> list[Violation]:
    """Every rule of docs/evidence/rules.md that applies to the plan's profile; an empty list means
    the plan passes."""
    c = _Checker(plan, exercises)
    c.run()
    return c.out
