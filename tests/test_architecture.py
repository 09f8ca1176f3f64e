"""The dependency rule of docs/conventions.md, enforced by the import-linter contracts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which(
        "lint-imports"
    )
    assert exe, "import-linter is part of the dev extra"
    r = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def test_domain_imports_no_shell_libraries_at_import_time() -> None:
    code = (
        "import sys, pkgutil, importlib, legday.domain as d\n"
        "for m in pkgutil.walk_packages(d.__path__, 'legday.domain.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in ('sqlalchemy','typer','rich','fastapi','polars','highspy') "
        "if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == ""
