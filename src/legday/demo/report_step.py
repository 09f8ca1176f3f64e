"""Demo step (last): each sample athlete's progress report, written under reports/<name>/."""

from __future__ import annotations

import re
from importlib.util import find_spec

from legday.app.reporting import gather
from legday.demo import HOOPER, LIFTER, SENIOR, DemoContext

TITLE = "Writing each athlete's progress report"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def run(ctx: DemoContext) -> None:
    # Rendering is a shell concern (legday.report); imported here, not at module level, so that
    # listing the demo's steps stays cheap.
    from legday.report.build import write_report

    # Charts and PDF come with the optional [report] extra; a base install still runs the rest of
    # the demo and says what to install, rather than failing at the last step.
    if not _available("vl_convert"):
        ctx.note("Reports skipped: charts need the report extra (pip install 'legday[report]').")
        ctx.results["reports"] = {}
        return
    formats = ("html", "pdf") if _available("weasyprint") else ("html",)
    written: dict[str, str] = {}
    for name in (LIFTER, HOOPER, SENIOR):
        data = gather(*ctx.who(name), today=ctx.today)
        files = write_report(data, ctx.out / "reports" / slug(name), formats)
        ctx.files.extend([files.html, *([files.pdf] if files.pdf else [])])
        written[name] = str(files.html)
        pdf = "PDF beside it" if files.pdf else "no PDF: pip install 'legday[report]'"
        ctx.note(f"Report for {name}: {files.html} ({len(files.charts)} charts, {pdf})")
    ctx.results["reports"] = written


def _available(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False
