"""The store holds all SQL: a use-case module in ``legday.app`` builds no statement and runs
none itself (docs/architecture.md#store). Found by the syntax tree, not by text: a call of a
SQLAlchemy statement builder (``select(…)``, ``insert(…)``, ``update(…)``, ``delete(…)``,
``text(…)``) or of a session's or connection's statement runner (``.execute(…)``,
``.scalar(…)``, ``.scalars(…)``, ``.query(…)``, ``.exec_driver_sql(…)``, ``.delete(…)``)."""

from __future__ import annotations

import ast
from pathlib import Path

import legday.app

APP = Path(legday.app.__file__).parent
BUILDERS = {"select", "insert", "update", "delete", "text"}
RUNNERS = {"execute", "scalar", "scalars", "query", "exec_driver_sql", "delete"}

# Modules whose SQL has not moved into legday.store yet (each one leaves this list when it has).
NOT_YET_IN_STORE = {
    "access_log", "account_export", "accounts", "aggregates", "athletes", "care_links", "catalog",
    "dashboard", "db", "demo_accounts", "entry_checks", "exporting", "gym", "gym_page",
    "importing", "logbook", "maintenance", "mappings", "next_session", "practice", "roster",
    "training", "training_records", "training_views",
}  # fmt: skip


def sql_calls(source: str) -> list[tuple[int, str]]:
    """(line, name) of every statement built or run in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id in BUILDERS:
            found.append((node.lineno, f.id))
        elif isinstance(f, ast.Attribute) and (f.attr in RUNNERS or _sqlalchemy_builder(f)):
            found.append((node.lineno, f.attr))
    return sorted(found)


def _sqlalchemy_builder(f: ast.Attribute) -> bool:
    """``sa.select(…)``, ``sqlalchemy.text(…)``: a builder reached through the module."""
    module = isinstance(f.value, ast.Name) and f.value.id in ("sa", "sqlalchemy")
    return f.attr in BUILDERS and module


def _offenders() -> dict[str, list[tuple[int, str]]]:
    out = {}
    for path in sorted(APP.glob("*.py")):
        calls = sql_calls(path.read_text(encoding="utf-8"))
        if calls:
            out[path.stem] = calls
    return out


def test_use_cases_hold_no_sql() -> None:
    found = _offenders()
    stray = {m: calls for m, calls in found.items() if m not in NOT_YET_IN_STORE}
    assert not stray, f"SQL in legday.app (move it into a legday.store module): {stray}"


def test_the_allow_list_holds_only_modules_with_sql() -> None:
    found = _offenders()
    moved = sorted(m for m in NOT_YET_IN_STORE if m not in found)
    assert not moved, f"no SQL left in {moved}: take them off NOT_YET_IN_STORE"


def test_the_finder_sees_builders_and_runners_and_nothing_else() -> None:
    src = (
        "q = select(A).where(A.x == 1)\n"
        "s.execute(update(A).values(y=2))\n"
        "rows = s.scalars(q)\n"
        "s.delete(row)\n"
        "layers.insert(0, {})\n"  # a list's insert is no statement
        "def delete(db): pass\n"
        "path.read_text()\n"
    )
    assert sql_calls(src) == [
        (1, "select"), (2, "execute"), (2, "update"), (3, "scalars"), (4, "delete"),
    ]  # fmt: skip
