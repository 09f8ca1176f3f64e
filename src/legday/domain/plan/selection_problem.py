"""What the exercise-selection programme (legday.domain.plan.selection) is given and what it
answers: the candidates of each slot with their time, score and muscle sets, the week's slots and
targets, and the chosen exercise per slot with every shortfall the optimum had to accept."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Candidate:
    exercise_id: str
    seconds: float  # time of the block at its peak dose, transitions included
    score: float
    sets_lo: dict[str, float] = field(default_factory=dict)  # muscle → weighted sets (week 1)
    sets_hi: dict[str, float] = field(default_factory=dict)  # muscle → weighted sets (peak week)
    heavy_pattern: str | None = None  # "squat"/"hinge" when this block would be heavy
    action: str | None = None  # Otago action (pattern) it trains, if any
    balance: bool = False
    hold_s: float = 0.0  # balance-challenge seconds of the block (R34)
    # Near-duplicates share a likeness (same pattern, laterality and prime movers: barbell and
    # dumbbell lunges); a session holds at most one of each. None: no such limit.
    likeness: str | None = None
    trim: int = 0  # sets fewer than the slot's dose (a variant that keeps a muscle under its cap)
    r9: bool = False  # a heavy squat/hinge block as R9 counts it (≤ 6 reps, RPE ≥ 8, ≥ 3 min rest)


@dataclass(frozen=True, slots=True)
class SlotRef:
    session: int
    index: int
    required: bool
    group: str | None
    candidates: tuple[Candidate, ...]
    twin_key: str | None = None  # equal keys in one session = interchangeable slots
    varied: bool = True  # counts toward MAX_WEEKLY_USES (protocol-like work repeats by design)
    priority: float = 1.0  # multiplies PENALTY_SLOT: the main lift outranks the extras
    # Slot indices of the same session of which one must be filled for this one to be (the
    # weaker side's extra needs both sides' single-leg lift, R49); () = no such condition.
    after: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    slots: tuple[SlotRef, ...]
    budgets_s: tuple[float, ...]  # per session, after fixed blocks
    adjacent: tuple[tuple[int, int], ...] = ()  # (s, t): t is the calendar day after s
    muscle_targets: dict[str, tuple[float, float]] = field(default_factory=dict)
    balance_days: int = 0
    otago_actions: int = 0
    hint: dict[tuple[int, int], str] = field(default_factory=dict)  # last mesocycle's choice
    balance_hold_s: tuple[float, ...] = ()  # per session: balance-challenge seconds wanted (R34)
    heavy_min: int = 0  # R9: heavy squat/hinge blocks the week needs (intermediate strength)


@dataclass(frozen=True, slots=True)
class Solution:
    chosen: dict[tuple[int, int], str]  # (session, slot index) → exercise id
    status: str  # optimal | feasible
    seconds: float
    objective: float | None
    unfilled: tuple[tuple[int, int], ...]  # required slots left empty
    muscle_short: dict[str, float]  # muscle → sets below target
    muscle_over: dict[str, float]  # muscle → sets above the cap
    balance_days_short: int
    otago_short: int
    hold_short_s: float = 0.0  # balance-challenge seconds below R34's share, summed
    trimmed: dict[tuple[int, int], int] = field(default_factory=dict)  # slot → sets fewer
