"""`legday --help` must stay fast: nothing heavy may be imported to print it
(docs/evidence/engineering.md#cli-start-up).

Deterministic, unlike timing: the benchmark bench/bench_startup.py measures the time itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def test_an_everyday_command_skips_pydantic_alembic_and_the_catalog_build(tmp_path: Path) -> None:
    """`athlete list` on an up-to-date database: no Alembic (the schema is at head), no
    pydantic (Typer below 0.29 coerces options without it), no TOML catalog parsing."""
    db = tmp_path / "t.db"
    env = {**os.environ, "LEGDAY_DATABASE_URL": f"sqlite:///{db}"}
    first = [sys.executable, "-m", "legday", "athlete", "add", "Ann", "--age", "30"]
    subprocess.run(first, env=env, check=True, capture_output=True, timeout=120)
    code = (
        "import sys\nfrom legday.cli.main import main\n"
        "sys.argv = ['legday', 'athlete', 'list']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('\\n@@' + ' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pydantic', 'alembic', 'tomllib'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "Ann" in out
    assert out.rsplit("@@", 1)[1].split() == []
