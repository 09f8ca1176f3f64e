"""Exercise selection as a mixed-integer programme, solved with HiGHS
(docs/evidence/engineering.md#library-choices).

One weekly template per mesocycle: binary y[slot, exercise] says which candidate fills which slot
of which session. Hard rows: one exercise per slot, no exercise (or near-duplicate) twice in a
session, at most two
sessions a week per exercise (variety), the session's time budget, slots of one group take the
same exercise (a progression needs the same lift), and no heavy hinge the day before heavy squats.
Soft rows with penalised slack: required slots filled, weekly muscle sets inside their targets,
balance on enough days, enough Otago actions. A slack left in the optimum is reported as a
shortfall, so the planner can say which constraint to relax instead of returning a broken plan.

docs/evidence/engineering.md#solver-scale measured a one-week model of 450 choices at ~0.4 s to
optimal while a 16-week model is not proven in 10 s — hence a weekly template per mesocycle with a
time limit."""

from __future__ import annotations

import os
import time
from typing import Any

from legday.domain.plan.selection_problem import Problem, Solution

# Penalties (objective units; an exercise's score is ~10–20): a missing required slot outweighs any
# choice of exercises, a missing muscle set or balance day outweighs a better-liked exercise.
PENALTY_SLOT = 1000.0
PENALTY_SET = 60.0
PENALTY_DAY = 300.0
ACTION_BONUS = 3.0
# A set above a muscle's MRV costs more than a quarter of an unfilled slot: the ceiling wins over
# an extra accessory (R10 [RP-LAND]; legday weight).
PENALTY_OVER = 250.0
HEAVY_WEIGHT = 5.0  # R9's weekly heavy block weighs like the main lift's slot (legday)
MAX_WEEKLY_USES = 2  # variety: an exercise in at most two sessions a week (outside LP groups)
MAX_NODES = 2000  # branch-and-bound nodes; the weekly templates here close at the root node
MAX_SIMPLEX_ITERATIONS = 200_000  # a work limit for the LPs (legday; far above what they use)
MIP_GAP = (
    1e-2  # "optimal" = proven within 1 % of the best possible objective (< one exercise's score)
)


class _Model:
    def __init__(self) -> None:
        self.cost: list[float] = []
        self.lb: list[float] = []
        self.ub: list[float] = []
        self.integer: list[int] = []
        self.rows: list[tuple[float, float, list[int], list[float]]] = []

    def var(self, cost: float, ub: float = 1.0, integer: bool = True) -> int:
        self.cost.append(cost)
        self.lb.append(0.0)
        self.ub.append(ub)
        if integer:
            self.integer.append(len(self.cost) - 1)
        return len(self.cost) - 1

    def row(self, lo: float, hi: float, idx: list[int], val: list[float]) -> None:
        if idx:
            self.rows.append((lo, hi, idx, val))


def greedy_start(problem: Problem) -> dict[tuple[int, int], str]:
    """A quick feasible choice to start the search from: slots in order of importance, each
    taking its best-scored candidate that still fits the session's time, the one-per-session and
    weekly-variety rows and its group's earlier pick."""
    left = list(problem.budgets_s)
    in_session: set[tuple[int, str]] = set()
    weekly: dict[str, int] = {}
    group_pick: dict[str, str] = {}
    out: dict[tuple[int, int], str] = {}
    order = sorted(
        range(len(problem.slots)),
        key=lambda si: (-problem.slots[si].required, -problem.slots[si].priority, si),
    )
    for si in order:
        ref = problem.slots[si]
        for c in sorted(ref.candidates, key=lambda c: (-c.score, c.exercise_id)):
            if ref.group and group_pick.get(ref.group, c.exercise_id) != c.exercise_id:
                continue
            if c.seconds > left[ref.session] or (ref.session, c.exercise_id) in in_session:
                continue
            if c.likeness is not None and (ref.session, c.likeness) in in_session:
                continue
            if ref.varied and not ref.group and weekly.get(c.exercise_id, 0) >= MAX_WEEKLY_USES:
                continue
            out[ref.session, ref.index] = c.exercise_id
            left[ref.session] -= c.seconds
            in_session.add((ref.session, c.exercise_id))
            if c.likeness is not None:
                in_session.add((ref.session, c.likeness))
            if ref.varied and not ref.group:
                weekly[c.exercise_id] = weekly.get(c.exercise_id, 0) + 1
            if ref.group:
                group_pick[ref.group] = c.exercise_id
            break
    return out


