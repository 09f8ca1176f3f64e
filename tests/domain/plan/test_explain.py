"""`plan why`: names resolve to the plan's exercise ids; the answer carries the dose's rule and
source, the weeks it appears in, and why the solver could use it."""

from __future__ import annotations

from datetime import date

import pytest

from legday.domain.catalog import load
from legday.domain.errors import NotFound
from legday.domain.plan.explain import explain, resolve
from legday.domain.plan.generate import Inputs, generate
from legday.domain.plan.profile import Signals, build_profile
from legday.domain.records import AthleteInfo

CAT = load()
EXS = {e.id: e for e in CAT}


def _plan():  # type: ignore[no-untyped-def]
    p = build_profile(
        AthleteInfo("T", age_years=20, level="beginner"),
        [
            {
                "goals": "strength",
                "days": 3,
                "minutes": 60,
                "weeks": 4,
                "equipment": "dumbbell,bench",
            }
        ],
        date(2026, 11, 24),
    )
    return generate(Inputs(p, Signals(), "T", {}), CAT.all())


def test_resolve_by_id_name_or_alias() -> None:
    plan = _plan()
    eid = next(b.exercise_id for b in plan.weeks[0].sessions[0].blocks if b.kind == "strength")
    ex = EXS[eid]
    assert resolve(eid, plan, EXS) == eid
    assert resolve(ex.name.upper(), plan, EXS) == eid
    if ex.aliases:
        assert resolve(ex.aliases[0], plan, EXS) == eid
    with pytest.raises(NotFound) as e:
        resolve("zercher carry", plan, EXS)
    assert "the plan has" in (e.value.hint or "")


def test_unknown_name_accounts_for_every_exercise_in_the_plan() -> None:
    # A plan's exercise list can be longer than the hint shows; what is left out is counted, so
    # the user knows to look further (`plan show`) instead of taking the list as complete.
    plan = _plan()
    ids = {b.routine or b.exercise_id for w in plan.weeks for s in w.sessions for b in s.blocks}
    assert len(ids) > 8  # long enough to need the count
    with pytest.raises(NotFound) as e:
        resolve("zercher carry", plan, EXS)
    hint = e.value.hint or ""
    named = {i for i in ids if i in hint.replace(",", " ").split()}
    assert f"and {len(ids) - len(named)} more" in hint and "{plan_exercises}" in hint


def test_explain_main_lift() -> None:
    plan = _plan()
    main = next(b for b in plan.weeks[0].sessions[0].blocks if b.progression == "linear")
    out = explain(plan, main.exercise_id, EXS)
    assert out["weeks"] == [1, 2, 3, 4]
    assert any("SL5X5" in (u["why"] or "") for u in out["uses"])
    assert any("matching your goal(s) strength" in r for r in out["reasons"])
    assert any(s.startswith("SL5X5 — ") for s in out["sources"])
