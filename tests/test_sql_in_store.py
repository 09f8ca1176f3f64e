"""The only SQL in the code is in legday.store: the use-cases (legday.app) and the shells call
store functions per aggregate, so the tenant filter and the bulk writes live in one place each
(docs/architecture.md#the-store-layer). Read by the syntax tree, so a comment or a docstring
that names a statement does not count, and an import under another name does."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "legday"
CHECKED = ("app", "cli", "web", "report", "demo")

# Use-case modules still holding their own queries, left to the engineers moving them into the
# store. EMPTY THIS as each is moved; a module not listed here fails on its first statement.
NOT_YET_IN_STORE: frozenset[str] = frozenset(
    {
        "app/db.py",
    }
)

# What builds or runs a statement: SQLAlchemy's statement and expression constructors, and the
# methods that send one to the database.
CONSTRUCTORS = frozenset(
    {
        "select", "insert", "update", "delete", "text", "func", "and_", "or_", "not_", "case",
        "union", "union_all", "exists", "literal", "literal_column", "column", "table", "tuple_",
        "bindparam", "null", "true", "false", "cast", "distinct", "desc", "asc", "over",
    }
)  # fmt: skip
RUNNERS = frozenset({"execute", "executemany", "scalar", "scalars", "exec_driver_sql", "query"})
# SQL written as text, in the capitals this code writes it in (prose says "select the best").
STATEMENT = re.compile(
    r"\s*(SELECT\b.*\bFROM\b|INSERT INTO\b|UPDATE\b.*\bSET\b|DELETE FROM\b|PRAGMA\b)", re.S
)


def _model_names(tree: ast.Module) -> set[str]:
    """Names bound to the store's ORM classes (``from legday.store.models import Athlete``)."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("legday.store.")
        and (node.module or "").endswith("models")
        for alias in node.names
    }  # fmt: skip


def sql_in(path: Path) -> list[str]:
    """Each place in ``path`` that writes or runs SQL, as "line: what"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    models = _model_names(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            for alias in node.names:
                if alias.name in CONSTRUCTORS:
                    found.append(f"{node.lineno}: imports sqlalchemy's {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr in CONSTRUCTORS:
            base = node.value
            if isinstance(base, ast.Name) and base.id in {"sa", "sqlalchemy"}:
                found.append(f"{node.lineno}: sqlalchemy.{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in RUNNERS:
                found.append(f"{node.lineno}: .{name}(…)")
            elif (
                name == "get"
                and node.args
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id in models
            ):
                found.append(f"{node.lineno}: .get({node.args[0].id}, …) by primary key")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and STATEMENT.match(node.value)
        ):
            found.append(f"{node.lineno}: SQL text {node.value.strip()[:40]!r}")
    return found


def _modules() -> list[Path]:
    return sorted(p for part in CHECKED for p in (SRC / part).rglob("*.py"))


def test_no_sql_outside_the_store() -> None:
    found = [
        f"{path.relative_to(SRC)}:{where}"
        for path in _modules()
        if str(path.relative_to(SRC)) not in NOT_YET_IN_STORE
        for where in sql_in(path)
    ]
    assert not found, "SQL outside legday.store (move it into a store function):\n" + "\n".join(
        found
    )


def test_the_allow_list_names_only_modules_that_still_hold_sql() -> None:
    """A module moved into the store leaves the list, so it cannot slip back."""
    stale = sorted(m for m in NOT_YET_IN_STORE if not sql_in(SRC / m))
    assert not stale, f"no SQL left in {stale}: remove them from NOT_YET_IN_STORE"


def test_the_check_sees_each_kind_of_statement(tmp_path: Path) -> None:
    """Each form the check looks for is found; plain Python with the same words is not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sqlalchemy import select as pick\n"
        "from legday.store.models import Athlete\n"
        "import sqlalchemy as sa\n"
        "def f(s, conn):\n"
        "    s.get(Athlete, 1)\n"
        "    conn.exec_driver_sql('x')\n"
        "    s.scalars(pick(Athlete))\n"
        "    sa.text('1')\n"
        "    return 'SELECT id FROM athlete'\n"
        "def g(d):\n"
        "    '''select the best set from the list'''\n"
        "    return d.get('key'), 'update the plan'\n",
        encoding="utf-8",
    )
    found = [line.split(":", 1)[0] for line in sql_in(sample)]
    assert found.count("1") == 1 and "5" in found and "6" in found and "7" in found
    assert "8" in found and "9" in found
    assert not {"11", "12"} & set(found)
