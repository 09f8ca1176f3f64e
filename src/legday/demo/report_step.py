"""Demo step (last): each sample athlete's progress report, written under reports/<name>/."""

from __future__ import annotations

import re

from legday.app.reporting import gather
from legday.demo import HOOPER, LIFTER, SENIOR, DemoContext

TITLE = "Writing each athlete's progress report"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def run(ctx: DemoContext) -> None:
    # Rendering is a shell concern (legday.report); imported here, not at module level, so that
    # listing the demo's steps stays cheap.
    from legday.report.build import write_report

    written: dict[str, str] = {}
    for name in (LIFTER, HOOPER, SENIOR):
        data = gather(ctx.db, name, today=ctx.today)
        files = write_report(data, ctx.out / "reports" / slug(name), ("html", "pdf"))
        ctx.files.extend([files.html, *([files.pdf] if files.pdf else [])])
        written[name] = str(files.html)
        ctx.note(f"Report for {name}: {files.html} ({len(files.charts)} charts, PDF beside it)")
    ctx.results["reports"] = written
