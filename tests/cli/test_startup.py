"""`legday --help` must stay fast: nothing heavy may be imported to print it
(docs/evidence/engineering.md#cli-start-up).

Deterministic, unlike timing: the benchmark bench/bench_startup.py measures the time itself.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "sqlalchemy", "polars", "pandas", "fastapi", "highspy", "ortools", "weasyprint",
    "vl_convert", "pydantic_settings", "numpy", "alembic", "rapidfuzz",
)  # fmt: skip

PROBE = """
import json, sys
from legday.cli.main import main
sys.argv = ["legday"] + ARGS
try:
    main()
except SystemExit:
    pass
print("\\n@@" + json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)))
"""


def _loaded(args: list[str]) -> list[str]:
    code = f"HEAVY = {HEAVY!r}\nARGS = {args!r}\n" + PROBE
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return list(json.loads(out.rsplit("@@", 1)[1]))


def test_help_imports_nothing_heavy() -> None:
    assert _loaded(["--help"]) == []


def test_version_imports_nothing_heavy() -> None:
    assert _loaded(["--version"]) == []


def test_every_group_help_imports_nothing_heavy() -> None:
    import typer.main

    from legday.cli.main import app

    group = typer.main.get_group(app)
    for name in group.commands:
        assert _loaded([name, "--help"]) == [], name
