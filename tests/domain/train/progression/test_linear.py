"""Linear progression, checked against histories worked by hand from
docs/evidence/doses.md#linear-progression (SL5X5: +2.5 kg on success, repeat on failure, −10 % after
3 failures). Loads on a 20 kg bar with
1.25 kg plates, i.e. a 2.5 kg grid from 20 kg."""

from __future__ import annotations

from tests.domain.train.progression.histories import hist, sess

from legday.domain.train.progression import RuleParams, Scheme, StepLoading
from legday.domain.train.progression.linear import next_linear

BAR = StepLoading(base_kg=20.0, step_kg=2.5)
P = RuleParams()
S = Scheme(sets=3, reps=5)


def five(load: float, *reps: int):
    return tuple((load, r) for r in reps)


def loads(p) -> list[float | None]:
    return [t.load_kg for t in p.sets]


def test_success_adds_the_increment() -> None:
    p = next_linear(hist([sess(0, *five(100, 5, 5, 5))], S), P, BAR)
    assert loads(p) == [102.5] * 3
    assert [t.reps for t in p.sets] == [5, 5, 5]
    assert p.why.startswith("+2.5 kg: all 3 sets of 5 at 100 kg")


def test_failure_repeats_and_counts() -> None:
    h = hist([sess(0, *five(100, 5, 5, 5)), sess(2, *five(102.5, 5, 5, 4))], S)
    p = next_linear(h, P, BAR)
    assert loads(p) == [102.5] * 3
    assert "failure 1 of 3" in p.why and "set 3: 4/5" in p.why


def test_three_failures_deload_ten_percent_then_climb_again() -> None:
    fails = [sess(d, *five(102.5, 5, 4, 4)) for d in (2, 4, 7)]
    h = hist([sess(0, *five(100, 5, 5, 5)), *fails], S)
    p = next_linear(h, P, BAR)
    # 102.5 × 0.9 = 92.25 → 90 on the 2.5 kg grid
    assert loads(p) == [90.0] * 3 and p.deload and p.stalled
    after = hist([*h.sessions, sess(9, *five(90, 5, 5, 5))], S)
    assert loads(next_linear(after, P, BAR)) == [92.5] * 3


def test_two_failures_then_success_resets_the_counter() -> None:
    h = hist(
        [
            sess(0, *five(100, 5, 5, 5)),
            sess(2, *five(102.5, 5, 5, 3)),
            sess(4, *five(102.5, 5, 5, 4)),
            sess(7, *five(102.5, 5, 5, 5)),  # success: 105 next
            sess(9, *five(105, 5, 4, 4)),  # a single failure, not the third
        ],
        S,
    )
    p = next_linear(h, P, BAR)
    assert loads(p) == [105.0] * 3 and not p.deload


def test_failed_session_after_success_does_not_reset_progress() -> None:
    h = hist([sess(0, *five(100, 5, 5, 5)), sess(2, *five(102.5, 5, 5, 2))], S)
    assert loads(next_linear(h, P, BAR)) == [102.5] * 3  # not back to 100


def test_more_reps_at_a_lighter_load_is_not_a_success() -> None:
    # prescribed 102.5 after the success; the athlete did 95 × 8 × 3 instead
    h = hist([sess(0, *five(100, 5, 5, 5)), sess(2, *five(95, 8, 8, 8))], S)
    p = next_linear(h, P, BAR)
    assert loads(p) == [102.5] * 3
    assert "95 kg was below the prescribed 102.5 kg" in p.why


def test_partial_session_fewer_sets() -> None:
    h = hist([sess(0, *five(100, 5, 5, 5)), sess(2, *five(102.5, 5, 5))], S)
    p = next_linear(h, P, BAR)
    assert loads(p) == [102.5] * 3 and "only 2 of 3 sets" in p.why


def test_return_after_a_break() -> None:
    base = [sess(0, *five(100, 5, 5, 5))]  # next would be 102.5
    short = next_linear(hist(base, S, today=20), P, BAR)
    assert loads(short) == [90.0] * 3  # 102.5 × 0.9 = 92.25 → 90
    assert "20 days away" in short.why
    long = next_linear(hist(base, S, today=30), P, BAR)
    assert loads(long) == [80.0] * 3  # 102.5 × 0.8 = 82 → 80
    near = next_linear(hist(base, S, today=10), P, BAR)
    assert loads(near) == [102.5] * 3


def test_break_inside_the_history_lowers_then_progresses() -> None:
    h = hist([sess(0, *five(100, 5, 5, 5)), sess(25, *five(90, 5, 5, 5))], S)
    # 102.5 → break (25 d) 90 → success → 92.5
    assert loads(next_linear(h, P, BAR)) == [92.5] * 3


def test_hinge_takes_the_deadlift_increment() -> None:
    h = hist([sess(0, *five(100, 5, 5, 5))], S, pattern="hinge")
    assert loads(next_linear(h, P, BAR)) == [105.0] * 3


def test_an_increment_below_the_plate_step_still_progresses() -> None:
    p = RuleParams(values={"linear.increment_kg": 1.0})
    h = hist([sess(0, *five(100, 5, 5, 5))], S)
    assert loads(next_linear(h, p, BAR)) == [102.5] * 3


def test_user_override_of_the_increment() -> None:
    p = RuleParams(values={"linear.increment_kg": 5.0})
    assert loads(next_linear(hist([sess(0, *five(100, 5, 5, 5))], S), p, BAR)) == [105.0] * 3


def test_heavier_than_prescribed_success_builds_on_what_was_lifted() -> None:
    h = hist([sess(0, *five(100, 5, 5, 5)), sess(2, *five(110, 5, 5, 5))], S)
    p = next_linear(h, P, BAR)
    assert loads(p) == [112.5] * 3 and p.why.startswith("+2.5 kg: all 3 sets of 5 at 110 kg")


def test_pounds_speak_pounds() -> None:
    lb = 0.45359237
    grid = StepLoading(base_kg=45 * lb, step_kg=5 * lb)
    p = RuleParams(values={"linear.increment_kg": 5 * lb}, unit="lb")
    h = hist([sess(0, *five(225 * lb, 5, 5, 5))], S)
    out = next_linear(h, p, grid)
    assert abs((out.sets[0].load_kg or 0) / lb - 230) < 1e-3
    assert out.why.startswith("+5 lb: all 3 sets of 5 at 225 lb")


def test_no_history() -> None:
    p = next_linear(hist([], S), P, BAR)
    assert loads(p) == [None] * 3 and "no history" in p.why
