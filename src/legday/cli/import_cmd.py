"""`legday import FILE` and `legday export`: bring a history in from another app, take all of it
out in the legday format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from legday.cli.common import (
    AthleteOpt,
    JsonOpt,
    console,
    emit_json,
    err_console,
    fail,
    for_athlete,
    lit,
    local_importing,
    plain,
)

if TYPE_CHECKING:
    from legday.app.importing import ImportSummary, Progress

PROGRESS_MIN_BYTES = 1_000_000  # files smaller than this import in well under a second
SHOW_UNKNOWN = 15
SHOW_WARNINGS = 5

FileArg = Annotated[Path, typer.Argument(help="The export file (CSV, JEFIT backup, .fit, legday).")]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help="strong, hevy, fitnotes, jefit, fit or legday (default: detected)."
    ),
]
UnitOpt = Annotated[
    str | None,
    typer.Option("--unit", help="kg or lb: needed when the file does not say (classic Strong)."),
]
UnitRightOpt = Annotated[
    bool,
    typer.Option(
        "--unit-is-right",
        help="Keep --unit kg even though the heaviest load in the file suggests lb.",
    ),
]
DryOpt = Annotated[bool, typer.Option("--dry-run", help="Read and report, but store nothing.")]


def import_(
    file: FileArg,
    athlete: AthleteOpt = None,
    fmt: FormatOpt = None,
    unit: UnitOpt = None,
    dry_run: DryOpt = False,
    unit_is_right: UnitRightOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Import a training history: Strong, Hevy, FitNotes, JEFIT, Garmin .fit or a legday export."""
    from contextlib import nullcontext

    try:
        size = file.stat().st_size if file.is_file() else 0
    except OSError:  # a path too long, a loop of links: read_file says what is wrong
        size = 0
    bar = _ProgressBar() if shows_progress(size, sys.stderr) else nullcontext(None)
    with bar as on_progress:
        summary = _import(file, athlete, fmt, unit, dry_run, on_progress, unit_is_right)
    if json_out:
        emit_json(summary.as_json())
    else:
        _render(summary, file, dry_run)


def shows_progress(size: int, stream: TextIO) -> bool:
    """A progress bar for a file large enough to take a while, on a terminal only: nobody
    watches a pipe or a log, and the bar's import and refresh thread cost a small import ~40 ms
    of its start-to-exit time (bench/bench_personal_import.py)."""
    if size < PROGRESS_MIN_BYTES:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def _import(
    file: Path,
    athlete: str | None,
    fmt: str | None,
    unit: str | None,
    dry_run: bool,
    on_progress: Progress | None,
    unit_is_right: bool,
) -> ImportSummary:
    """Read the file (a regular file of bounded size), parse it, choose the athlete, import."""
    from legday.app import importing
    from legday.interop.detect import unit_option

    if on_progress is not None:
        on_progress("read", 0, None)
    data = importing.read_file(file)
    parsed = importing.parse_bytes(data, str(file), fmt, unit, on_progress, unit_is_right)
    db, actor = local_importing()
    target = importing.choose_athlete(db, actor, athlete, parsed, unit_option(unit))
    return importing.import_parsed(
        db, actor, target, parsed, dry_run, on_progress, unit_option(unit)
    )


class _ProgressBar:
    """A Rich progress bar on stderr (stdout stays clean for --json) fed by the app's callback."""

    def __enter__(self) -> Progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err_console(),
            transient=True,
        )
        self._bar.__enter__()
        self._task = self._bar.add_task("reading", total=None)
        labels = {
            "read": "reading",
            "parse": "parsing",
            "matching": "matching exercise names",
            "write": "writing sets",
            "aggregates": "updating analytics",
        }

        def update(stage: str, done: int, total: int | None) -> None:
            self._bar.update(
                self._task, description=labels.get(stage, stage), completed=done, total=total
            )

        return update

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(None, None, None)


def _render(s: ImportSummary, file: Path, dry_run: bool) -> None:
    out = console()
    if s.sets_added == 0 and s.sets_skipped_duplicate and not s.sessions_added:
        out.print(
            f"Already imported: all {_n(s.sets_skipped_duplicate, 'set')} of {lit(file.name)} "
            "are stored; nothing was added."
        )
        return
    verb = "Would import" if dry_run else "Imported"
    span = f", {s.date_first} … {s.date_last}" if s.date_first else ""
    out.print(
        f"{verb} [bold]{_n(s.sessions_added, 'session')}[/bold] and "
        f"[bold]{_n(s.sets_added, 'set')}[/bold] ({_n(s.warmup_sets, 'warm-up')}) "
        f"from {lit(file.name)} ({s.format}{span})."
    )
    if s.sets_skipped_duplicate:
        out.print(f"Skipped {s.sets_skipped_duplicate} sets already stored.")
    out.print(
        f"Exercises recognised: {s.exercises_matched}; not in the catalog: "
        f"{len(s.exercises_unknown)}."
    )
    if s.exercises_unknown:
        shown = s.exercises_unknown[:SHOW_UNKNOWN]
        more = len(s.exercises_unknown) - len(shown)
        out.print(
            "  " + plain("; ".join(shown)) + (f"; … and {more} more" if more else ""), markup=False
        )
        out.print('  Map one with: legday exercises map "NAME" EXERCISE_ID', markup=False)
    if s.warnings:
        out.print(f"{len(s.warnings)} warnings:")
        for w in s.warnings[:SHOW_WARNINGS]:
            out.print("  " + plain(w), markup=False)
        if len(s.warnings) > SHOW_WARNINGS:
            out.print(f"  … and {len(s.warnings) - SHOW_WARNINGS} more (see --json)")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def export(
    athlete: AthleteOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv.")] = "json",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (default: stdout).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Export every session, set and assessment in the legday format (importable again)."""
    from legday.app import exporting

    result = exporting.export_athlete(*for_athlete(athlete), fmt)
    if out is None:
        if json_out and result.format != "json":
            fail("--json prints JSON; give --format json, or --out FILE for a CSV export")
        typer.echo(result.text, nl=False)
        return
    from legday.interop.files import write_output

    write_output(out, result.text, "--out")
    if json_out:
        emit_json({"export": {**result.as_json(), "file": str(out)}})
    else:
        console().print(
            f"Exported {result.sessions} sessions, {result.sets} sets and "
            f"{result.assessments} assessments of {lit(result.athlete)} to {lit(out)}."
        )


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command("export")(export)
