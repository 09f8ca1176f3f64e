"""Run the CLI in-process, the way a user would type it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from typer.testing import CliRunner


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(*args: str, db: str | None = None, input: str | None = None) -> Run:
    """``legday [--db URL] ARGS…``; LegdayError is mapped as the console entry point maps it."""
    from legday.app.db import forget_open_databases
    from legday.cli.main import app
    from legday.cli.words import say_error
    from legday.domain.errors import LegdayError

    argv = (["--db", db] if db else []) + list(args)
    runner = CliRunner()
    result = runner.invoke(app, argv, input=input, catch_exceptions=True)
    stderr = result.stderr
    code = result.exit_code
    if isinstance(result.exception, LegdayError):
        stderr += f"error: {say_error(result.exception)}\n"
        code = 1
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    forget_open_databases()
    return Run(code, result.stdout, stderr)
