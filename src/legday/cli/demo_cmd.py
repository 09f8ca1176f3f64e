"""`legday demo`: the whole loop on a throwaway database, with a summary of where to look."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from legday.cli.common import JsonOpt, console, emit_json, fail, lit


def demo(
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the results (default: ./legday-demo-<time>)."),
    ] = None,
    json_out: JsonOpt = False,
    serve: Annotated[
        bool,
        typer.Option(
            "--serve",
            help="Then serve the demo database on the web, with logins for an athlete, a coach "
            "and a physio (needs the server extra).",
        ),
    ] = False,
    host: Annotated[str, typer.Option("--host", help="With --serve: address to listen on.")] = (
        "127.0.0.1"
    ),
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="With --serve: TCP port.")
    ] = 8000,
) -> None:
    """Run assess → plan → train → track for three sample athletes on a throwaway database;
    with --serve, then open it on the web so every page can be seen in a minute."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from legday.cli.words import with_plan_command
    from legday.demo import run_demo

    if serve:
        try:
            import fastapi  # noqa: F401
            import uvicorn  # noqa: F401
        except ModuleNotFoundError:
            fail("--serve needs the server extra: pip install 'legday[server]'")

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
    logins = _logins(result.database) if serve else []
    if json_out:
        emit_json(
            {
                "out": str(result.out),
                "database": str(result.database),
                "summary": result.summary,
                "files": [str(p) for p in result.files],
                "logins": [vars(x) for x in logins],
            }
        )
        if serve:
            _serve(result.database, host, port)
        return
    c = console()
    c.print("[bold]legday demo[/bold] — assess → plan → train → track\n")
    for line in result.summary:
        c.print(f"• {lit(line)}", soft_wrap=True)  # lines may hold [brackets]
    c.print(
        f"\nResults in [bold]{lit(result.out)}[/bold] (database: {lit(result.database.name)}).",
        soft_wrap=True,
    )
    if serve:
        c.print(f"\n[bold]Sign in at http://{host}:{port}/login[/bold] with:")
        for x in logins:
            sees = ", ".join(x.sees)
            c.print(f"• {x.role}: {lit(x.email)}  password: {lit(x.password)}  ({lit(sees)})")
        _serve(result.database, host, port)


def _logins(database: Path) -> list[Any]:
    """Accounts for the demo's athletes, a coach and a physio (legday.app.demo_accounts)."""
    from legday.app.db import open_database
    from legday.app.demo_accounts import make_logins
    from legday.demo import HOOPER, LIFTER, SENIOR

    db = open_database(f"sqlite:///{database}")
    return make_logins(db, LIFTER, [LIFTER, HOOPER], [SENIOR])


def _serve(database: Path, host: str, port: int) -> None:
    from legday.cli.serve_cmd import serve

    serve(host=host, port=port, db=f"sqlite:///{database}", workers=1, proxy_headers=True)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
