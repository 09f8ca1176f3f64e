"""`next` never prescribes a warm-up heavier than the work sets it prepares (issue 13 item 2)."""

from __future__ import annotations

from legday.domain.train.prescription import SessionItem, cap_warmups
from legday.domain.train.progression import Prescription, SetTarget, StepLoading

BAR = StepLoading(base_kg=20.0, step_kg=2.5)  # a 20 kg bar with 1.25 kg plates a side


def _item(kind: str, loads: list[float | None]) -> SessionItem:
    sets = tuple(SetTarget(load_kg=x, reps=5) for x in loads)
    p = Prescription("back-squat", "repeat" if kind == "warmup" else "linear", sets, "why")
    return SessionItem("back-squat", "Back Squat", kind, p.rule, p, 120, (None,) * len(sets), 2.5)


def test_a_warmup_at_or_above_the_work_load_comes_down_to_the_ramp_top() -> None:
    # a deload week: the work comes down to 90 kg while the warm-up block repeats last week's 100
    warm = _item("warmup", [60.0, 100.0])
    work = _item("strength", [90.0, 90.0, 90.0])
    out = cap_warmups([warm, work], {"back-squat": BAR})
    # 80 % of 90 = 72 → 72.5 is above it, so 70 on a 2.5 kg grid; 60 stays
    assert [t.load_kg for t in out[0].prescription.sets] == [60.0, 70.0]
    assert out[1] == work
    assert "below the work sets" in out[0].prescription.notes[-1]


def test_a_lighter_warmup_and_other_exercises_are_left_alone() -> None:
    warm = _item("warmup", [40.0, 60.0])
    work = _item("strength", [90.0])
    assert cap_warmups([warm, work], {"back-squat": BAR}) == (warm, work)
    lone = _item("warmup", [100.0])  # no work sets of this exercise in the session: no cap
    assert cap_warmups([lone], {"back-squat": BAR}) == (lone,)


def test_an_effort_lift_s_ramp_takes_its_share_of_the_work_weight() -> None:
    from legday.domain.train.prescription import ramp_warmups

    ramp = [_item("warmup", [None]) for _ in range(3)]
    work = _item("strength", [82.5, 82.5, 82.5])
    shares = {0: 0.4, 1: 0.6, 2: 0.8}
    out = ramp_warmups([*ramp, work], shares, {"back-squat": BAR})
    # 33, 49.5 and 66 kg, rounded down to what a 20 kg bar with 1.25 kg plates builds
    assert [o.prescription.sets[0].load_kg for o in out[:3]] == [32.5, 47.5, 65.0]
    assert all(o.prescription.sets[0].load_kg < 82.5 for o in out[:3])
    assert out[3] == work and "40% of the work weight" in out[0].prescription.why
    # nothing logged yet: no work load to take a share of, and it says so
    lone = ramp_warmups([ramp[0]], {0: 0.4}, {"back-squat": BAR})
    assert lone[0].prescription.sets[0].load_kg is None
    assert "weight you choose for the work sets" in lone[0].prescription.why
