"""`legday db upgrade|status|check|backup`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from legday.cli.common import JsonOpt, console, emit_json, lit, state


def _group() -> typer.Typer:
    """The group, empty: ``register`` adds its commands."""
    return typer.Typer(
        help="Database upkeep: migrations, status and backups.",
        no_args_is_help=True,
    )


def upgrade(json_out: JsonOpt = False) -> None:
    """Apply pending migrations to the database."""
    from legday.app import maintenance

    r = maintenance.upgrade(state.db_url)
    if json_out:
        emit_json(r.as_json())
    else:
        console().print(f"Database at schema {r.revision} ({lit(r.url)}).")


def status(json_out: JsonOpt = False) -> None:
    """Where the data lives, its schema version and what it holds."""
    from legday.app import maintenance

    doc = maintenance.status(state.db_url).as_json()
    if json_out:
        emit_json(doc)
        return
    for k, v in doc.items():
        console().print(f"[bold]{lit(k)}[/bold]: {lit(v)}")


def backup(
    out: Annotated[Path, typer.Argument(help="File to write (a SQLite database).")],
    json_out: JsonOpt = False,
) -> None:
    """Copy a SQLite database safely while it may be in use (never a raw file copy of WAL)."""
    from legday.app import maintenance
    from legday.domain.errors import InvalidInput
    from legday.interop.files import new_output, write_output

    copy = maintenance.backup(state.db_url)
    what = "the backup file"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            f"cannot create the folder {str(out.parent)!r}: {exc.strerror}",
            "give a backup path in a folder you may write to",
        ) from None
    new_output(out, what)  # a backup never replaces a file
    write_output(out, copy.data, what)  # whole or not at all (temporary file, then renamed)
    if json_out:
        emit_json({"backup": str(out), "integrity": copy.integrity})
    else:
        console().print(f"Backed up to {lit(str(out))} (integrity {lit(copy.integrity)}).")


def check(json_out: JsonOpt = False) -> None:
    """Check the database: SQLite's integrity check and values no legday wrote (exit 1 if any)."""
    from legday.app import maintenance

    r = maintenance.check(state.db_url)
    if json_out:
        emit_json({"check": r.as_json()})
    else:
        c = console()
        if r.ok:
            c.print(f"Database at {lit(r.url)}: ok (schema {lit(r.revision)}).")
        else:
            c.print(f"Database at {lit(r.url)}: [bold red]problems found[/bold red]")
            if r.newer_schema:
                c.print(f"  written by a newer legday (schema {lit(r.revision)})")
            if r.integrity != "ok":
                c.print(f"  integrity: {lit(r.integrity)}")
            for p in r.problems:
                c.print(f"  {lit(p)}")
            c.print(
                "Restore a copy made with `legday db backup`, or fix the rows named above "
                "with the tool that changed them."
            )
    if not r.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    group = _group()
    group.command("upgrade")(upgrade)
    group.command("status")(status)
    group.command("backup")(backup)
    group.command("check")(check)
    app.add_typer(group, name="db")
