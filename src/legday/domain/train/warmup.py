"""A barbell warm-up ramp up to the first work set, with the plates for each step.

Scheme (a practitioner convention, not a trial result):

* the empty bar, 2 sets of 5 — Rippetoe & Kilgore, *Starting Strength: Basic Barbell Training*,
  3rd ed., 2011 (warm-ups start with the empty bar for two sets of five, then rise in evenly
  spaced jumps with fewer reps as the load nears the work weight);
* then about 40 % × 5, 60 % × 3 and 80 % × 2 of the work load. These percentages and reps are the
  common gym chart that follows that principle; no retrieved source gives them (UNVERIFIED).

It is the "potentiate" phase of Jeffreys' RAMP warm-up (docs/evidence/doses.md#ramp-warm-up:
progressively more intense, lift-specific efforts), which follows the general "raise, activate,
mobilise" part a plan prescribes separately. Each step is rounded DOWN to what the plates build;
a step that rounds to the bar or to the previous step is dropped, so light work loads get a shorter
ramp and a work load at or below the bar needs none.
"""

from __future__ import annotations

from dataclasses import dataclass

from legday.domain.errors import InvalidInput
from legday.domain.train.plates import LoadingSetup, solve_plates

# (fraction of the work load, reps) after the empty bar — see the module docstring.
RAMP: tuple[tuple[float, int], ...] = ((0.40, 5), (0.60, 3), (0.80, 2))
BAR_SETS, BAR_REPS = 2, 5  # Rippetoe & Kilgore 2011: empty bar 2 × 5


@dataclass(frozen=True, slots=True)
class WarmupSet:
    """One step of the ramp, in the setup's unit; ``fraction`` is of the work load."""

    load: float
    reps: int
    sets: int
    per_side: tuple[float, ...]
    fraction: float


def warmup_ramp(work_load: float, work_reps: int, setup: LoadingSetup) -> list[WarmupSet]:
    """The warm-up sets before a work set of ``work_load`` × ``work_reps`` (setup's unit)."""
    if isinstance(work_reps, bool) or not isinstance(work_reps, int) or work_reps < 1:
        raise InvalidInput(
            f"work reps {work_reps!r}", "give the work set's reps, a whole number ≥ 1"
        )
    # solve_plates checks the load is a plausible positive number and at least the bar.
    work = solve_plates(work_load, setup.bar, setup.plates, setup.pairs)
    if work.achievable <= setup.bar:
        return []
    out = [WarmupSet(setup.bar, BAR_REPS, BAR_SETS, (), round(setup.bar / work.achievable, 3))]
    for fraction, reps in RAMP:
        target = fraction * work.achievable
        if target < setup.bar:
            continue
        step = solve_plates(target, setup.bar, setup.plates, setup.pairs)
        if step.achievable <= out[-1].load or step.achievable >= work.achievable:
            continue
        out.append(
            WarmupSet(
                step.achievable,
                reps,
                1,
                step.per_side,
                round(step.achievable / work.achievable, 3),
            )
        )
    return out
