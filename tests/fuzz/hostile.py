"""What the fuzz suite throws: hostile cell values, budgets, and the checks every run must pass."""

from __future__ import annotations

import json
import os
import re
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Examples per fuzz test: small in CI (the suite stays within a few minutes), larger on demand
# (LEGDAY_FUZZ_EXAMPLES=2000 for a long probe).
EXAMPLES = int(os.environ.get("LEGDAY_FUZZ_EXAMPLES", "40"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
    database=None,
)

NASTY = [
    "1e400", "-1e400", "1e308", "-1e308", "1e-400", "-5", "-0", "NaN", "nan", "inf",
    "Infinity", "9" * 30, "99999999999", "2147483648", "9223372036854775808", "0x10",
    "١٢٣", "", " ", "[/]", "[link=https://evil.example]x[/link]", "\x1b[31mred", "\x07",
    "\u202eevil", "\x9b31m", '"', '""', ";", ",", "\r", "a" * 5000, "0001-01-01 00:00:00",
    "9999-12-31 23:59:59", "1899-12-31", "2024-02-30", "12:34:56:78", "-1:00", "1e3x5",
    "100x1e400", "100x-5", "999999999999x5", "48h 40m", "100000h", "1e400s", "0x0",
    "2024-01-02T18:00:00+05:00", "2024-01-02T18:00:00", "W", "Rest Timer", "Note", "\\",
]  # fmt: skip

cells = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)

json_values: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(
        [float("inf"), float("-inf"), float("nan"), 10**30, -(10**30), 2**31, -5, 1e308, 0,
         "", "x", "\u0000", "0001-01-01T00:00:00", "9999-12-31T00:00:00", None, [], {}, True]
    ),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
)  # fmt: skip


class Tally:
    """Inputs tried and failures seen, for the long-run report (printed by the conftest)."""

    tried = 0
    failures = 0


def strict_json(text: str) -> Any:
    """json.loads that refuses NaN and Infinity (which are not JSON)."""

    def refuse(token: str) -> Any:
        raise ValueError(f"{token} is not JSON")

    return json.loads(text, parse_constant=refuse)


def one_line_error(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [x for x in stderr.splitlines() if x.strip()]
    assert lines, "an error exit says why"
    assert lines[-1].startswith("error: "), stderr
    assert len(lines) == 1, stderr
    return lines[-1]


FILE_LINE = re.compile(r"^error: (?P<path>.+?):(?P<line>\d+): ")
