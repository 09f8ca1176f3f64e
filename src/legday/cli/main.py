"""The `legday` command. Each command group lives in its own module with a ``register(app)``;
modules import only typer at the top, so building this tree stays cheap."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from importlib import import_module
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from legday import __version__
from legday.cli.common import plain, state

# `legday --help` lists commands by the loop they serve, not by the module that defines them.
PANELS: dict[str, str] = {
    "demo": "Start here",
    "athlete": "Start here",
    "assess": "Assess",
    "calc": "Assess",
    "readiness": "Assess",
    "plan": "Plan",
    "next": "Train",
    "train": "Train",
    "log": "Train",
    "sessions": "Train",
    "records": "Train",
    "analyze": "Track",
    "audit": "Track",
    "report": "Track",
    "import": "Your data",
    "export": "Your data",
    "exercises": "Your data",
    "db": "Your data",
    "serve": "Your data",
    "users": "Your data",
}
_ORDER = ["Start here", "Assess", "Plan", "Train", "Track", "Your data"]


def _panel_of(name: str | None) -> str:
    return PANELS.get(name or "", "Other")


class _LoopOrderGroup(TyperGroup):
    """Lists commands panel by panel in the order of the loop (Typer puts groups last).

    The top-level help is written as plain text: Typer's Rich rendering imports Rich's
    markdown, table and panel modules, ~70 ms of the 150 ms `legday --help` may take over bare
    Python (bench/bench_cli.py measures it). Command help below keeps Rich (it has tables and
    examples)."""

    # Filled by lazy_root(): commands not built yet, by name, and their one-line help.
    lazy: dict[str, Callable[[], Any]]
    blurbs: dict[str, str]

    def list_commands(self, ctx: Any) -> list[str]:
        names = list(super().list_commands(ctx))
        names += [n for n in getattr(self, "lazy", {}) if n not in self.commands]
        return sorted(names, key=lambda n: _ORDER.index(_panel_of(n)))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = super().get_command(ctx, cmd_name)
        build = getattr(self, "lazy", {}).get(cmd_name)
        if found is None and build is not None:
            found = self.commands[cmd_name] = build()
        return found

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            # Typer's Rich error path drops a plain help text here: print it as Rich did.
            typer.echo(ctx.get_help())
            ctx.exit(2)
        return list(super().parse_args(ctx, args))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        self.format_epilog(ctx, formatter)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        lazy = getattr(self, "lazy", {})
        if args and args[0] not in self.commands and args[0] not in lazy:
            for name in lazy:  # a typo: Typer suggests from the built commands, so build them all
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def _blurb(self, ctx: Any, name: str) -> str | None:
        """One line of help for a command, without building it when it is still lazy."""
        if name not in self.commands and name in getattr(self, "blurbs", {}):
            return self.blurbs[name]
        cmd = self.get_command(ctx, name)
        return None if cmd is None or cmd.hidden else str(cmd.get_short_help_str(limit=300))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        shown = [(n, b) for n in self.list_commands(ctx) if (b := self._blurb(ctx, n)) is not None]
        if not shown:
            return
        width = max(len(n) for n, _ in shown)  # one column for all panels, as Rich lays it out
        for panel in [*_ORDER, "Other"]:
            rows = [(n.ljust(width), b) for n, b in shown if _panel_of(n) == panel]
            if rows:
                with formatter.section(panel):
                    formatter.write_dl(rows)


_ROOT_SETTINGS: dict[str, Any] = {
    "name": "legday",
    "cls": _LoopOrderGroup,
    "help": "Evidence-based leg training: assess → plan → train → track.",
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": "rich",
    "add_completion": False,
}
app = typer.Typer(**_ROOT_SETTINGS)

# Command modules, in the order of the loop. Each defines ``register(app: typer.Typer) -> None``.
COMMAND_MODULES: tuple[str, ...] = (
    "legday.cli.athlete_cmd",
    "legday.cli.calc_cmd",
    "legday.cli.exercises_cmd",
    "legday.cli.exercise_map_cmd",
    "legday.cli.calc_science_cmd",
    "legday.cli.assess_cmd",
    "legday.cli.readiness_cmd",
    "legday.cli.log_cmd",
    "legday.cli.plan_cmd",
    "legday.cli.next_cmd",
    "legday.cli.train_cmd",
    "legday.cli.import_cmd",
    "legday.cli.analyze_cmd",
    "legday.cli.report_cmd",
    "legday.cli.db_cmd",
    "legday.cli.serve_cmd",
    "legday.cli.users_cmd",
    "legday.cli.demo_cmd",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"legday {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (sqlite:///file.db, postgresql+psycopg://…). "
            "Default: LEGDAY_DATABASE_URL, else legday.db in the data folder.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Evidence-based leg training: assess → plan → train → track."""
    state.db_url = db


