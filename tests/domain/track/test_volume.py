"""Weekly volume and e1RM: the packed-key code agrees with the plain-Python reference."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.domain.track import reference as ref
from tests.domain.track.gen import FACTS, MUSCLES, TABLE, columns, history

from legday.domain.track import volume
from legday.domain.weeks import day_number, label_of, week_index, week_label


def _check(rows: list[ref.Row], dense: bool = True) -> None:
    cols = columns(rows)
    if not dense:
        old = volume.DENSE_LIMIT
        volume.DENSE_LIMIT = 0
    try:
        ew = volume.weekly_by_exercise(cols, TABLE)
    finally:
        if not dense:
            volume.DENSE_LIMIT = old
    got = {}
    for i in range(ew.athlete.shape[0]):
        ex = int(ew.exercise[i])
        key = (
            int(ew.athlete[i]),
            week_label(int(ew.week[i])),
            None if ex == TABLE.unknown else TABLE.ids[ex],
        )
        got[key] = (ew.working_sets[i], ew.hard_sets[i], ew.tonnage[i], ew.best_e1rm[i])
    want = ref.weekly_exercise(rows)
    assert set(got) == set(want)
    for k, w in want.items():
        sets, hard, ton, e1 = got[k]
        assert sets == w["sets"] and hard == w["hard"]
        assert ton == pytest.approx(w["tonnage"], rel=1e-12, abs=1e-9)
        if w["e1rm"] is None:
            assert math.isnan(e1)
        else:
            assert e1 == pytest.approx(w["e1rm"], rel=1e-12)

    groups = volume.week_groups(ew, TABLE)
    jumps = frozenset(k for k, f in FACTS.items() if f.pattern in ("plyometric", "sprint-agility"))
    want_m = ref.weekly_muscle(rows, MUSCLES, jumps)
    got_m = {}
    for g in range(groups.athlete.shape[0]):
        for j, m in enumerate(TABLE.muscles):
            v = groups.hard_by_muscle[g, j]
            if v:
                got_m[(int(groups.athlete[g]), week_label(int(groups.week[g])), m)] = v
    assert set(got_m) == {k for k, v in want_m.items() if v}
    for k, v in want_m.items():
        if v:
            assert got_m[k] == pytest.approx(v, abs=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_agrees_with_reference(seed: int) -> None:
    _check(history(seed, athletes=3, days=120))


@pytest.mark.parametrize("seed", range(2))
def test_sparse_path_agrees_too(seed: int) -> None:
    _check(history(100 + seed, athletes=3, days=80), dense=False)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), athletes=st.integers(1, 3), days=st.integers(3, 60))
def test_property(seed: int, athletes: int, days: int) -> None:
    _check(history(seed, athletes=athletes, days=days))


def test_e1rm_uses_float_division() -> None:
    # 100 kg × 5: Epley 100 × (1 + 5/30) = 116.67, not 100 (integer 5 // 30 = 0: trap 5).
    rows = [
        ref.Row(
            athlete=0, day=date(2024, 5, 6), session=1, exercise="back-squat", load=100.0, reps=5
        )
    ]
    ew = volume.weekly_by_exercise(columns(rows), TABLE)
    assert ew.best_e1rm[0] == pytest.approx(116.6666667)


@pytest.mark.parametrize(
    ("d", "label"),
    [
        (date(2021, 1, 3), "2020-W53"),  # Sunday: still ISO 2020's 53rd week
        (date(2021, 1, 4), "2021-W01"),
        (date(2022, 1, 1), "2021-W52"),
        (date(2024, 12, 30), "2025-W01"),  # calendar 2024, ISO 2025
        (date(2026, 1, 1), "2026-W01"),
    ],
)
def test_iso_week_labels_across_year_ends(d: date, label: str) -> None:
    assert week_label(week_index(day_number(d))) == label == label_of(d)


def test_week_index_starts_on_monday() -> None:
    monday = day_number(date(2024, 1, 1))
    assert week_index(monday) == week_index(monday + 6) != week_index(monday - 1)
    assert np.int64(week_index(monday)) * 7 - 3 == monday
