"""5/3/1 waves, worked by hand from docs/evidence/doses.md#percentage-waves-531 [W531]. Seed: 100 ×
5 → Epley e1RM 100 × (1 + 5/30) = 116.67 → TM = 0.9 × 116.67 = 105. Loads on a 2.5 kg grid from a 20
kg bar."""

from __future__ import annotations

from tests.domain.train.progression.histories import hist, sess

from legday.domain.train.progression import RuleParams, Scheme, StepLoading
from legday.domain.train.progression.waves import next_wave

BAR = StepLoading(base_kg=20.0, step_kg=2.5)
P = RuleParams()
S = Scheme(sets=3)
SEED = sess(0, (100, 5))


def wave_session(n: int, loads: tuple[float, float, float], reps: tuple[int, int, int]):
    return sess(n, *zip(loads, reps, strict=True))


def shape(p) -> list[tuple[float | None, int | None, bool]]:
    return [(t.load_kg, t.reps, t.amrap) for t in p.sets]


def test_week_one_from_the_seed() -> None:
    p = next_wave(hist([SEED], S), P, BAR)
    # 105 × 0.65 = 68.25 → 67.5; × 0.75 = 78.75 → 77.5; × 0.85 = 89.25 → 87.5 (5+)
    assert shape(p) == [(67.5, 5, False), (77.5, 5, False), (87.5, 5, True)]
    assert "TM 105 kg" in p.why


def test_week_two_after_a_good_plus_set() -> None:
    h = hist([SEED, wave_session(3, (67.5, 77.5, 87.5), (5, 5, 8))], S)
    # 105 × 0.70 = 73.5 → 72.5; × 0.80 = 84 → 82.5; × 0.90 = 94.5 → 92.5 (3+)
    assert shape(next_wave(h, P, BAR)) == [(72.5, 3, False), (82.5, 3, False), (92.5, 3, True)]


def test_week_four_is_the_deload() -> None:
    weeks = [
        wave_session(3, (67.5, 77.5, 87.5), (5, 5, 7)),
        wave_session(10, (72.5, 82.5, 92.5), (3, 3, 5)),
        wave_session(17, (77.5, 87.5, 97.5), (5, 3, 3)),
    ]
    p = next_wave(hist([SEED, *weeks], S), P, BAR)
    # 105 × 0.40 = 42 → 40; × 0.50 = 52.5; × 0.60 = 63 → 62.5
    assert shape(p) == [(40.0, 5, False), (52.5, 5, False), (62.5, 5, False)]
    assert p.deload


def test_a_full_cycle_raises_the_tm_by_five_kg() -> None:
    weeks = [
        wave_session(3, (67.5, 77.5, 87.5), (5, 5, 7)),
        wave_session(10, (72.5, 82.5, 92.5), (3, 3, 5)),
        wave_session(17, (77.5, 87.5, 97.5), (5, 3, 3)),
        wave_session(24, (40, 52.5, 62.5), (5, 5, 5)),
    ]
    p = next_wave(hist([SEED, *weeks], S), P, BAR)
    # TM 110: × 0.65 = 71.5 → 70; × 0.75 = 82.5; × 0.85 = 93.5 → 92.5
    assert shape(p) == [(70.0, 5, False), (82.5, 5, False), (92.5, 5, True)]
    assert "TM +5 kg → 110 kg" in p.why


def test_a_missed_plus_set_resets_the_tm() -> None:
    h = hist([SEED, wave_session(3, (67.5, 77.5, 87.5), (5, 5, 3))], S)
    p = next_wave(h, P, BAR)
    # TM = 0.9 × Epley(87.5 × 3) = 0.9 × 96.25 = 86.625; week 1 again:
    # × 0.65 = 56.3 → 55; × 0.75 = 64.97 → 62.5; × 0.85 = 73.63 → 72.5
    assert shape(p) == [(55.0, 5, False), (62.5, 5, False), (72.5, 5, True)]
    assert p.stalled and "3 of 5 reps" in p.why


def test_return_after_a_break() -> None:
    p = next_wave(hist([SEED], S, today=20), P, BAR)
    # TM 105 × 0.9 = 94.5: × 0.85 = 80.3 → 80
    assert p.sets[-1].load_kg == 80.0 and "20 days away" in p.why


def test_plus_set_exactly_at_the_minimum_still_moves_on() -> None:
    # partial success: the "+" set made its 5 reps and no more — the wave goes on (week 2)
    h = hist([SEED, wave_session(3, (67.5, 77.5, 87.5), (5, 5, 5))], S)
    p = next_wave(h, P, BAR)
    assert [t.reps for t in p.sets] == [3, 3, 3] and not p.stalled


def test_break_inside_the_history_restarts_the_wave() -> None:
    h = hist([SEED, wave_session(3, (67.5, 77.5, 87.5), (5, 5, 8)),
              wave_session(25, (60, 70, 80), (5, 5, 8))], S)  # fmt: skip
    # 22 days away: TM 105 × 0.9 = 94.5, week 1 again, done → week 2:
    # × 0.70 = 66.15 → 65; × 0.80 = 75.6 → 75; × 0.90 = 85.05 → 85
    assert shape(next_wave(h, P, BAR)) == [(65.0, 3, False), (75.0, 3, False), (85.0, 3, True)]