for _name in COMMAND_MODULES:
    import_module(_name).register(app)

for _cmd in app.registered_commands:
    _cmd.rich_help_panel = _panel_of(_cmd.name)
for _group in app.registered_groups:
    _group.rich_help_panel = _panel_of(_group.name)


def lazy_root() -> _LoopOrderGroup:
    """The `legday` group with each command built only when it is run or its help is shown.

    Typer turns every function into a Click command up front, reading each signature's
    annotations: ~110 ms for this tree, paid before any command could start. Here
    the root is built alone and the others wait in ``lazy``; the one-line help in the
    top-level listing comes from the docstrings, as Typer would take it.
    """
    import inspect

    from typer.main import get_command_from_info, get_group_from_info, solve_typer_info_defaults

    bare = typer.Typer(**_ROOT_SETTINGS)
    bare.registered_callback = app.registered_callback
    group = typer.main.get_group(bare)
    assert isinstance(group, _LoopOrderGroup)
    style = {"pretty_exceptions_short": app.pretty_exceptions_short}
    group.lazy, group.blurbs = {}, {}
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        group.lazy[name] = partial(
            get_command_from_info, info, rich_markup_mode=app.rich_markup_mode, **style
        )
        if not info.hidden:
            text = info.help or inspect.getdoc(info.callback) or ""
            group.blurbs[name] = _short(name, text, info.short_help)
    for ginfo in app.registered_groups:
        solved = solve_typer_info_defaults(ginfo)
        gname = solved.name
        assert gname, "command groups are added with a name"
        group.lazy[gname] = partial(
            get_group_from_info,
            ginfo,
            rich_markup_mode=app.rich_markup_mode,
            suggest_commands=app.suggest_commands,
            **style,
        )
        if not solved.hidden:
            group.blurbs[gname] = _short(gname, solved.help, solved.short_help)
    return group


def _short(name: str, help_text: Any, short_help: Any) -> str:
    """The listing line Typer would show: an empty command shares its shortening rules."""
    from typer.core import TyperCommand

    def text(value: Any) -> str | None:
        return value if isinstance(value, str) else None  # Typer marks unset values by sentinels

    stub = TyperCommand(name=name, help=text(help_text), short_help=text(short_help))
    return str(stub.get_short_help_str(limit=300))


def run() -> None:
    """The `legday` program: ``main()``, then a quick exit.

    Tearing down the interpreter (every module, every object SQLAlchemy and Typer made) cost
    100-150 ms of CPU after each command had finished (measured with bench/bench_cli.py). So
    once the command is done: the open databases are closed properly (SQLite folds its
    write-ahead log back into the file), the exit handlers run (temporary folders are removed),
    the output is flushed, and the process ends without the teardown.
    """
    code: int | str | None = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    _quick_exit(code)


def _quick_exit(code: int | str | None) -> NoReturn:
    import atexit
    import os

    if "legday.app.db" in sys.modules:
        from legday.app.db import forget_open_databases

        forget_open_databases()
    atexit._run_exitfuncs()
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1  # a closed pipe: as Python's own exit would report
    os._exit(code or 0)


def main() -> None:
    """Console entry point: domain errors become one line on stderr and exit code 1."""
    from legday.domain.errors import LegdayError

    try:
        lazy_root()()
    except LegdayError as exc:
        sys.stderr.write(f"error: {plain(str(exc))}\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception:
        # A row no legday wrote can break code far from the query that read it: name it.
        from legday.app.db import damage_in_open_databases

        found = damage_in_open_databases()
        if found is None:
            raise
        sys.stderr.write(f"error: {plain(found)}\n")
        sys.exit(1)
