"""Every CLI module attaches its commands in ``register(app)`` and nowhere else: importing a module
adds nothing anywhere, and registering onto two fresh roots builds the same tree twice."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import typer

from legday.cli.main import COMMAND_MODULES, app


def _tree(root: typer.Typer) -> dict[str, list[str]]:
    """Command name → its subcommands (empty for a plain command), in registration order."""
    tree: dict[str, list[str]] = {}
    for c in root.registered_commands:
        assert c.name
        tree[c.name] = []
    for g in root.registered_groups:
        assert g.name and isinstance(g.typer_instance, typer.Typer)
        tree[g.name] = [str(c.name) for c in g.typer_instance.registered_commands]
    return tree


def _fresh_root() -> typer.Typer:
    from importlib import import_module

    root = typer.Typer()
    for name in COMMAND_MODULES:
        import_module(name).register(root)
    return root


def test_registering_twice_builds_the_same_tree_without_shared_state() -> None:
    first, second = _fresh_root(), _fresh_root()
    assert _tree(first) == _tree(second) == _tree(app)
    # Two roots share no group object: a command added to one is not in the other.
    for a, b in zip(first.registered_groups, second.registered_groups, strict=True):
        assert a.typer_instance is not b.typer_instance


def test_the_tree_holds_every_command_of_the_loop() -> None:
    tree = _tree(app)
    assert tree["calc"] == ["e1rm", "jump-power", "bmr", "kcal", "score", "plates", "warmup"]
    assert tree["assess"] == [
        "score", "record", "history", "list", "explain", "edit", "delete", "rts"
    ]  # fmt: skip
    assert tree["exercises"] == ["list", "show", "match", "programme", "map"]
    assert {"log", "sessions", "records", "analyze", "audit", "train", "next"} <= set(tree)


def test_importing_a_command_module_attaches_nothing() -> None:
    # In a fresh interpreter: import every module of legday.cli except the root, then look for
    # any Typer object that already holds a command.
    code = (
        "import importlib, pkgutil, typer, legday.cli as cli\n"
        "names = [m.name for m in pkgutil.iter_modules(cli.__path__, 'legday.cli.')\n"
        "         if m.name != 'legday.cli.main']\n"
        "mods = [importlib.import_module(n) for n in names]\n"
        "bad = [f'{m.__name__}.{k}' for m in mods for k, v in vars(m).items()\n"
        "       if isinstance(v, typer.Typer) and (v.registered_commands or v.registered_groups)]\n"
        "print(len(mods), ','.join(bad))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, bad = r.stdout.strip().split(" ", 1) if " " in r.stdout.strip() else (r.stdout, "")
    assert int(count) >= len(COMMAND_MODULES) and bad.strip() == ""


def test_every_listed_module_has_a_register() -> None:
    from importlib import import_module

    missing: list[Any] = [n for n in COMMAND_MODULES if not callable(
        getattr(import_module(n), "register", None)
    )]  # fmt: skip
    assert missing == []
