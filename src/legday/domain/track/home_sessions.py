"""Home sessions of a home programme, judged: adherence week by week and the pain-monitoring rule
(docs/evidence/pathways.md#knee-osteoarthritis): pain up to 5 out of 10 during exercise is
tolerable when it has settled by the next morning and does not creep up from week to week
[THOMEE97] (the page number of that source is UNVERIFIED)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from legday.domain.weeks import label_of

Adherence = Literal["done", "partly", "not"]
ADHERENCE: tuple[Adherence, ...] = ("done", "partly", "not")
PAIN_LIMIT = 5  # out of 10 during exercise [THOMEE97]
PAIN_SCALE = (0, 10)  # a 0–10 numeric rating of pain


@dataclass(frozen=True)
class HomeDay:
    day: date
    adherence: Adherence
    pain_during: int | None
    settled_by_morning: bool | None

    @property
    def flags(self) -> list[str]:
        """What breaks the pain rule on this day: ``pain-above-limit``, ``not-settled``."""
        out = []
        if self.pain_during is not None and self.pain_during > PAIN_LIMIT:
            out.append("pain-above-limit")
        if self.settled_by_morning is False:
            out.append("not-settled")
        return out


@dataclass(frozen=True)
class HomeWeek:
    week: str  # ISO week label
    done: int
    partly: int
    missed: int
    mean_pain: float | None
    pain_rising: bool  # the mean pain is higher than the week before's

    def as_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "done": self.done,
            "partly": self.partly,
            "not": self.missed,
            "mean_pain": self.mean_pain,
            "pain_rising": self.pain_rising,
        }


def weeks(days: Sequence[HomeDay]) -> list[HomeWeek]:
    """The days grouped by ISO week, oldest first; a week's mean pain counts the days rated."""
    by_week: dict[str, list[HomeDay]] = {}
    for d in sorted(days, key=lambda x: x.day):
        by_week.setdefault(label_of(d.day), []).append(d)
    out: list[HomeWeek] = []
    before: float | None = None
    for label, group in by_week.items():
        rated = [d.pain_during for d in group if d.pain_during is not None]
        mean = round(sum(rated) / len(rated), 1) if rated else None
        rising = mean is not None and before is not None and mean > before
        out.append(
            HomeWeek(
                label,
                sum(d.adherence == "done" for d in group),
                sum(d.adherence == "partly" for d in group),
                sum(d.adherence == "not" for d in group),
                mean,
                rising,
            )
        )
        if mean is not None:
            before = mean
    return out


def check(adherence: str, pain_during: int | None) -> tuple[Adherence, int | None]:
    """The recorded values, checked; ValueError names what is wrong."""
    if adherence not in ADHERENCE:
        raise ValueError(f"adherence {adherence!r} is not one of {', '.join(ADHERENCE)}")
    low, high = PAIN_SCALE
    if pain_during is not None and not low <= pain_during <= high:
        raise ValueError(f"pain {pain_during} is outside {low}–{high}")
    return adherence, pain_during
