"""The progression engine: one small module per rule, each a pure function
``history → next prescription`` with a plain-words reason
(docs/evidence/doses.md#progression-rules).

:func:`next_prescription` dispatches on the rule name; :mod:`params` holds every parameter with its
default and source; :mod:`stall` the shared deload and return-after-a-break logic.
"""

from __future__ import annotations

from collections.abc import Callable

from legday.domain.train.progression.base import (
    ExerciseHistory,
    Loading,
    Prescription,
    Scheme,
    SessionPerformance,
    SetPerformance,
    SetTarget,
    StepLoading,
)
from legday.domain.train.progression.contacts import next_contacts
from legday.domain.train.progression.double import next_double
from legday.domain.train.progression.holds import next_hold
from legday.domain.train.progression.linear import next_linear
from legday.domain.train.progression.params import RULES, RuleName, RuleParams
from legday.domain.train.progression.repeat import next_repeat
from legday.domain.train.progression.rpe_auto import next_rpe
from legday.domain.train.progression.waves import next_wave

Rule = Callable[[ExerciseHistory, RuleParams, Loading], Prescription]

RULE_FUNCTIONS: dict[RuleName, Rule] = {
    "linear": next_linear,
    "double": next_double,
    "rpe": next_rpe,
    "waves": next_wave,
    "holds": next_hold,
    "contacts": next_contacts,
    "repeat": next_repeat,
}


def next_prescription(
    rule: RuleName, history: ExerciseHistory, params: RuleParams, loading: Loading
) -> Prescription:
    """The next exposure of ``history.exercise_id`` under ``rule``."""
    return RULE_FUNCTIONS[rule](history, params, loading)


__all__ = [
    "RULES",
    "RULE_FUNCTIONS",
    "ExerciseHistory",
    "Loading",
    "Prescription",
    "RuleName",
    "RuleParams",
    "Scheme",
    "SessionPerformance",
    "SetPerformance",
    "SetTarget",
    "StepLoading",
    "next_prescription",
]