def solve(problem: Problem) -> Solution:
    """Build and solve the weekly model; deterministic for the same problem (HiGHS default)."""
    import highspy
    import numpy as np

    inf = highspy.kHighsInf
    m = _Model()
    y: dict[tuple[int, int], int] = {}  # (slot position, candidate position) → column
    unfilled: dict[int, int] = {}
    for si, ref in enumerate(problem.slots):
        for ci, c in enumerate(ref.candidates):
            y[si, ci] = m.var(c.score)
        cols = [y[si, ci] for ci in range(len(ref.candidates))]
        if ref.required:
            unfilled[si] = m.var(-PENALTY_SLOT * ref.priority, integer=False)
            m.row(1.0, 1.0, [*cols, unfilled[si]], [1.0] * (len(cols) + 1))
        else:
            m.row(-inf, 1.0, cols, [1.0] * len(cols))
    n_sessions = len(problem.budgets_s)
    by_session_ex: dict[tuple[int, str], list[int]] = {}
    weekly: dict[str, list[int]] = {}
    time_rows: list[tuple[list[int], list[float]]] = [([], []) for _ in range(n_sessions)]
    heavy: dict[tuple[int, str], list[int]] = {}
    balance_cols: dict[int, list[int]] = {}
    action_cols: dict[str, list[int]] = {}
    muscle_lo: dict[str, tuple[list[int], list[float]]] = {}
    muscle_hi: dict[str, tuple[list[int], list[float]]] = {}
    for si, ref in enumerate(problem.slots):
        for ci, c in enumerate(ref.candidates):
            col = y[si, ci]
            by_session_ex.setdefault((ref.session, c.exercise_id), []).append(col)
            if ref.group is None and ref.varied:
                weekly.setdefault(c.exercise_id, []).append(col)
            time_rows[ref.session][0].append(col)
            time_rows[ref.session][1].append(c.seconds)
            if c.heavy_pattern:
                heavy.setdefault((ref.session, c.heavy_pattern), []).append(col)
            if c.balance:
                balance_cols.setdefault(ref.session, []).append(col)
            if c.action:
                action_cols.setdefault(c.action, []).append(col)
            for mus, v in c.sets_lo.items():
                acc = muscle_lo.setdefault(mus, ([], []))
                acc[0].append(col)
                acc[1].append(v)
            for mus, v in c.sets_hi.items():
                acc = muscle_hi.setdefault(mus, ([], []))
                acc[0].append(col)
                acc[1].append(v)
    for cols in by_session_ex.values():
        m.row(-inf, 1.0, cols, [1.0] * len(cols))
    alike: dict[tuple[int, str], list[int]] = {}
    for si, ref in enumerate(problem.slots):
        for ci, c in enumerate(ref.candidates):
            if c.likeness is not None:
                alike.setdefault((ref.session, c.likeness), []).append(y[si, ci])
    for cols in alike.values():
        m.row(-inf, 1.0, cols, [1.0] * len(cols))
    for cols in weekly.values():
        m.row(-inf, float(MAX_WEEKLY_USES), cols, [1.0] * len(cols))
    for s, (cols, secs) in enumerate(time_rows):
        m.row(-inf, max(0.0, problem.budgets_s[s]), cols, secs)
    hold_slack: list[int] = []
    for s, want in enumerate(problem.balance_hold_s):
        if want <= 0:
            continue
        cols_h = [
            y[si, ci]
            for si, ref in enumerate(problem.slots)
            if ref.session == s
            for ci, c in enumerate(ref.candidates)
            if c.hold_s > 0
        ]
        vals_h = [
            c.hold_s
            for ref in problem.slots
            if ref.session == s
            for c in ref.candidates
            if c.hold_s > 0
        ]
        # A minute short of the share costs a required slot (legday weight): the share
        # outranks optional extras.
        slack = m.var(-PENALTY_SLOT / 60.0, ub=want, integer=False)
        m.row(want, inf, [*cols_h, slack], [*vals_h, 1.0])
        hold_slack.append(slack)
    # Slots of one group choose the same exercise (LP continuity): y[first, e] = y[other, e].
    groups: dict[str, list[int]] = {}
    for si, ref in enumerate(problem.slots):
        if ref.group:
            groups.setdefault(ref.group, []).append(si)
    for members in groups.values():
        first = members[0]
        ids = {c.exercise_id: ci for ci, c in enumerate(problem.slots[first].candidates)}
        for other in members[1:]:
            for ci, c in enumerate(problem.slots[other].candidates):
                if c.exercise_id in ids:
                    m.row(0.0, 0.0, [y[first, ids[c.exercise_id]], y[other, ci]], [1.0, -1.0])
                else:
                    m.row(0.0, 0.0, [y[other, ci]], [1.0])
    # Interchangeable slots of one session are filled in candidate order, the later one only if
    # the earlier one is: this removes mirror-image solutions that stall the branch and bound.
    for a, b in zip(range(len(problem.slots)), range(1, len(problem.slots)), strict=False):
        ra, rb = problem.slots[a], problem.slots[b]
        if ra.twin_key is None or ra.twin_key != rb.twin_key or ra.session != rb.session:
            continue
        if [c.exercise_id for c in ra.candidates] != [c.exercise_id for c in rb.candidates]:
            continue
        n = len(ra.candidates)
        big = float(n + 1)
        ya = [y[a, ci] for ci in range(n)]
        yb = [y[b, ci] for ci in range(n)]
        # pos(b) - pos(a) >= 1 - big * (1 - filled(b))
        m.row(
            1.0 - big,
            inf,
            yb + ya,
            [ci + 1.0 - big for ci in range(n)] + [-(ci + 1.0) for ci in range(n)],
        )
        m.row(-inf, 0.0, yb + ya, [1.0] * n + [-1.0] * n)
    # A slot filled only beside one of its companions (R49: extra beside both sides' work).
    where = {(ref.session, ref.index): si for si, ref in enumerate(problem.slots)}
    for si, ref in enumerate(problem.slots):
        if not ref.after:
            continue
        mine = [y[si, ci] for ci in range(len(ref.candidates))]
        others = [
            y[sj, cj]
            for j in ref.after
            if (sj := where.get((ref.session, j))) is not None
            for cj in range(len(problem.slots[sj].candidates))
        ]
        m.row(-inf, 0.0, [*mine, *others], [1.0] * len(mine) + [-1.0] * len(others))
    # No heavy hinge the day before heavy squats (fatigue spread,
    # docs/evidence/doses.md#recovery-between-sessions / R6).
    for s, t in problem.adjacent:
        cols = heavy.get((s, "hinge"), []) + heavy.get((t, "squat"), [])
        m.row(-inf, 1.0, cols, [1.0] * len(cols))
    if problem.heavy_min > 0:
        # R9: a week of an intermediate's strength plan holds a heavy squat or hinge; missing it
        # costs as much as the main lift's slot (legday weight).
        heavy_cols = [
            y[si, ci]
            for si, ref in enumerate(problem.slots)
            for ci, c in enumerate(ref.candidates)
            if c.r9
        ]
        no_heavy = m.var(-PENALTY_SLOT * HEAVY_WEIGHT, ub=1.0, integer=False)
        m.row(float(problem.heavy_min), inf, [*heavy_cols, no_heavy], [1.0] * (len(heavy_cols) + 1))
    short: dict[str, int] = {}
    over: dict[str, int] = {}
    for mus, (lo, hi) in sorted(problem.muscle_targets.items()):
        if lo > 0:
            short[mus] = m.var(-PENALTY_SET, ub=inf, integer=False)
            cols, vals = muscle_lo.get(mus, ([], []))
            m.row(lo, inf, [*cols, short[mus]], [*vals, 1.0])
        over[mus] = m.var(-PENALTY_OVER, ub=inf, integer=False)
        cols, vals = muscle_hi.get(mus, ([], []))
        m.row(-inf, hi, [*cols, over[mus]], [*vals, -1.0])
    indicators: list[tuple[int, list[int]]] = []  # (0/1 column, the choices that can set it)
    bal_short = None
    if problem.balance_days > 0:
        day_cols: list[int] = []
        for _session, cols in sorted(balance_cols.items()):
            b = m.var(0.0)
            m.row(-inf, 0.0, [b, *cols], [1.0] + [-1.0] * len(cols))
            day_cols.append(b)
            indicators.append((b, cols))
        bal_short = m.var(-PENALTY_DAY, ub=float(problem.balance_days), integer=False)
        m.row(float(problem.balance_days), inf, [*day_cols, bal_short], [1.0] * (len(day_cols) + 1))
    act_short = None
    if problem.otago_actions > 0:
        acts: list[int] = []
        for _, cols in sorted(action_cols.items()):
            # Each muscle action held in the week earns a little: all five when the slots
            # allow, not only the required minimum [OTAGO-MAN] (legday weight, below a slot's).
            a = m.var(ACTION_BONUS)
            m.row(-inf, 0.0, [a, *cols], [1.0] + [-1.0] * len(cols))
            acts.append(a)
            indicators.append((a, cols))
        act_short = m.var(-PENALTY_DAY, ub=float(problem.otago_actions), integer=False)
        m.row(float(problem.otago_actions), inf, [*acts, act_short], [1.0] * (len(acts) + 1))

    # The core class, not highspy.Highs: its constructor prints HiGHS's banner before any option
    # can be set, and stdout must stay clean (--json) without redirecting file descriptors,
    # which would race with other threads. Output is off before the first call.
    h = highspy._core._Highs()
    h.setOptionValue("output_flag", bool(os.environ.get("LEGDAY_SOLVER_LOG")))
    h.setOptionValue("threads", 1)
    # Work limits (nodes, simplex iterations) stop the search at the same point on every run,
    # busy machine or not; a wall-clock limit would not, so none is set.
    h.setOptionValue("mip_max_nodes", MAX_NODES)
    h.setOptionValue("simplex_iteration_limit", MAX_SIMPLEX_ITERATIONS)
    h.setOptionValue("mip_rel_gap", MIP_GAP)
    n = len(m.cost)
    h.addVars(n, np.array(m.lb), np.array(m.ub))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(m.cost))
    if m.integer:
        h.changeColsIntegrality(
            len(m.integer),
            np.array(m.integer, dtype=np.int32),
            np.array([highspy.HighsVarType.kInteger] * len(m.integer)),
        )
    for row_lo, row_hi, idx, val in m.rows:
        h.addRow(row_lo, row_hi, len(idx), np.array(idx, dtype=np.int32), np.array(val, float))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    hint = problem.hint or greedy_start(problem)
    if hint:
        # Warm start from the previous mesocycle's template, or a greedy choice for the first
        # (a good incumbent from the first node); HiGHS completes the partial assignment or
        # ignores it if it does not fit.
        start_cols: list[int] = []
        start_vals: list[float] = []
        for (si, ci), col in y.items():
            ref = problem.slots[si]
            start_cols.append(col)
            hinted = hint.get((ref.session, ref.index))
            c = ref.candidates[ci]
            # The full dose of the hinted exercise (its trimmed variant shares the id).
            start_vals.append(1.0 if hinted == c.exercise_id and c.trim == 0 else 0.0)
        chosen_cols = {c for c, v in zip(start_cols, start_vals, strict=True) if v > 0.5}
        for ind, cols in indicators:
            start_cols.append(ind)
            start_vals.append(1.0 if chosen_cols & set(cols) else 0.0)
        h.setSolution(
            len(start_cols), np.array(start_cols, dtype=np.int32), np.array(start_vals, float)
        )
    t0 = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - t0
    status = h.getModelStatus()
    values: Any = h.getSolution().col_value
    has_solution = len(values) == n and h.getInfo().primal_solution_status >= 1
    if status == highspy.HighsModelStatus.kOptimal:
        label = "optimal"
    elif has_solution:
        label = "feasible"
    else:
        label = "infeasible"
    if not has_solution:
        # Every constraint has a slack, so this only happens without any incumbent by the limit.
        return Solution(
            {},
            label,
            seconds,
            None,
            tuple((r.session, r.index) for r in problem.slots if r.required),
            {},
            {},
            problem.balance_days,
            problem.otago_actions,
        )
    chosen: dict[tuple[int, int], str] = {}
    trims: dict[tuple[int, int], int] = {}
    for (si, ci), col in y.items():
        if values[col] > 0.5:
            ref = problem.slots[si]
            chosen[ref.session, ref.index] = ref.candidates[ci].exercise_id
            if ref.candidates[ci].trim:
                trims[ref.session, ref.index] = ref.candidates[ci].trim
    missing = tuple(
        (problem.slots[si].session, problem.slots[si].index)
        for si, col in unfilled.items()
        if values[col] > 0.5
    )
    return Solution(
        chosen=chosen,
        status=label,
        seconds=seconds,
        objective=float(h.getInfo().objective_function_value),
        unfilled=missing,
        muscle_short={k: round(values[c], 2) for k, c in short.items() if values[c] > 1e-6},
        muscle_over={k: round(values[c], 2) for k, c in over.items() if values[c] > 1e-6},
        balance_days_short=round(values[bal_short]) if bal_short is not None else 0,
        otago_short=round(values[act_short]) if act_short is not None else 0,
        hold_short_s=round(sum(values[c] for c in hold_slack), 1),
        trimmed=trims,
    )
