"""Guideline days and plyometric contacts agree with the plain-Python reference."""

from __future__ import annotations

import pytest
from tests.domain.track import reference as ref
from tests.domain.track.gen import FACTS, TABLE, columns, history

from legday.domain.track import guidelines, symmetry
from legday.domain.weeks import day_number, week_label


@pytest.mark.parametrize("seed", range(4))
def test_weekly_days(seed: int) -> None:
    rows = history(seed, athletes=1, days=120)
    days = sorted({day_number(r.day) for r in rows})
    got = guidelines.weekly_days(columns(rows), TABLE, days, days[0], days[-1])
    want = ref.weekly_days(rows, {k: (f.pattern, f.is_lower) for k, f in FACTS.items()})
    for w in got:
        counts = (
            w["training_days"],
            w["strength_days"],
            w["lower_strength_days"],
            w["balance_days"],
        )
        assert counts == want.get(w["week"], (0, 0, 0, 0))
    assert {w["week"] for w in got} >= set(want)


@pytest.mark.parametrize("seed", range(4))
def test_contacts(seed: int) -> None:
    rows = history(seed, athletes=1, days=120)
    got = {week_label(w): v for w, v in symmetry.contacts_per_week(columns(rows), TABLE).items()}
    per_rep = {k: f.contacts_per_rep for k, f in FACTS.items() if f.contacts_per_rep}
    assert got == pytest.approx(ref.contacts(rows, per_rep))


@pytest.mark.parametrize("seed", range(4))
def test_unilateral_symmetry(seed: int) -> None:
    rows = history(seed, athletes=1, days=120)
    got = {(r["week"], r["exercise_id"]): r["lsi"]
           for r in symmetry.unilateral_symmetry(columns(rows), TABLE)}  # fmt: skip
    assert got == pytest.approx(ref.unilateral(rows))
