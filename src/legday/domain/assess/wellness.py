"""The daily readiness check-in: the five-item wellness questionnaire of McLean et al. 2010
(Int J Sports Physiol Perform 5:367–383), each item 1–5 with 5 the good end, total 5–25.

A wellness total has no population norm worth rating against: what matters is a change from the
athlete's own usual (Saw 2016, Br J Sports Med 50:281, found self-reported measures track the
training response more consistently than objective ones). So today's total and each item are set
against the athlete's previous check-ins as a z-score, and only a clear drop is flagged.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from legday.domain.assess.common import Measurement, base
from legday.domain.assess.model import Score, TestSpec

# The questionnaire's items, in McLean 2010's order; the names are the data file's inputs.
ITEMS: tuple[str, ...] = ("fatigue", "sleep", "soreness", "stress", "mood")
ITEM_MIN, ITEM_MAX = 1, 5  # McLean 2010: five-point scale, 5 = best

# legday heuristics (no paper sets them; Saw 2016 asks for an individual baseline, not for these
# numbers):
# - the baseline is the previous 28 days: the chronic window legday's load monitoring uses, long
#   enough to span a few training weeks, short enough to follow a change of season;
BASELINE_DAYS = 28
# - at least 7 earlier check-ins in that window before any flag: a standard deviation from fewer
#   answers on a 1–5 scale swings too much to mean anything (one week of daily check-ins);
MIN_BASELINE = 7
# - flag at z ≤ −1, one standard deviation worse than the athlete's usual: the customary "worth a
#   conversation" line of athlete-monitoring practice, deliberately sensitive because a check-in
#   costs a question, not a missed session.
FLAG_Z = -1.0


def wellness(spec: TestSpec, m: Measurement) -> Score:
    """Scorer of the check-in: the total of the five items (no rating, no flag; the flag needs
    the athlete's own history, see :func:`status`)."""
    items = {k: int(m.num(k)) for k in ITEMS}
    score = base(spec, m, float(sum(items.values())))
    score.derived["items"] = items
    score.derived["range"] = [ITEM_MIN * len(ITEMS), ITEM_MAX * len(ITEMS)]
    score.derived["higher_is_better"] = True
    return score


@dataclass(frozen=True)
class CheckIn:
    """One day's answers (item → 1–5)."""

    day: date
    items: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(int(self.items[k]) for k in ITEMS)


@dataclass(frozen=True)
class ZScore:
    """Today's value against the baseline: ``z`` is None when the baseline has no spread."""

    value: float
    mean: float
    sd: float
    z: float | None

    @property
    def below_usual(self) -> bool:
        """z ≤ FLAG_Z; with no spread at all, any value under the (constant) usual counts."""
        if self.z is None:
            return self.value < self.mean
        return self.z <= FLAG_Z

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "mean": round(self.mean, 2),
            "sd": round(self.sd, 2),
            "z": None if self.z is None else round(self.z, 2),
            "below_usual": self.below_usual,
        }


def zscore(value: float, earlier: Sequence[float]) -> ZScore:
    """(value − mean) / SD of ``earlier`` (sample SD, n − 1; at least two values)."""
    mean = statistics.fmean(earlier)
    sd = statistics.stdev(earlier)
    return ZScore(float(value), mean, sd, None if sd == 0 else (value - mean) / sd)


@dataclass(frozen=True)
class Status:
    """A check-in judged against the athlete's own baseline."""

    day: date
    total: int
    items: dict[str, int]
    baseline_n: int  # earlier check-ins inside the window
    total_z: ZScore | None = None  # None while the baseline is being built
    item_z: dict[str, ZScore] = field(default_factory=dict)

    @property
    def building(self) -> bool:
        return self.baseline_n < MIN_BASELINE

    @property
    def flagged(self) -> bool:
        """The total is worse than usual (z ≤ FLAG_Z). Items alone never raise the flag: one
        item's swing on a 1–5 scale is noise more often than news; they explain it instead."""
        return self.total_z is not None and self.total_z.below_usual

    @property
    def worse_items(self) -> list[str]:
        return [k for k in ITEMS if k in self.item_z and self.item_z[k].below_usual]

    def as_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "total": self.total,
            "items": dict(self.items),
            "baseline_n": self.baseline_n,
            "baseline_needed": MIN_BASELINE,
            "building_baseline": self.building,
            "total_z": None if self.total_z is None else self.total_z.as_json(),
            "item_z": {k: v.as_json() for k, v in self.item_z.items()},
            "flagged": self.flagged,
            "worse_items": self.worse_items,
        }


def status(today: CheckIn, earlier: Sequence[CheckIn]) -> Status:
    """``today`` against the check-ins of the previous :data:`BASELINE_DAYS` days (a later or
    same-day check-in in ``earlier`` is ignored)."""
    start = today.day - timedelta(days=BASELINE_DAYS)
    window = [c for c in earlier if start <= c.day < today.day]
    items = {k: int(today.items[k]) for k in ITEMS}
    if len(window) < MIN_BASELINE:
        return Status(today.day, today.total, items, len(window))
    total_z = zscore(today.total, [c.total for c in window])
    item_z = {k: zscore(items[k], [int(c.items[k]) for c in window]) for k in ITEMS}
    return Status(today.day, today.total, items, len(window), total_z, item_z)


def statuses(checkins: Sequence[CheckIn]) -> list[Status]:
    """Every check-in, oldest first, each against the ones before it."""
    ordered = sorted(checkins, key=lambda c: c.day)
    return [status(c, ordered[:i]) for i, c in enumerate(ordered)]
