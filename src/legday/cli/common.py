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
    from legday.app.reading import LiteDatabase, RowSource, WriteSource
    from legday.domain.access import Actor


class _State:
    """Global options given before the command (``legday --db URL …``)."""

    db_url: str | None = None


state = _State()

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead of tables.")]
AthleteOpt = Annotated[
    str | None,
    typer.Option("--athlete", "-a", help="Athlete name (may be left out when there is only one)."),
]


def database(create: bool = False) -> Database:
    """The database chosen by --db, LEGDAY_DATABASE_URL, or the default SQLite file (migrated).

    Only commands that start a history (``create``: adding an athlete, importing) create it when
    it is not there; any other command says none exists there, so a mistyped --db or LEGDAY_HOME
    leaves no empty database behind."""
    from legday.app.db import open_database

    return open_database(state.db_url, must_exist=not create)


def athlete_id(db: Database, actor: Actor, name: str | None) -> int:
    """The id of the athlete ``--athlete NAME`` names (any case), or of the only athlete when no
    name is given: the CLI's convenience; every use-case takes the id."""
    from legday.app.athlete_lookup import lookup

    return lookup(db, actor, name)


def for_athlete(name: str | None, create: bool = False) -> tuple[Database, Actor, int]:
    """The database, the local user (the CLI's actor) and the athlete ``--athlete`` names."""
    db = database(create)
    actor = db.local_actor()
    return db, actor, athlete_id(db, actor, name)


def for_reading(name: str | None) -> tuple[RowSource, Actor, int]:
    """As ``for_athlete``, for a command that only reads: on a plain SQLite file at this legday's
    schema, a ``LiteDatabase`` on the standard driver (no SQLAlchemy to import); elsewhere the
    ``Database`` (legday.app.reading)."""
    from legday.app.athlete_lookup import lookup
    from legday.app.reading import open_lite

    lite = open_lite(state.db_url)
    if lite is None:
        return for_athlete(name)
    actor = lite.local_actor()
    return lite, actor, lookup(lite, actor, name)


def for_writing(name: str | None) -> tuple[WriteSource, Actor, int]:
    """As ``for_reading``, for a use-case that writes with plain SQL (`legday log`): the
    ``LiteDatabase`` on a plain SQLite file at this legday's schema, else the ``Database``."""
    from legday.app.athlete_lookup import lookup
    from legday.app.reading import open_lite

    lite = open_lite(state.db_url)
    if lite is None:
        return for_athlete(name)
    actor = lite.local_actor()
    return lite, actor, lookup(lite, actor, name)


def local_reading() -> tuple[RowSource, Actor]:
    """As ``local``, for a command that only reads (see ``for_reading``)."""
    from legday.app.reading import open_lite

    lite = open_lite(state.db_url)
    if lite is None:
        return local()
    return lite, lite.local_actor()


def local_importing() -> tuple[Database | LiteDatabase, Actor]:
    """As ``local(create=True)``, for `legday import`: on a plain SQLite file (made from the
    schema snapshot when it is not there yet) the ``LiteDatabase``, so a personal import starts
    without SQLAlchemy; else the ``Database``."""
    from legday.app.reading import open_lite

    lite = open_lite(state.db_url, create=True)
    if lite is None:
        return local(create=True)
    return lite, lite.local_actor()


def for_record(name: str | None) -> tuple[Database, Actor, int | None]:
    """For commands on one record by id (a session, a test): the database, the local user and,
    when ``--athlete`` is given, that athlete's id (the record must then be theirs)."""
    db = database()
    actor = db.local_actor()
    return db, actor, None if name is None else athlete_id(db, actor, name)


def local(create: bool = False) -> tuple[Database, Actor]:
    """The database and the local user, the actor every CLI command runs as."""
    db = database(create)
    return db, db.local_actor()


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
    """One JSON document. A non-finite float (a value stored before imports refused them) is
    written as null: ``Infinity`` and ``NaN`` are not JSON and break every reader."""
    try:
        return json.dumps(obj, default=_default, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(obj), default=_default, ensure_ascii=False, indent=2)


def _finite(o: Any) -> Any:
    import math

    if isinstance(o, float):
        return o if math.isfinite(o) else None
    if isinstance(o, dict):
        return {k: _finite(v) for k, v in o.items()}
    if isinstance(o, list | tuple | set | frozenset):
        return [_finite(v) for v in o]
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return _finite(dataclasses.asdict(o))
    return o


