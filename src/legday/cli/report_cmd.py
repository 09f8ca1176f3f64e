"""`legday report`: a progress report as one self-contained HTML file (and a PDF), with every chart
also written as SVG and PNG.

Files written into ``--out`` (default ``./legday-report-<athlete>``):
  report.html        always (works offline: CSS and charts inline)
  report.pdf         with ``--format pdf`` (made from the same page as report.html)
  charts/<name>.svg, charts/<name>.png   every figure of the report
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from legday.cli.common import AthleteOpt, JsonOpt, console, emit_json, for_athlete, lit, parse_date

FromOpt = Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Folder to write into (default ./legday-report-<athlete>)."),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="html: report.html; pdf: report.pdf as well as report.html. Charts are always "
        "written to charts/ as SVG and PNG.",
    ),
]


def default_out(name: str) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "athlete"
    return Path.cwd() / f"legday-report-{slug}"


def report(
    athlete: AthleteOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = "html",
    json_out: JsonOpt = False,
) -> None:
    """Write a progress report: neglect audit, volume, e1RM, ACWR, tests and adherence charts."""
    from legday.domain.errors import InvalidInput

    kind = fmt.strip().lower()
    if kind not in ("html", "pdf"):
        raise InvalidInput(f"--format {fmt!r} is not known", "use html or pdf")
    start = parse_date(date_from, "--from")
    end = parse_date(date_to, "--to")

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from legday.app.reporting import gather
    from legday.cli.words import with_plan_command
    from legday.report.build import write_report

    data = gather(*for_athlete(athlete), start, end)
    data = replace(data, analysis=with_plan_command(data.analysis, data.athlete_name))
    folder = (out or default_out(data.athlete_name)).resolve()
    formats = ("html", "pdf") if kind == "pdf" else ("html",)
    # Progress goes to stderr so that --json keeps stdout to one document.
    from legday.cli.common import err_console

    err = err_console()
    # Off a terminal a transient bar still leaves a blank line before any error; skip it there.
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("rendering", total=None)

        def on_progress(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what)

        files = write_report(data, folder, formats, on_progress)

    if json_out:
        neglect = data.analysis.neglect
        emit_json(
            {
                "report": {
                    "athlete": data.athlete_name,
                    "unit": data.unit,
                    "from": data.date_from,
                    "to": data.date_to,
                    "period": data.period_text(),
                    "verdict": neglect.get("verdict"),
                    "lower_set_share": neglect.get("lower_set_share"),
                    **files.as_json(),
                }
            }
        )
        return
    c = console()
    c.print(f"Report for [bold]{lit(data.athlete_name)}[/bold] ({data.period_text()}):")
    c.print(f"  {lit(files.html)}", soft_wrap=True)
    if files.pdf:
        c.print(f"  {lit(files.pdf)}", soft_wrap=True)
    c.print(
        f"  {len(files.charts)} charts as SVG and PNG in {lit(folder / 'charts')}", soft_wrap=True
    )


def register(app: typer.Typer) -> None:
    app.command("report")(report)
