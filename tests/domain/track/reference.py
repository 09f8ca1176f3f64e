"""Slow, obviously correct reference implementations of the track analytics, written straight from
the definitions in docs/evidence/load-monitoring.md with plain Python: dates from ``datetime``, ISO
weeks from ``date.isocalendar()``, sums with loops, ``statistics`` for the standard deviation.

They never import the fast code. The tests compare both on generated histories.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Row:
    """One set as a flat export has it: the session's fields repeated on every row."""

    athlete: int
    day: date
    session: int
    exercise: str | None
    set_type: str = "working"
    load: float | None = None
    reps: int | None = None
    rpe: float | None = None
    rir: float | None = None
    basis: str = "external"
    side: str = "both"
    contacts: int | None = None
    minutes: float | None = None
    session_rpe: float | None = None


def iso(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def is_hard(r: Row) -> bool:
    if r.set_type == "warmup":
        return False
    if r.rpe is not None:
        return r.rpe >= 7
    if r.rir is not None:
        return r.rir <= 3
    return True


def daily_loads(rows: list[Row]) -> dict[int, list[tuple[date, float]]]:
    """athlete → [(day, load)] for every day from the first to the last session, rest days 0."""
    seen: set[int] = set()
    per_day: dict[int, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    days: dict[int, list[date]] = defaultdict(list)
    for r in rows:
        days[r.athlete].append(r.day)
        if r.session in seen:
            continue
        seen.add(r.session)
        if r.session_rpe is not None and r.minutes is not None:
            per_day[r.athlete][r.day] += r.session_rpe * r.minutes
    out: dict[int, list[tuple[date, float]]] = {}
    for a, ds in days.items():
        d, last = min(ds), max(ds)
        series = []
        while d <= last:
            series.append((d, per_day[a].get(d, 0.0)))
            d += timedelta(days=1)
        out[a] = series
    return out


def unrated_days(rows: list[Row]) -> dict[int, set[date]]:
    """Per athlete: days with a session lacking a session RPE or a length (missing data)."""
    out: dict[int, set[date]] = defaultdict(set)
    for r in rows:
        if r.session_rpe is None or r.minutes is None:
            out[r.athlete].add(r.day)
    return out


def rolling_acwr(loads: list[float]) -> tuple[list[float | None], list[float | None]]:
    """Coupled and uncoupled rolling ACWR for each day of one athlete's series."""
    coupled: list[float | None] = []
    uncoupled: list[float | None] = []
    for i in range(len(loads)):
        if i < 27:
            coupled.append(None)
            uncoupled.append(None)
            continue
        acute = sum(loads[i - 6 : i + 1]) / 7
        chronic = sum(loads[i - 27 : i + 1]) / 28
        before = sum(loads[i - 27 : i - 6]) / 21
        coupled.append(acute / chronic if chronic != 0 else None)
        uncoupled.append(acute / before if before != 0 else None)
    return coupled, uncoupled


def ewma_acwr(loads: list[float]) -> list[float | None]:
    la, lc = 2 / (7 + 1), 2 / (28 + 1)
    out: list[float | None] = []
    ya = yc = 0.0
    for i, x in enumerate(loads):
        if i == 0:
            ya = yc = x
        else:
            ya = la * x + (1 - la) * ya
            yc = lc * x + (1 - lc) * yc
        out.append(ya / yc if i >= 27 and yc != 0 else None)
    return out


def monotony(series: list[tuple[date, float]]) -> dict[str, tuple[float | None, float | None]]:
    """ISO week → (monotony, strain) for weeks whose 7 days all lie in the series."""
    weeks: dict[str, list[float]] = defaultdict(list)
    for d, x in series:
        weeks[iso(d)].append(x)
    out: dict[str, tuple[float | None, float | None]] = {}
    for w, xs in weeks.items():
        if len(xs) != 7:
            continue
        sd = statistics.stdev(xs)
        if sd == 0:
            out[w] = (None, None)
        else:
            m = statistics.mean(xs) / sd
            out[w] = (m, m * sum(xs))
    return out


def weekly_exercise(rows: list[Row]) -> dict[tuple[int, str, str | None], dict[str, float | None]]:
    """(athlete, ISO week, exercise) → working sets, hard sets, tonnage, best e1RM."""
    out: dict[tuple[int, str, str | None], dict[str, float | None]] = {}
    for r in rows:
        if r.set_type == "warmup":
            continue
        k = (r.athlete, iso(r.day), r.exercise)
        cell = out.setdefault(k, {"sets": 0.0, "hard": 0.0, "tonnage": 0.0, "e1rm": None})
        cell["sets"] = (cell["sets"] or 0.0) + 1
        if is_hard(r):
            cell["hard"] = (cell["hard"] or 0.0) + 1
        if r.basis == "external" and r.load is not None and r.reps is not None:
            cell["tonnage"] = (cell["tonnage"] or 0.0) + r.load * r.reps
            if r.load > 0 and 1 <= r.reps <= 10:
                e = r.load * (1 + r.reps / 30)
                best = cell["e1rm"]
                cell["e1rm"] = e if best is None else max(best, e)
    return out


def weekly_muscle(
    rows: list[Row],
    muscles: dict[str | None, list[tuple[str, float]]],
    ballistic: frozenset[str] = frozenset(),
) -> dict[tuple[int, str, str], float]:
    """(athlete, ISO week, muscle) → weighted hard sets; jumps and sprints (``ballistic`` ids)
    are not hard sets of any muscle."""
    out: dict[tuple[int, str, str], float] = defaultdict(float)
    for r in rows:
        if not is_hard(r) or r.exercise in ballistic:
            continue
        for m, w in muscles.get(r.exercise, [("unknown", 1.0)]):
            out[(r.athlete, iso(r.day), m)] += w
    return dict(out)


def weekly_days(
    rows: list[Row], facts: dict[str, tuple[str, bool]]
) -> dict[str, tuple[int, int, int, int]]:
    """ISO week → (training days, strengthening days, lower-body strengthening days, balance
    days) for one athlete; ``facts`` maps exercise → (pattern, is_lower)."""
    days: dict[str, list[set[date]]] = defaultdict(lambda: [set(), set(), set(), set()])
    for r in rows:
        w = days[iso(r.day)]
        w[0].add(r.day)
        pattern, lower = facts.get(r.exercise or "", ("other", False))
        if is_hard(r) and pattern not in ("balance", "mobility"):
            w[1].add(r.day)
            if lower:
                w[2].add(r.day)
        if r.set_type != "warmup" and pattern == "balance":
            w[3].add(r.day)
    return {k: (len(a), len(b), len(c), len(d)) for k, (a, b, c, d) in days.items()}


def contacts(rows: list[Row], per_rep: dict[str, int]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for r in rows:
        if r.set_type == "warmup":
            continue
        if r.contacts is not None:
            out[iso(r.day)] += r.contacts
        elif r.reps is not None and per_rep.get(r.exercise or ""):
            out[iso(r.day)] += r.reps * per_rep[r.exercise or ""]
    return {k: v for k, v in out.items() if v > 0}


def unilateral(rows: list[Row]) -> dict[tuple[str, str | None], float]:
    """(ISO week, exercise) → LSI % = weaker / stronger side: best Epley e1RM per side when both
    sides have one, else total reps per side."""
    sides: dict[tuple[str, str | None], dict[str, list[float]]] = {}
    for r in rows:
        if r.set_type == "warmup" or r.side not in ("left", "right"):
            continue
        s = sides.setdefault((iso(r.day), r.exercise), {"left": [0.0, 0.0], "right": [0.0, 0.0]})
        cell = s[r.side]
        if r.basis == "external" and r.load and r.load > 0 and r.reps and 1 <= r.reps <= 10:
            cell[0] = max(cell[0], r.load * (1 + r.reps / 30))
        if r.reps is not None:
            cell[1] += r.reps
    out = {}
    for k, s in sides.items():
        (le, lr), (re_, rr) = s["left"], s["right"]
        if le > 0 and re_ > 0:
            out[k] = min(le, re_) / max(le, re_) * 100
        elif lr > 0 and rr > 0:
            out[k] = min(lr, rr) / max(lr, rr) * 100
    return out