def emit_json(obj: Any) -> None:
    """Print one JSON document on stdout, its warnings in the CLI's words (legday.cli.words)."""
    from legday.cli.words import said_warnings

    sys.stdout.write(to_json(said_warnings(obj)) + "\n")


# Terminal control characters a name, note or file could carry (ESC starts colour, cursor and
# hyperlink sequences; BEL rings; C1 controls are 8-bit escapes; bidi overrides reorder what the
# eye reads). Each becomes one visible stand-in of the same length, so Rich's spans stay right:
# C0 → its Unicode "control picture" (␛ for ESC), DEL → ␡, the rest → U+FFFD.
_KEEP = {"\n", "\t"}
_CONTROL_MAP = {
    **{c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in _KEEP},
    0x7F: "\u2421",
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),
    **dict.fromkeys((*range(0x202A, 0x202F), *range(0x2066, 0x206A)), "\ufffd"),
}


def plain(text: object) -> str:
    """``text`` with terminal control characters neutralised (for output without markup)."""
    return str(text).translate(_CONTROL_MAP)


def lit(text: object) -> str:
    """User or imported text for a Rich line: shown literally, never obeyed — markup escaped
    (``a[/]b``, ``[link=…]``) and control characters neutralised. Use it for every name, note,
    exercise name, path or message interpolated into output that Rich renders."""
    from rich.markup import escape

    return escape(plain(text))


def _console(stderr: bool = False) -> Console:
    from rich.console import Console
    from rich.text import Text

    class _SafeConsole(Console):
        """Every string Rich turns into text (print arguments, table cells, titles) loses its
        control characters, whatever a call site forgot; markup is still the call site's job."""

        def render_str(self, text: str, **kwargs: Any) -> Text:
            rendered = super().render_str(text, **kwargs)
            rendered.plain = rendered.plain.translate(_CONTROL_MAP)
            return rendered

    return _SafeConsole(stderr=stderr, emoji=False)


def console() -> Console:
    return _console()


def err_console() -> Console:
    return _console(stderr=True)


def ask_yes_no(question: str, default: bool = False) -> bool:
    """A yes/no question; no answer (end of input, as in a script) is no, never a crash."""
    import click

    try:
        return typer.confirm(question, default=default)
    except (typer.Abort, click.exceptions.Abort):
        return False


def fail(message: str) -> NoReturn:
    """A user error: one clear line on stderr, exit code 1."""
    sys.stderr.write(f"error: {plain(message)}\n")
    raise typer.Exit(1)


# The largest number any option means (a load in lb, a duration in seconds…): far beyond every real
# value, and small enough that rounding or converting it never overflows.
MAX_OPTION = 1e9


def finite(text: str) -> float:
    """A float option that is a real, bounded number: ``inf``, ``nan`` and ``1e400`` are refused
    at the command line instead of travelling into the database."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise typer.BadParameter(f"{plain(text)!r} is not a number") from None
    if not math.isfinite(value) or abs(value) > MAX_OPTION:
        raise typer.BadParameter(f"{plain(text)!r} is not a finite number below {MAX_OPTION:g}")
    return value


def parse_date(text: str | None, what: str = "--date") -> date | None:
    """ISO dates (YYYY-MM-DD) for options; a wrong one is a user error, not a traceback."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        fail(f"{what} {text!r} is not a date; expected YYYY-MM-DD")
    from legday.interop.cells import EARLIEST, latest_day

    if not EARLIEST <= day <= latest_day():
        fail(
            f"{what} {text} is outside the dates legday accepts; expected a date from "
            f"{EARLIEST.isoformat()} to {latest_day().isoformat()} (today + 1 year)"
        )
    return day


def command_group(app: typer.Typer, name: str) -> typer.Typer:
    """The command group ``name`` already added to ``app``, for a module whose commands join a
    group another module owns (``calc``, ``exercises``, ``assess``): COMMAND_MODULES lists the
    owner first."""
    for info in app.registered_groups:
        if info.name == name and isinstance(info.typer_instance, typer.Typer):
            return info.typer_instance
    raise LookupError(f"no command group {name!r} yet: register its owner first")
