"""One builder turns every planning page's form into the plan request (own plan, team plan,
a client's plan): the same fields give the same request."""

from __future__ import annotations

from starlette.datastructures import FormData

from legday.web.pages.plan_form import plan_layer


def test_the_form_becomes_the_plan_request() -> None:
    form = FormData(
        [
            ("goal", "strength"),
            ("goal", "hypertrophy"),
            ("days", "3"),
            ("minutes", " 45 "),
            ("weeks", ""),
            ("equipment", "barbell"),
            ("equipment", "bench"),
            ("csrf_token", "x"),
        ]
    )
    assert plan_layer(form) == {
        "goals": ["strength", "hypertrophy"],
        "days": 3,
        "minutes": 45,
        "equipment": "barbell,bench",
    }


def test_a_page_may_fix_the_goals_and_a_typo_stays_text_for_the_plans_own_check() -> None:
    form = FormData([("goal", "power"), ("days", "three"), ("minutes", "30")])
    assert plan_layer(form, goals=["balance", "strength"]) == {
        "goals": ["balance", "strength"],
        "days": "three",
        "minutes": 30,
    }
