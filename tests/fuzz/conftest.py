"""Counts for the fuzz suite's report: inputs tried and failures, printed at the end."""

from __future__ import annotations

import pytest

from tests.fuzz.hostile import Tally


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if Tally.tried:
        terminalreporter.write_line(
            f"fuzz: {Tally.tried} hostile inputs tried, {Tally.failures} failures"
        )
