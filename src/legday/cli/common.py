"""What every command shares: the --json/--athlete options, output, and the way to the app layer.

Only typer and the standard library are imported at module level; Rich and everything heavier are
imported inside functions so that `legday --help` starts fast
(docs/evidence/engineering.md#cli-start-up)."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from legday.app.db import Database


class _State:
    """Global options given before the command (``legday --db URL …``)."""

    db_url: str | None = None


state = _State()

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead of tables.")]
AthleteOpt = Annotated[
    str | None,
    typer.Option("--athlete", "-a", help="Athlete name (may be left out when there is only one)."),
]


def database() -> Database:
    """The database chosen by --db, LEGDAY_DATABASE_URL, or the default SQLite file (migrated)."""
    from legday.app.db import open_database

    return open_database(state.db_url)


def _default(o: Any) -> Any:
    if isinstance(o, datetime | date):
        return o.isoformat()
    if isinstance(o, Path):
        return str(o)
    if isinstance(o, Enum):
        return o.value
    if isinstance(o, set | frozenset | tuple):
        return list(o)
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return dataclasses.asdict(o)
    raise TypeError(f"cannot write {type(o).__name__} as JSON")


def to_json(obj: Any) -> str:
    return json.dumps(obj, default=_default, ensure_ascii=False, indent=2)


def emit_json(obj: Any) -> None:
    """Print one JSON document on stdout."""
    sys.stdout.write(to_json(obj) + "\n")


def console() -> Console:
    from rich.console import Console

    return Console()


def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def fail(message: str) -> NoReturn:
    """A user error: one clear line on stderr, exit code 1."""
    sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(1)


def parse_date(text: str | None, what: str = "--date") -> date | None:
    """ISO dates (YYYY-MM-DD) for options; a wrong one is a user error, not a traceback."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{what} {text!r} is not a date; expected YYYY-MM-DD")
