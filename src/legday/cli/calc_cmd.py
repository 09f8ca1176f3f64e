"""`legday calc …`: calculators that store nothing. The commands are added by the modules that own
their science (calc_science_cmd: e1rm, jump-power, bmr, kcal, score; calc_plates_cmd: plates,
warmup); this module only owns the group."""

from __future__ import annotations

import typer


def _group() -> typer.Typer:
    """The group, empty: ``register`` adds its commands."""
    return typer.Typer(
        help="Calculators: e1RM, plates, warm-ups, jump power, energy, scores.",
        no_args_is_help=True,
    )


def register(app: typer.Typer) -> None:
    group = _group()
    app.add_typer(group, name="calc")
