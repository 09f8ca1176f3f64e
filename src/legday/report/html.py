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
    neglect = data.analysis.neglect
    weeks_without = list(neglect.get("weeks_without_legs") or [])
    sessions = sum(d.sessions for d in data.training_days)
    facts = [
        ("Sessions", str(sessions)),
        ("Days trained", str(len(data.training_days))),
        ("Lower-body share of working sets", _percent(neglect.get("lower_set_share"))),
        ("Lower-body share of tonnage", _percent(neglect.get("lower_tonnage_share"))),
        ("Lower-body patterns missing", _plain(list(neglect.get("missing_patterns") or []))),
        ("ISO weeks with training but no legs", str(len(weeks_without))),
    ]
    facts.extend(_guideline_facts(data.analysis.guidelines))
    facts.extend(_adherence_facts(data.analysis.adherence))
    return facts


def _weeks_and_share(count: Any, share: Any) -> str:
    if count is None:
        return "—"
    return f"{count} ({_percent(share)} of weeks)" if share is not None else str(count)


def _guideline_facts(g: dict[str, Any]) -> list[tuple[str, str]]:
    """The WHO 2020 figures in words; the source is named in the label (analysis "source")."""
    if not g:
        return []
    days = g.get("who_strength_days")
    src = g.get("source") or "WHO 2020"
    out = [
        (
            f"Weeks with ≥ {days} muscle-strengthening days ({src})",
            _weeks_and_share(g.get("weeks_meeting_strength"), g.get("share_meeting_strength")),
        ),
        (
            f"Weeks with ≥ {days} lower-body strength days",
            _fact("n", g.get("weeks_meeting_lower_strength")),
        ),
        (
            "Longest run of weeks meeting the guideline",
            f"{_fact('n', g.get('streak_longest_weeks'))} weeks",
        ),
        (
            "Current run of weeks meeting the guideline",
            f"{_fact('n', g.get('streak_current_weeks'))} weeks",
        ),
        (
            "Longest run of weeks with any training",
            f"{_fact('n', g.get('training_streak_longest_weeks'))} weeks",
        ),
    ]
    if g.get("older_adult"):
        out.append(
            (
                f"Weeks with ≥ {g.get('who_balance_days')} balance days (older adults, {src})",
                _weeks_and_share(g.get("weeks_meeting_balance"), g.get("share_meeting_balance")),
            )
        )
    return out


def _adherence_facts(a: dict[str, Any]) -> list[tuple[str, str]]:
    if not a.get("plan_id"):
        return [("Plan adherence", str(a.get("note") or "no current plan"))]
    done, planned = a.get("sessions_done"), a.get("sessions_planned")
    return [
        (
            "Plan adherence (sessions done / planned so far)",
            f"{done} / {planned} ({_percent(a.get('adherence'))})",
        )
    ]


def render_html(data: ReportData, charts: list[RenderedChart], mode: Mode = "html") -> str:
    """The report page. ``mode="pdf"`` embeds PNGs instead of inline SVG (print engines render
    Vega's SVG text less faithfully than a browser)."""
    neglect = data.analysis.neglect
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
                "fix": _fix_words(neglect.get("fix")),
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


def _fix_words(fix: dict[str, Any] | None) -> str | None:
    """The audit's fix (docs/contracts/analyze.md#neglect) in the report's words, for a report
    whose caller did not word it as a command line."""
    if not fix:
        return None
    return (
        f"a plan for {', '.join(fix['goals'])} on {fix['days']} days a week, "
        f"{fix['minutes']} minutes a session"
    )
