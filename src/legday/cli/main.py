"""The `legday` command. Each command group lives in its own module with a ``register(app)``;
modules import only typer at the top, so building this tree stays cheap."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Annotated

import typer

from legday import __version__
from legday.cli.common import state

app = typer.Typer(
    name="legday",
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


def main() -> None:
    """Console entry point: domain errors become one line on stderr and exit code 1."""
    from legday.domain.errors import LegdayError

    try:
        app()
    except LegdayError as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
