"""Determinism under load: the same inputs give the same plan in 16 threads at once (the solver
is limited by work, not wall-clock), HiGHS prints nothing, and stdout still works afterwards
(no file-descriptor redirection around the solve)."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from tests.domain.plan.test_generate import GYM, make

from legday.domain.plan.profile import Signals


def _doc() -> str:
    plan = make(
        age=22, level="intermediate", goals="injury-prevention,strength", sport="soccer",
        days=3, minutes=60, equipment=GYM, weeks=8, sig=Signals(weak_side="left"),
    )  # fmt: skip
    body: dict[str, Any] = plan.as_json()
    body["solver"].pop("seconds")  # wall-clock time differs; the plan must not
    return json.dumps(body, sort_keys=True)


def test_sixteen_threads_give_one_plan_and_stdout_survives(
    capfd: pytest.CaptureFixture[str],
) -> None:
    first = _doc()
    with ThreadPoolExecutor(max_workers=16) as pool:
        docs = list(pool.map(lambda _: _doc(), range(16)))
    assert all(d == first for d in docs)
    out, _ = capfd.readouterr()
    assert "HiGHS" not in out  # the solver's banner never reaches stdout
    print("still here")
    sys.stdout.flush()
    assert capfd.readouterr().out == "still here\n"
