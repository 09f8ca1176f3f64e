"""Demo step: what the exercise catalog covers, by movement pattern and by benefit."""

from __future__ import annotations

from legday.app.catalog import catalog_coverage
from legday.demo import DemoContext

TITLE = "Surveying the exercise catalog"


def run(ctx: DemoContext) -> None:
    cov = catalog_coverage()
    ctx.write_json("catalog_coverage.json", cov.as_json())
    ctx.results["catalog"] = {"exercises": cov.exercises, "lower_body": cov.lower_body}
    used = {p: n for p, n in cov.pattern.items() if n}
    ctx.note(
        f"Catalog: {cov.exercises} exercises, {cov.lower_body} for the legs; "
        "by pattern " + ", ".join(f"{p} {n}" for p, n in used.items())
    )
    ctx.note("Catalog by benefit: " + ", ".join(f"{b} {n}" for b, n in cov.benefit.items()))
