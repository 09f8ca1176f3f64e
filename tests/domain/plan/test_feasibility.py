"""R38 over random profiles: feasibility is monotone in minutes and in days (a request that gets
a plan still gets one with more time or more days), and a refusal's parts add up."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tests.domain.plan.test_generate import make

from legday.domain.plan.remedy import PlanRefused

base = st.fixed_dictionaries(
    {
        "age": st.integers(16, 80),
        "level": st.sampled_from(["beginner", "intermediate", "advanced"]),
        "goals": st.lists(
            st.sampled_from(["strength", "hypertrophy", "power", "injury-prevention", "balance"]),
            min_size=1, max_size=2, unique=True,
        ),
        "equipment": st.sampled_from(["none", "band", "dumbbell", "barbell,bench,machine"]),
        "sport": st.sampled_from([None, "soccer", "running"]),
        "season": st.sampled_from(["off", "in"]),
        "limitations": st.sampled_from([None, "hamstring-strain-history", "knee-osteoarthritis"]),
    }
)  # fmt: skip


def accepted(d: dict[str, object], minutes: int, days: int) -> bool:
    layer = {k: v for k, v in d.items() if k not in ("age", "level") and v is not None}
    try:
        make(age=int(d["age"]), level=str(d["level"]), minutes=minutes, days=days, weeks=4,
             **layer)  # type: ignore[arg-type]  # fmt: skip
    except PlanRefused as exc:
        assert sum(s for _, s in exc.parts) > minutes * 60  # the binding constraint adds up
        return False
    return True


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base, st.integers(10, 40), st.integers(5, 30))
def test_more_minutes_never_turns_a_plan_into_a_refusal(
    d: dict[str, object], minutes: int, more: int
) -> None:
    if accepted(d, minutes, 2):
        assert accepted(d, minutes + more, 2)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base, st.integers(15, 45), st.integers(1, 5))
# Found by the search: the daily-undulating third session's heavy squat (5 sets) did not fit
# 20-25 min after the warm-ups, so three days were refused where two were planned.
@example(
    {"age": 16, "level": "intermediate", "goals": ["strength", "balance"],
     "equipment": "dumbbell", "sport": "soccer", "season": "off", "limitations": None},
    20, 2,
)  # fmt: skip
@example(
    {"age": 16, "level": "intermediate", "goals": ["strength", "balance"],
     "equipment": "dumbbell", "sport": "running", "season": "off",
     "limitations": "hamstring-strain-history"},
    23, 2,
)  # fmt: skip
# Found by the search: the small first model kept the best-scored lunges (10.2 min each) and
# dropped the 8-min body-weight Cossack squat that the full model plans in 15 minutes.
@example(
    {"age": 16, "level": "intermediate", "goals": ["balance"], "equipment": "none",
     "sport": None, "season": "off", "limitations": "knee-osteoarthritis"},
    15, 2,
)  # fmt: skip
def test_more_days_never_turns_a_plan_into_a_refusal(
    d: dict[str, object], minutes: int, days: int
) -> None:
    if accepted(d, minutes, days):
        assert accepted(d, minutes, days + 1)
