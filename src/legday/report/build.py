"""Write a whole report to a folder: report.html (and report.pdf), plus every chart as SVG and
PNG under charts/. One entry point shared by the CLI and the demo."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legday.app.reporting import ReportData
from legday.domain.errors import InvalidInput
from legday.report.charts import Chart, build_charts
from legday.report.html import RenderedChart, render_html

FORMATS = ("html", "pdf")
Progress = Callable[[int, int, str], None]  # (done, total, what is being done now)


@dataclass(frozen=True)
class ReportFiles:
    out: Path
    html: Path
    pdf: Path | None
    charts: list[dict[str, Any]] = field(default_factory=list)  # {"name", "title", "svg", "png"}

    def as_json(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "html": str(self.html),
            "pdf": str(self.pdf) if self.pdf else None,
            "charts": self.charts,
        }


def write_report(
    data: ReportData,
    out: Path,
    formats: Sequence[str] = ("html",),
    on_progress: Progress | None = None,
) -> ReportFiles:
    """Render every chart, then the HTML page (always) and the PDF (when asked)."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InvalidInput(f"unknown report format {unknown[0]!r}", "use html or pdf")
    from legday.interop.files import write_output
    from legday.report.render import svg_to_png, to_svg

    charts: list[Chart] = build_charts(data)
    want_pdf = "pdf" in formats
    total = len(charts) + 1 + (1 if want_pdf else 0)
    step = _stepper(total, on_progress)
    chart_dir = out / "charts"
    try:
        chart_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            f"cannot create {chart_dir}: {exc.strerror}", "choose another --out"
        ) from None
    rendered: list[RenderedChart] = []
    listed: list[dict[str, Any]] = []
    for chart in charts:
        step(f"chart: {chart.title}")
        svg = to_svg(chart.spec)
        png = svg_to_png(svg)
        svg_path, png_path = chart_dir / f"{chart.name}.svg", chart_dir / f"{chart.name}.png"
        write_output(svg_path, svg)
        write_output(png_path, png)
        rendered.append(RenderedChart(chart, svg, png))
        listed.append(
            {"name": chart.name, "title": chart.title, "svg": str(svg_path), "png": str(png_path)}
        )
    step("report.html")
    html_path = out / "report.html"
    write_output(html_path, render_html(data, rendered, mode="html"))
    pdf_path: Path | None = None
    if want_pdf:
        step("report.pdf")
        from legday.interop.pdf import html_to_pdf

        pdf_path = out / "report.pdf"
        write_output(pdf_path, html_to_pdf(render_html(data, rendered, mode="pdf")))
    step("done")
    return ReportFiles(out=out, html=html_path, pdf=pdf_path, charts=listed)


def render_report(data: ReportData, fmt: str, on_progress: Progress | None = None) -> bytes:
    """The report as one file's bytes, in memory: the self-contained HTML page (charts inline
    as SVG) or the PDF (charts as PNG). The server sends these; nothing is written to disk."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown report format {fmt!r}", "use html or pdf")
    from legday.report.render import svg_to_png, to_svg

    charts = build_charts(data)
    step = _stepper(len(charts) + 1, on_progress)
    rendered: list[RenderedChart] = []
    for chart in charts:
        step(f"chart: {chart.title}")
        svg = to_svg(chart.spec)
        rendered.append(RenderedChart(chart, svg, svg_to_png(svg) if fmt == "pdf" else b""))
    step(f"report.{fmt}")
    if fmt == "html":
        page = render_html(data, rendered, mode="html").encode("utf-8")
    else:
        from legday.interop.pdf import html_to_pdf

        page = html_to_pdf(render_html(data, rendered, mode="pdf"))
    step("done")
    return page


def _stepper(total: int, on_progress: Progress | None) -> Callable[[str], None]:
    done = [0]

    def step(what: str) -> None:
        if on_progress is not None:
            on_progress(min(done[0], total), total, what)
        done[0] += 1

    return step
