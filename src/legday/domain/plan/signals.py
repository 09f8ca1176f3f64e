"""What the latest assessments mean for the planner, by pathway: triage findings (the meaning
of each result lives with its test, legday.domain.assess.triage) become planner signals (R33,
R47, R49)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class Signals:
    """What the latest tests mean for the plan, by pathway (R33, R47, R49): the fall path only
    from STEADI, a sport screen to neuromuscular work, each asymmetry to its own remedy."""

    low_strength: bool = False  # chair stand below average for age/sex → more sit-to-stand
    fall_risk: bool = False  # STEADI: positive screen or a STEADI test below its cut-off
    poor_balance: bool = False  # failed tandem / short single-leg stance → more balance work
    frail: bool = False  # TUG ≥ 12 s or a fall in the past year → supported, frail dose
    weak_side: str | None = None  # strength/hop asymmetry: the weaker side gets extra volume
    nordic_low: bool = False  # Nordic force under its risk threshold
    sources: tuple[str, ...] = field(default=())  # the test ids behind the signals
    mobility_side: str | None = None  # knee-to-wall deficit: ankle mobility + calf that side
    sport_side: str | None = None  # Y-Balance risk: neuromuscular work, weaker-side volume
    return_to_sport: bool = False  # ACL return-to-sport battery recorded and met [GRINDEM16]
    rts_detail: tuple[str, ...] = field(default=())  # what is missing or failing

    @property
    def any(self) -> bool:
        return any(
            (
                self.low_strength,
                self.fall_risk,
                self.poor_balance,
                self.frail,
                self.weak_side,
                self.nordic_low,
                self.mobility_side,
                self.sport_side,
            )
        )


class FindingLike(Protocol):
    """What the planner reads of a triage finding (legday.domain.assess.triage.Finding)."""

    @property
    def kind(self) -> str: ...
    @property
    def test_id(self) -> str: ...
    @property
    def side(self) -> str | None: ...


class ReturnToSportLike(Protocol):
    @property
    def met(self) -> bool: ...
    @property
    def missing(self) -> tuple[str, ...]: ...
    @property
    def failing(self) -> tuple[str, ...]: ...


def signals_from_findings(
    findings: Iterable[FindingLike], rts: ReturnToSportLike | None = None
) -> Signals:
    """Pathway signals from triage findings, by their meaning (R33, R49):

    - the fall path only from STEADI (a positive screen, or TUG / chair stand / 4-stage balance
      below its cut-off) [STEADI]; entering it also needs age ≥ 60 (``is_fall_prevention``);
    - a balance deficit (single-leg stance) or low Senior-Fitness-Test function asks for more
      balance or strength work, never the fall path [RIKLI99];
    - a Y-Balance flag is a sport screen: neuromuscular work [PLISKY06];
    - a knee-to-wall difference: mobility and calf work on that side; a strength or hop
      difference: extra volume for the weaker side (R49)."""
    low = fall = balance = frail = nordic = False
    weak: str | None = None
    mobility: str | None = None
    sport: str | None = None
    used: list[str] = []
    for f in findings:
        kind, tid = f.kind, f.test_id.lower()
        if kind in ("steadi-screen-positive", "fall-history", "steadi-test-below-cutoff"):
            fall = True
        if kind == "fall-history":
            frail = True
        if kind == "steadi-test-below-cutoff":
            if "tug" in tid:
                frail = True
            elif "chair" in tid:
                low = True
            else:
                balance = True
        elif kind == "balance-deficit":
            balance = True
        elif kind == "low-function":
            low = True
        elif kind == "sport-screen-risk":
            sport = sport or f.side or "left"
        elif kind == "mobility-asymmetry":
            mobility = mobility or f.side
        elif kind == "strength-asymmetry":
            weak = weak or f.side
        elif kind == "nordic-weak":
            nordic = True
        used.append(f.test_id)
    return Signals(
        low_strength=low,
        fall_risk=fall,
        poor_balance=balance,
        frail=frail,
        weak_side=weak,
        nordic_low=nordic,
        sources=tuple(dict.fromkeys(used)),
        mobility_side=mobility,
        sport_side=sport,
        return_to_sport=bool(rts and rts.met),
        rts_detail=tuple(rts.missing + rts.failing) if rts is not None else (),
    )


def signals_from(
    results: Mapping[str, Mapping[str, Any]], age: int | None = None, sex: str | None = None
) -> Signals:
    """Planner signals from ``legday.app.assess.latest_results`` (test id → score JSON): what
    each result means comes from its test's triage entries (legday.domain.assess.triage), and
    the ACL return-to-sport battery from the hop and quadriceps tests [GRINDEM16]."""
    from legday.domain.assess.triage import return_to_sport, triage

    return signals_from_findings(triage(results, age=age, sex=sex), return_to_sport(results))
