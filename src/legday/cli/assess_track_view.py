"""Text view of the screening section of `legday analyze`: Nordic, hop and Y-Balance results
against their thresholds, open findings and the return-to-sport battery."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from legday.cli.common import lit

if TYPE_CHECKING:
    from rich.console import Console


def _g(v: Any) -> str:
    return "—" if v is None else f"{v:g}" if isinstance(v, float | int) else str(v)


def render_screening(screening: dict[str, Any] | None, c: Console) -> None:
    """Nothing when no screening test is recorded."""
    if not screening or not (screening.get("tests") or screening.get("findings")):
        return
    from rich.table import Table

    if screening.get("tests"):
        t = Table("test", "date", "result", "threshold", "flags",
                  title="Screening tests (threshold: where the flag starts)",
                  title_justify="left")  # fmt: skip
        for test in screening["tests"]:
            for e in test["entries"][-4:]:
                shown = "; ".join(
                    f"{p['series']} {_g(p['value'])} {p['unit']}" for p in e["series"]
                )
                cuts = "; ".join(
                    dict.fromkeys(
                        f"{'<' if p['flag_below'] else '>'} {_g(p['threshold'])} {p['unit']}"
                        for p in e["series"]
                        if p["threshold"] is not None
                    )
                )
                flags = ", ".join(e["flags"])
                t.add_row(lit(test["name"]), e["date"], lit(shown), lit(cuts) or "—",
                          f"[bold red]{lit(flags)}[/]" if flags else "—")  # fmt: skip
        c.print(t)
    for f in screening.get("findings") or []:
        found = f"{f['kind']} ({f['test_id']}): {f['detail']}"
        c.print(f"[yellow]open finding:[/] {lit(found)} [dim]{lit('[' + f['source'] + ']')}[/]",
                highlight=False)  # fmt: skip
    rts = screening.get("return_to_sport")
    if rts:
        if rts["met"]:
            c.print("Return-to-sport battery: criteria met (see `legday assess rts`).")
        else:
            gaps = [f"record {', '.join(rts['missing'])}"] if rts["missing"] else []
            gaps += [f"below 90 %: {', '.join(rts['failing'])}"] if rts["failing"] else []
            c.print("Return-to-sport battery: not met — " + "; ".join(gaps) + ".")
