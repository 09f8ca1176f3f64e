"""One self-contained HTML page: inline CSS, inline SVG charts (or PNG data URIs for print), the
plotted data of every chart beside it as JSON. Nothing is fetched from a network.

The PDF is made from this same template (:mod:`legday.interop.pdf`), so both show the same content.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from legday import __version__
from legday.app.reporting import ReportData
from legday.report.charts import Chart
from legday.report.render import png_data_uri, svg_body

Mode = Literal["html", "pdf"]


@dataclass(frozen=True)
class RenderedChart:
    chart: Chart
    svg: str
    png: bytes


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("legday.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=False,
    )


def _json_for_script(obj: Any) -> str:
    """JSON safe inside <script>: no ``</`` can close the element early."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _percent(value: Any) -> str:
    return f"{float(value):.0%}" if isinstance(value, int | float) else "—"


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value) or "none"
    return str(value)


def _fact(key: str, value: Any) -> str:
    """A scalar of the analysis as a reader wants it: fractions (share_*, adherence) as percent."""
    if value is None:
        return "—"
    if (key.startswith("share") or key == "adherence") and isinstance(value, int | float):
        return _percent(value)
    return _plain(value)


def key_facts(data: ReportData) -> list[tuple[str, str]]:
    """The numbers printed above the charts: the audit first, then guidelines and adherence."""
    neglect = data.analysis.get("neglect") or {}
    weeks_without = list(neglect.get("weeks_without_legs") or [])
    sessions = sum(int(d["sessions"]) for d in data.training_days)
    facts = [
        ("Sessions", str(sessions)),
        ("Days trained", str(len(data.training_days))),
        ("Lower-body share of working sets", _percent(neglect.get("lower_set_share"))),
        ("Lower-body share of tonnage", _percent(neglect.get("lower_tonnage_share"))),
        ("Lower-body patterns missing", _plain(list(neglect.get("missing_patterns") or []))),
        ("ISO weeks with training but no legs", str(len(weeks_without))),
    ]
    for section in ("guidelines", "adherence"):
        block = data.analysis.get(section)
        if isinstance(block, dict):
            for key, value in block.items():
                if value is None or isinstance(value, str | int | float | bool):
                    label = f"{section}: {key.replace('_', ' ')}"
                    facts.append((label, _fact(key, value)))
    return facts


def render_html(data: ReportData, charts: list[RenderedChart], mode: Mode = "html") -> str:
    """The report page. ``mode="pdf"`` embeds PNGs instead of inline SVG (print engines render
    Vega's SVG text less faithfully than a browser)."""
    neglect = data.analysis.get("neglect") or {}
    share = neglect.get("lower_set_share")
    target = neglect.get("target_share")
    neglected = bool(neglect.get("missing_patterns")) or (
        isinstance(share, int | float) and isinstance(target, int | float) and share < target
    )
    template = _environment().get_template("report.html.j2")
    return str(
        template.render(
            version=__version__,
            athlete=data.athlete,
            unit=data.unit,
            period=data.period_text(),
            generated_on=data.generated_on.isoformat(),
            neglect={
                "verdict": neglect.get("verdict"),
                "prescription": neglect.get("prescription"),
            },
            neglected=neglected,
            facts=key_facts(data),
            charts=[
                {
                    "name": r.chart.name,
                    "title": r.chart.title,
                    "caption": r.chart.caption,
                    "svg": svg_body(r.svg) if mode == "html" else "",
                    "png_uri": png_data_uri(r.png) if mode == "pdf" else "",
                    "data_json": _json_for_script(
                        {"name": r.chart.name, "caption": r.chart.caption, "values": r.chart.values}
                    ),
                }
                for r in charts
            ],
        )
    )
