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
    from legday.domain.errors import LegdayError

    argv = (["--db", db] if db else []) + list(args)
    runner = CliRunner()
    result = runner.invoke(app, argv, input=input, catch_exceptions=True)
    stderr = result.stderr
    code = result.exit_code
    if isinstance(result.exception, LegdayError):
        stderr += f"error: {result.exception}\n"
        code = 1
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    forget_open_databases()
    return Run(code, result.stdout, stderr)


def me(db: Any) -> Any:
    """The local user: the actor the CLI runs as (owner of the athletes tests add)."""
    return db.local_actor()


def aid(db: Any, name: str | None = None) -> int:
    """The id of the local user's athlete called ``name`` (or of the only one), as the CLI finds
    it for ``--athlete NAME``."""
    from legday.app import athletes

    return athletes.lookup(db, db.local_actor(), name)


def import_file(
    db: Any,
    path: Any,
    athlete: str | None = None,
    fmt: str | None = None,
    unit: str | None = None,
    dry_run: bool = False,
    on_progress: Any = None,
    unit_is_right: bool = False,
) -> Any:
    """Import a file the way `legday import` does: read, parse, choose the athlete, import."""
    from legday.app import importing
    from legday.interop.detect import unit_option

    actor = db.local_actor()
    if on_progress is not None:
        on_progress("read", 0, None)
    data = importing.read_file(path)
    parsed = importing.parse_bytes(data, str(path), fmt, unit, on_progress, unit_is_right)
    target = importing.choose_athlete(db, actor, athlete, parsed, unit_option(unit))
    return importing.import_parsed(
        db, actor, target, parsed, dry_run, on_progress, unit_option(unit)
    )
