"""Every athlete's tables in one pass agree with plain Python per athlete."""

from __future__ import annotations

import math

import numpy as np
import pytest
from tests.domain.track import reference as ref
from tests.domain.track.gen import FACTS, TABLE, columns, history, session_columns

from legday.domain.track.team import team_tables


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_neglect_table_matches_reference(seed: int) -> None:
    rows = history(seed, athletes=4, days=100)
    names = [f"a{i}" for i in range(4)]
    tables = team_tables(columns(rows), session_columns(rows), TABLE, names)
    neg = tables["neglect"]
    for a in range(4):
        mine = [r for r in rows if r.athlete == a]
        work = [r for r in mine if r.set_type != "warmup"]
        lower = [r for r in work if r.exercise and FACTS[r.exercise].is_lower]
        trained = {ref.iso(r.day) for r in mine}
        legs = {ref.iso(r.day) for r in lower}
        assert neg["athlete"][a] == names[a]
        assert neg["training_weeks"][a] == len(trained)
        assert neg["weeks_without_legs"][a] == len(trained - legs)
        share = len(lower) / len(work) if work else math.nan
        assert neg["lower_set_share"][a] == pytest.approx(share, nan_ok=True)


def test_daily_table_covers_each_span_once() -> None:
    rows = history(5, athletes=3, days=60)
    tables = team_tables(columns(rows), session_columns(rows), TABLE, ["x", "y", "z"])
    daily = tables["daily_load"]
    want = ref.daily_loads(rows)
    assert len(daily["athlete"]) == sum(len(s) for s in want.values())
    for a, name in enumerate(["x", "y", "z"]):
        got = daily["load"][daily["athlete"] == name]
        assert np.allclose(got, [x for _, x in want[a]], rtol=1e-12)
