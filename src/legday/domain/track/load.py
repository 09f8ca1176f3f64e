"""Load monitoring on a dense athlete × day matrix: Foster session-RPE daily load, acute:chronic
ratios (rolling coupled and uncoupled, EWMA), weekly monotony and strain, and flags.

Definitions (docs/evidence/load-monitoring.md, one choice each):
- daily load = Σ over sessions (each once) of session RPE × minutes (Foster et al. 2001), for every
  day from the athlete's first to last training day; rest days are 0 (trap 1);
- rolling ACWR: acute = mean of the last 7 daily loads; chronic = mean of the last 28 (coupled) or
  of the 21 days before the acute week (uncoupled, Lolli et al. 2019); undefined until the window
  is inside the athlete's span, or when chronic = 0;
- EWMA ACWR (Williams et al. 2017): λ = 2/(N+1), N = 7 and 28; y₀ = x₀, yₜ = λxₜ + (1−λ)yₜ₋₁
  (pandas ``adjust=False``); undefined for the first 27 days and when the chronic EWMA is 0;
- monotony (Foster 1998) = mean / sample SD (ddof = 1) of the 7 daily loads of a full ISO week
  inside the span, undefined when SD = 0 (all seven equal, e.g. an all-rest week); strain =
  weekly total × monotony;
- missing data: a session without a session RPE or a length has no Foster load, which is not a
  rest day; every ratio whose 28-day window, and every monotony/strain whose week, holds such a
  day is undefined (NaN), so no flag is drawn from it; ``unrated_28d`` counts those days;
- flags: ratio < 0.8 or > 1.3 (outside the "sweet spot") and > 1.5 ("danger zone"), Gabbett 2016
  via docs/evidence/load-monitoring.md#acwr (thresholds UNVERIFIED there) — descriptive spike
  markers only, see :data:`ACWR_CRITICISM`.

Speed: one matrix for all athletes (rows partitioned by athlete, so no window borrows another
athlete's days: trap 6); rolling sums from cumulative sums; the EWMA recursion runs over days with
all athletes as one vector (docs/evidence/load-monitoring.md: numpy on a dense athlete × day matrix,
28 ms for 1,000)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from legday.domain.track.columns import SessionColumns

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

ACUTE_DAYS = 7  # docs/evidence/load-monitoring.md: acute = last 7 daily loads
CHRONIC_DAYS = 28  # docs/evidence/load-monitoring.md: chronic = last 28 daily loads
# docs/evidence/load-monitoring.md: EWMA reported as undefined for the first 27 days
EWMA_UNDEFINED_DAYS = 27
# Gabbett 2016 "sweet spot" (docs/evidence/load-monitoring.md#acwr)
SWEET_LOW, SWEET_HIGH = 0.8, 1.3
DANGER = 1.5  # Gabbett 2016 "danger zone" (docs/evidence/load-monitoring.md#acwr)

ACWR_CRITICISM = (
    "ACWR is shown as a descriptive spike indicator only, never as an injury prediction. "
    "The coupled ratio puts the acute week inside the chronic window, which creates spurious "
    "correlation (Lolli et al. 2019, Br J Sports Med 53:921–922); dividing acute load by fixed or "
    "random 'chronic' values reproduces the same injury associations, so the ratio adds nothing "
    "beyond acute load (Impellizzeri et al. 2020, Sports Med 51:581–592). The 0.8–1.3 'sweet "
    "spot' and > 1.5 'danger zone' come from Gabbett 2016 (Br J Sports Med 50:273–280)."
)


@dataclass(frozen=True)
class LoadMetrics:
    """Matrices of shape athletes × days; column 0 is ``start_day`` (a Monday), the width is a
    whole number of weeks. Outside an athlete's span every value is NaN."""

    start_day: int  # days since 1970-01-01
    first: NDArray[np.int64]  # per athlete: column of the first training day (-1: none)
    last: NDArray[np.int64]
    load: NDArray[np.float64]
    minutes: NDArray[np.float64]
    acwr_rolling: NDArray[np.float64]
    acwr_uncoupled: NDArray[np.float64]
    acwr_ewma: NDArray[np.float64]
    monotony: NDArray[np.float64]  # of the ISO week containing the day
    strain: NDArray[np.float64]
    # days with an unrated session in the 28 days ending each day (0 outside the span)
    unrated_28d: NDArray[np.float64] | None = None

    @property
    def n_days(self) -> int:
        return int(self.load.shape[1])


