"""The printable sheet and the calendar speak to the client: catalog cues, no rule ids, no
command options, the home programme and walking for Otago-style plans (R34)."""

from __future__ import annotations

import re

from legday.interop import ics, plan_sheet
from tests.domain.plan.test_generate import EXS
from tests.domain.plan.test_plan_cases import c5


def test_sheet_of_a_fall_prevention_plan_speaks_to_the_client() -> None:
    plan = c5()
    assert any(w.startswith("R") for w in plan.warnings) or plan.warnings  # the coach's view
    html = plan_sheet.render_html(plan, EXS)
    text = re.sub(r"<[^>]+>", " ", html)
    assert not re.search(r"\bR\d{1,2}\b", text)  # no rule ids
    assert "--" not in text  # no command options
    assert "Home balance practice every day" in text
    assert "Walking" in text and "Your home programme" in text
    first = EXS[
        next(b.exercise_id for b in plan.weeks[0].sessions[0].blocks if b.kind == "balance")
    ]
    assert first.cues and first.cues[0] in html  # a catalog cue, as the person reads it
    assert html.count('class="page"') == 1  # one page of home programme


def test_calendar_carries_the_home_practice() -> None:
    plan = c5()
    cal = ics.to_ics(plan, 1, EXS).decode()
    assert "RRULE:FREQ=DAILY;COUNT=84" in cal  # 12 weeks of days
    assert "Home balance practice every day" in cal.replace("\r\n ", "")
