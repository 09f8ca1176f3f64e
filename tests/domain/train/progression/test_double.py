"""Double progression, checked against histories worked by hand from
docs/evidence/doses.md#double-progression (range 8–12, 3 sets, +2.5 kg only when every set reached
12; the lowest set(s) gain a rep otherwise). Loads on a 2.5 kg grid."""

from __future__ import annotations

from tests.domain.train.progression.histories import hist, sess

from legday.domain.train.progression import RuleParams, Scheme, StepLoading
from legday.domain.train.progression.double import next_double, next_targets

GRID = StepLoading(base_kg=0.0, step_kg=2.5)
P = RuleParams()
S = Scheme(sets=3, rep_min=8, rep_max=12)


def at(load: float, *reps: int) -> tuple[tuple[float, int], ...]:
    return tuple((load, r) for r in reps)


def shape(p) -> tuple[list[float | None], list[int | None]]:
    return [t.load_kg for t in p.sets], [t.reps for t in p.sets]


def test_every_set_at_the_top_adds_load_and_restarts_reps() -> None:
    p = next_double(hist([sess(0, *at(60, 12, 12, 12))], S), P, GRID)
    assert shape(p) == ([62.5] * 3, [8, 8, 8])
    assert p.why.startswith("+2.5 kg: all 3 sets reached 12 at 60 kg last time")


def test_no_load_before_every_set_reaches_the_top() -> None:
    p = next_double(hist([sess(0, *at(60, 12, 12, 11))], S), P, GRID)
    assert shape(p) == ([60.0] * 3, [12, 12, 12])


def test_bottom_of_the_range_is_not_the_gate() -> None:
    # openGym#278: weight added after 3 × 8 in an 8–12 range — must not happen
    p = next_double(hist([sess(0, *at(60, 8, 8, 8))], S), P, GRID)
    assert shape(p) == ([60.0] * 3, [9, 9, 9])


def test_lowest_sets_gain_a_rep() -> None:
    assert next_targets([8, 8, 8], [11, 10, 9], 8, 12) == [11, 10, 10]
    assert next_targets([8, 8, 8], [10, 9, 9], 8, 12) == [10, 10, 10]
    assert next_targets([8, 8, 8], [12, 12, 12], 8, 12) == [12, 12, 12]  # capped at the top


def test_reps_rising_while_the_load_fell_does_not_progress() -> None:
    h = hist([sess(0, *at(60, 10, 10, 10)), sess(3, *at(55, 12, 12, 12))], S)
    p = next_double(h, P, GRID)
    assert shape(p) == ([60.0] * 3, [11, 11, 11])
    assert "55 kg was below the prescribed 60 kg" in p.why


def test_a_failed_set_after_a_successful_session_keeps_progress() -> None:
    h = hist(
        [
            sess(0, *at(60, 12, 12, 12)),  # → 62.5 × 8
            sess(3, *at(62.5, 10, 9, 9)),  # → targets 10, 10, 10
            sess(5, *at(62.5, 10, 10, 6)),  # a bad set: below the range
        ],
        S,
    )
    p = next_double(h, P, GRID)
    assert shape(p) == ([62.5] * 3, [10, 10, 10])  # neither load nor targets reset
    assert "set 3 fell below 8" in p.why


def test_three_sessions_without_more_reps_deload() -> None:
    h = hist(
        [
            sess(0, *at(62.5, 10, 9, 9)),  # best 28
            sess(3, *at(62.5, 10, 9, 9)),  # 28: flat 1
            sess(5, *at(62.5, 9, 9, 9)),  # 27: flat 2
            sess(7, *at(62.5, 10, 9, 8)),  # 27: flat 3 → deload
        ],
        S,
    )
    p = next_double(h, P, GRID)
    # 62.5 × 0.9 = 56.25 → 55 on the 2.5 kg grid; reps back to the bottom
    assert shape(p) == ([55.0] * 3, [8, 8, 8]) and p.deload and p.stalled


def test_progress_in_reps_is_not_a_stall() -> None:
    h = hist(
        [sess(d, *at(60, 9 + i, 9 + i, 9)) for i, d in enumerate((0, 2, 4, 7))],
        S,
    )
    p = next_double(h, P, GRID)
    assert shape(p)[0] == [60.0] * 3 and not p.deload


def test_return_after_a_break() -> None:
    base = [sess(0, *at(60, 10, 10, 10))]
    p = next_double(hist(base, S, today=30), P, GRID)
    assert shape(p) == ([47.5] * 3, [8, 8, 8])  # 60 × 0.8 = 48 → 47.5
    q = next_double(hist(base, S, today=16), P, GRID)
    assert shape(q) == ([52.5] * 3, [8, 8, 8])  # 60 × 0.9 = 54 → 52.5


def test_isolation_exercises_use_the_small_increment() -> None:
    h = hist([sess(0, *at(30, 12, 12, 12))], S, pattern="knee-extension")
    p = next_double(h, P, StepLoading(0.0, 1.0))
    assert shape(p) == ([31.0] * 3, [8, 8, 8])


def test_plan_rep_range_is_used() -> None:
    h = hist([sess(0, *at(40, 15, 15))], Scheme(sets=2, rep_min=10, rep_max=15))
    assert shape(next_double(h, P, GRID)) == ([42.5] * 2, [10, 10])


def test_body_weight_work_climbs_reps_then_moves_to_the_harder_variant() -> None:
    def bw(n: int, *reps: int):
        return sess(n, *((None, r) for r in reps))

    h = hist([bw(0, 10, 9, 9)], S, harder="bulgarian-split-squat")
    assert shape(next_double(h, P, GRID)) == ([None] * 3, [10, 10, 10])
    top = hist([bw(0, 12, 12, 12)], S, harder="bulgarian-split-squat")
    p = next_double(top, P, GRID)
    assert p.switch_to == "bulgarian-split-squat" and shape(p) == ([None] * 3, [8, 8, 8])
    plain = next_double(hist([bw(0, 12, 12, 12)], S), P, GRID)
    assert shape(plain) == ([None] * 3, [12, 12, 12]) and "add a load" in plain.why


def test_body_weight_without_history_and_after_a_break() -> None:
    fresh = next_double(hist([], S, bodyweight=True), P, GRID)
    assert shape(fresh) == ([None] * 3, [8, 8, 8]) and "8 reps a set" in fresh.why
    back = next_double(hist([sess(0, (None, 11), (None, 10), (None, 10))], S, today=20), P, GRID)
    assert shape(back) == ([None] * 3, [8, 8, 8]) and back.why.startswith("20 days away")


def test_heavier_than_prescribed_success_is_described_from_what_was_lifted() -> None:
    h = hist([sess(0, *at(60, 10, 10, 10)), sess(2, *at(70, 12, 12, 12))], S)
    p = next_double(h, P, GRID)
    assert shape(p) == ([72.5] * 3, [8, 8, 8])
    assert p.why.startswith("+2.5 kg: all 3 sets reached 12 at 70 kg")