def ewma_lambda(n: int) -> float:
    """λ = 2 / (N + 1) (Williams et al. 2017, via docs/evidence/load-monitoring.md)."""
    return 2.0 / (n + 1)


def load_metrics(sessions: SessionColumns, n_athletes: int) -> LoadMetrics:
    import numpy as np

    from legday.domain.weeks import EPOCH_SHIFT

    if sessions.athlete.shape[0] == 0:
        e = np.zeros((n_athletes, 0))
        none = np.full(n_athletes, -1, dtype=np.int64)
        return LoadMetrics(0, none, none.copy(), e, e, e, e, e, e, e)
    day = sessions.day
    monday = int(day.min()) - (int(day.min()) + EPOCH_SHIFT) % 7
    sunday_after = int(day.max()) + (6 - (int(day.max()) + EPOCH_SHIFT) % 7)
    n_days = sunday_after - monday + 1
    col = day - monday
    per_session = np.nan_to_num(sessions.rpe * sessions.minutes)  # unrated sessions add nothing
    flat = sessions.athlete * n_days + col
    size = n_athletes * n_days
    load = np.asarray(np.bincount(flat, weights=per_session, minlength=size), np.float64)
    load = load.reshape(n_athletes, n_days)
    minutes = np.asarray(
        np.bincount(flat, weights=np.nan_to_num(sessions.minutes), minlength=size), np.float64
    ).reshape(n_athletes, n_days)

    first = np.full(n_athletes, n_days, dtype=np.int64)
    last = np.full(n_athletes, -1, dtype=np.int64)
    np.minimum.at(first, sessions.athlete, col)
    np.maximum.at(last, sessions.athlete, col)
    first[last < 0] = -1
    t = np.arange(n_days)
    inside = (t[None, :] >= first[:, None]) & (t[None, :] <= last[:, None])
    age = t[None, :] - first[:, None]  # days since the athlete's first day

    # Rolling sums from cumulative sums, with exact zeros where a window holds no training.
    csum = np.concatenate([np.zeros((n_athletes, 1)), np.cumsum(load, axis=1)], axis=1)
    ccount = np.concatenate(
        [np.zeros((n_athletes, 1), dtype=np.int64), np.cumsum(load != 0, axis=1)], axis=1
    )

    def window(width: int, lag: int = 0) -> NDArray[np.float64]:
        """Sum of the ``width`` days ending ``lag`` days before each day (NaN if not all in)."""
        end = t + 1 - lag
        start = end - width
        ok = start >= 0
        s = np.full((n_athletes, n_days), np.nan)
        s[:, ok] = csum[:, end[ok]] - csum[:, start[ok]]
        nz = np.zeros((n_athletes, n_days), dtype=bool)
        nz[:, ok] = (ccount[:, end[ok]] - ccount[:, start[ok]]) > 0
        s = np.where(nz, s, np.where(np.isnan(s), np.nan, 0.0))
        return s

    full = inside & (age >= CHRONIC_DAYS - 1)
    acute = window(ACUTE_DAYS) / ACUTE_DAYS
    chronic = window(CHRONIC_DAYS) / CHRONIC_DAYS
    chronic_before = window(CHRONIC_DAYS - ACUTE_DAYS, lag=ACUTE_DAYS) / (CHRONIC_DAYS - ACUTE_DAYS)
    with np.errstate(divide="ignore", invalid="ignore"):
        acwr = np.where(full & (chronic > 0), acute / chronic, np.nan)
        acwr_unc = np.where(full & (chronic_before > 0), acute / chronic_before, np.nan)

    ewma_a, ewma_c = _ewma(load, first, ewma_lambda(ACUTE_DAYS), ewma_lambda(CHRONIC_DAYS))
    with np.errstate(divide="ignore", invalid="ignore"):
        acwr_ewma = np.where(
            inside & (age >= EWMA_UNDEFINED_DAYS) & (ewma_c > 0), ewma_a / ewma_c, np.nan
        )

    monotony, strain = _monotony(load, inside)
    # Unrated sessions (no session RPE or no minutes) are missing data, not rest days.
    unrated_session = np.isnan(sessions.rpe) | np.isnan(sessions.minutes)
    bad = np.zeros(size, dtype=bool)
    bad[flat[unrated_session]] = True
    bad_day = bad.reshape(n_athletes, n_days)
    cbad = np.concatenate(
        [np.zeros((n_athletes, 1), dtype=np.int64), np.cumsum(bad_day, axis=1)], axis=1
    )
    lo = np.maximum(t + 1 - CHRONIC_DAYS, 0)
    unrated_28d = (cbad[:, t + 1] - cbad[:, lo]).astype(np.float64)
    gap = unrated_28d > 0
    acwr = np.where(gap, np.nan, acwr)
    acwr_unc = np.where(gap, np.nan, acwr_unc)
    acwr_ewma = np.where(gap, np.nan, acwr_ewma)
    week_bad = np.repeat(bad_day.reshape(n_athletes, n_days // 7, 7).any(axis=2), 7, axis=1)
    monotony = np.where(week_bad, np.nan, monotony)
    strain = np.where(week_bad, np.nan, strain)
    shown = np.where(inside, load, np.nan)
    return LoadMetrics(
        start_day=monday,
        first=first,
        last=last,
        load=shown,
        minutes=np.where(inside, minutes, np.nan),
        acwr_rolling=acwr,
        acwr_uncoupled=acwr_unc,
        acwr_ewma=acwr_ewma,
        monotony=monotony,
        strain=strain,
        unrated_28d=np.where(inside, unrated_28d, 0.0),
    )


def _ewma(
    load: NDArray[np.float64], first: NDArray[np.int64], lam_a: float, lam_c: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Both EWMAs, all athletes at once, each starting with y₀ = x₀ on its own first day."""
    import numpy as np

    n_ath, n_days = load.shape
    ya = np.zeros((n_ath, n_days))
    yc = np.zeros((n_ath, n_days))
    starts: dict[int, NDArray[np.int64]] = {}
    for a in np.flatnonzero(first >= 0):
        starts.setdefault(int(first[a]), np.zeros(0, dtype=np.int64))
    for c in starts:
        starts[c] = np.flatnonzero(first == c)
    prev_a = np.zeros(n_ath)
    prev_c = np.zeros(n_ath)
    keep_a, keep_c = 1.0 - lam_a, 1.0 - lam_c
    cols = np.ascontiguousarray(load.T)
    for t in range(n_days):
        x = cols[t]
        cur_a = lam_a * x + keep_a * prev_a
        cur_c = lam_c * x + keep_c * prev_c
        begin = starts.get(t)
        if begin is not None:
            cur_a[begin] = x[begin]
            cur_c[begin] = x[begin]
        ya[:, t] = cur_a
        yc[:, t] = cur_c
        prev_a, prev_c = cur_a, cur_c
    return ya, yc


def _monotony(
    load: NDArray[np.float64], inside: NDArray[np.bool_]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Foster monotony and strain per ISO week (columns start on a Monday), spread to its days."""
    import numpy as np

    n_ath, n_days = load.shape
    weeks = load.reshape(n_ath, n_days // 7, 7)
    full = inside.reshape(n_ath, n_days // 7, 7).all(axis=2)
    mean = weeks.mean(axis=2)
    sd = weeks.std(axis=2, ddof=1)
    flat = weeks.max(axis=2) == weeks.min(axis=2)  # SD exactly 0: monotony undefined (trap 7)
    ok = full & ~flat
    with np.errstate(divide="ignore", invalid="ignore"):
        mono = np.where(ok, mean / sd, np.nan)
    strain = mono * weeks.sum(axis=2)
    return np.repeat(mono, 7, axis=1), np.repeat(strain, 7, axis=1)


def flags_for(acwr: float | None, prefix: str = "acwr") -> list[str]:
    """``low`` below 0.8, ``high`` above 1.3, ``spike`` above 1.5 (Gabbett 2016)."""
    if acwr is None:
        return []
    if acwr > DANGER:
        return [f"{prefix}_spike"]
    if acwr > SWEET_HIGH:
        return [f"{prefix}_high"]
    if acwr < SWEET_LOW:
        return [f"{prefix}_low"]
    return []
