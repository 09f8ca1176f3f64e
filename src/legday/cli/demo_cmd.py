"""`legday demo`: the whole loop on a throwaway database, with a summary of where to look."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from legday.cli.common import JsonOpt, console, emit_json, lit


def demo(
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the results (default: ./legday-demo-<time>)."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Run assess → plan → train → track for three sample athletes on a throwaway database."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from legday.cli.words import with_plan_command
    from legday.demo import run_demo

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console() if not json_out else None,
        disable=json_out,
        transient=True,
    ) as progress:
        task = progress.add_task("demo", total=None)

        def on_step(i: int, n: int, title: str) -> None:
            progress.update(task, completed=i, total=n, description=title)

        result = run_demo(out, on_step=on_step, word_analysis=with_plan_command)
    if json_out:
        emit_json(
            {
                "out": str(result.out),
                "database": str(result.database),
                "summary": result.summary,
                "files": [str(p) for p in result.files],
            }
        )
        return
    c = console()
    c.print("[bold]legday demo[/bold] — assess → plan → train → track\n")
    for line in result.summary:
        c.print(f"• {lit(line)}", soft_wrap=True)  # lines may hold [brackets]
    c.print(
        f"\nResults in [bold]{lit(result.out)}[/bold] (database: {lit(result.database.name)}).",
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
