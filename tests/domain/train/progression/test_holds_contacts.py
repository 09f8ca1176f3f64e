"""Holds (time, support level) and plyometric contacts, worked by hand from
docs/evidence/doses.md#holds-balance-and-plyometric-progressions: +5 s a week up to 60 s then a
harder level/variant; +2 contacts a set a week within the cap."""

from __future__ import annotations

from tests.domain.train.progression.histories import hist, sess

from legday.domain.train.progression import RuleParams, Scheme, SetPerformance, StepLoading
from legday.domain.train.progression.contacts import next_contacts
from legday.domain.train.progression.holds import next_hold

NONE = StepLoading()
P = RuleParams()


def held(n: int, *secs: float):
    return sess(n, *(SetPerformance(seconds=s) for s in secs))


def jumped(n: int, *contacts: int):
    return sess(n, *(SetPerformance(contacts=c) for c in contacts))


def secs(p) -> list[float | None]:
    return [t.seconds for t in p.sets]


HOLD = Scheme(sets=2)


def test_hold_success_adds_five_seconds_once_a_week() -> None:
    assert secs(next_hold(hist([held(0, 30, 30)], HOLD), P, NONE)) == [35, 35]
    two = hist([held(0, 30, 30), held(3, 35, 35)], HOLD)
    assert secs(next_hold(two, P, NONE)) == [35, 35]  # 3 days after the last step: hold
    week = hist([held(0, 30, 30), held(3, 35, 35), held(7, 35, 36)], HOLD)
    assert secs(next_hold(week, P, NONE)) == [40, 40]


def test_hold_partial_repeats_and_three_misses_step_back() -> None:
    base = [held(0, 35, 35)]  # → 40
    one = hist([*base, held(7, 40, 32)], HOLD)
    p = next_hold(one, P, NONE)
    assert secs(p) == [40, 40] and "miss 1 of 3" in p.why
    three = hist([*base, held(7, 40, 32), held(9, 38, 40), held(11, 30, 30)], HOLD)
    q = next_hold(three, P, NONE)
    assert secs(q) == [35, 35] and q.stalled


def test_hold_at_the_top_moves_up_a_support_level() -> None:
    h = hist([held(0, 60, 60)], Scheme(sets=2, seconds=60, level=1))
    p = next_hold(h, P, NONE)
    assert secs(p) == [20, 20] and p.sets[0].level == 2
    assert "one hand" in p.why


def test_hold_at_the_top_switches_to_the_harder_variant() -> None:
    h = hist([held(0, 60, 61)], Scheme(sets=2, seconds=60), harder="side-plank")
    p = next_hold(h, P, NONE)
    assert p.switch_to == "side-plank" and secs(p) == [20, 20]


def test_hold_after_a_break() -> None:
    p = next_hold(hist([held(0, 35, 35)], HOLD, today=20), P, NONE)
    assert secs(p) == [35, 35]  # 40 × 0.9 = 36 → 35 (5 s steps)


def test_hold_without_history_starts_from_the_plan() -> None:
    assert secs(next_hold(hist([], Scheme(sets=3, seconds=25)), P, NONE)) == [25, 25, 25]


JUMP = Scheme(sets=3, contacts=5)


def per_set(p) -> list[int | None]:
    return [t.contacts for t in p.sets]


def test_contacts_rise_two_a_set_after_a_complete_week() -> None:
    assert per_set(next_contacts(hist([jumped(0, 5, 5, 5)], JUMP), P, NONE)) == [7, 7, 7]
    same_week = hist([jumped(0, 5, 5, 5), jumped(2, 7, 7, 7)], JUMP)
    assert per_set(next_contacts(same_week, P, NONE)) == [7, 7, 7]


def test_contacts_short_sessions_repeat_then_step_back() -> None:
    base = [jumped(0, 5, 5, 5)]  # → 7
    one = next_contacts(hist([*base, jumped(7, 7, 7, 4)], JUMP), P, NONE)
    assert per_set(one) == [7, 7, 7]
    misses = [jumped(7, 7, 7, 4), jumped(9, 7, 6, 6), jumped(11, 5, 5, 5)]
    three = next_contacts(hist([*base, *misses], JUMP), P, NONE)
    assert per_set(three) == [5, 5, 5] and three.stalled


def test_contacts_stay_within_the_session_cap() -> None:
    scheme = Scheme(sets=3, contacts=32)
    p = next_contacts(hist([jumped(0, 32, 32, 32)], scheme), P, NONE)
    assert per_set(p) == [32, 32, 32]  # 3 × 34 = 102 > 100 (novice cap)
    adv = RuleParams(values={"contacts.cap": 140})
    assert per_set(next_contacts(hist([jumped(0, 32, 32, 32)], scheme), adv, NONE)) == [34] * 3
    q = next_contacts(hist([jumped(0, 32, 32, 32)], scheme, harder="box-jump"), P, NONE)
    assert q.switch_to == "box-jump"


def test_contacts_after_a_break() -> None:
    p = next_contacts(hist([jumped(0, 10, 10, 10)], Scheme(sets=3, contacts=10), today=30), P, NONE)
    assert per_set(p) == [9, 9, 9]  # 12 × 0.8 = 9.6 → 9
