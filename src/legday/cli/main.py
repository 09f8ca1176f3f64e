"""The `legday` command. Each command group lives in its own module with a ``register(app)``;
modules import only typer at the top, so building this tree stays cheap."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Annotated, Any

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
}
_ORDER = ["Start here", "Assess", "Plan", "Train", "Track", "Your data"]


def _panel_of(name: str | None) -> str:
    return PANELS.get(name or "", "Other")


class _LoopOrderGroup(TyperGroup):
    """Lists commands panel by panel in the order of the loop (Typer puts groups last)."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: _ORDER.index(_panel_of(n)))


app = typer.Typer(
    name="legday",
    cls=_LoopOrderGroup,
    help="Evidence-based leg training: assess → plan → train → track.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    add_completion=False,
)

# Command modules, in the order of the loop. Each defines ``register(app: typer.Typer) -> None``.
COMMAND_MODULES: tuple[str, ...] = (
    "legday.cli.athlete_cmd",
    "legday.cli.calc_cmd",
    "legday.cli.exercises_cmd",
    "legday.cli.exercise_map_cmd",
    "legday.cli.calc_science_cmd",
    "legday.cli.assess_cmd",
    "legday.cli.log_cmd",
    "legday.cli.plan_cmd",
    "legday.cli.next_cmd",
    "legday.cli.train_cmd",
    "legday.cli.import_cmd",
    "legday.cli.analyze_cmd",
    "legday.cli.report_cmd",
    "legday.cli.db_cmd",
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


def main() -> None:
    """Console entry point: domain errors become one line on stderr and exit code 1."""
    from legday.domain.errors import LegdayError

    try:
        app()
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
