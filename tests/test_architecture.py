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


# Import cycles left on purpose: the catalog loader reads its compiled cache lazily (inside
# registry.load), and the cache module builds from the registry and the matcher.
CYCLES_ALLOWED = frozenset(
    {
        "legday.domain.catalog.compiled",
        "legday.domain.catalog.matching",
        "legday.domain.catalog.registry",
    }
)


def test_no_import_cycles() -> None:
    # Imports inside functions count too: a cycle hidden in a function is still a cycle (it was
    # how cli/log_cmd ↔ cli/sessions_cmd and shorthand ↔ shorthand_format hid theirs).
    import grimp

    graph = grimp.build_graph("legday")
    found = sorted(
        f"{m} → {n}"
        for m in graph.modules
        if m not in CYCLES_ALLOWED
        for n in graph.find_modules_directly_imported_by(m)
        if n.startswith("legday.") and graph.chain_exists(importer=n, imported=m)
    )
    assert found == []
