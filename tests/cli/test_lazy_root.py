"""The console entry point builds commands lazily (cli/main.lazy_root); what users see must be
exactly what the fully built Typer tree shows: the same top-level help, the same commands with
the same options, the same help for each."""

from __future__ import annotations

import pytest
import typer.main
from typer.core import TyperGroup

from legday.cli.main import app, lazy_root


def _help(group: TyperGroup, args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The help text of ``legday ARGS --help``, printed (Rich) or returned (plain)."""
    capsys.readouterr()
    returned = _get_help(group, args)
    printed = capsys.readouterr().out
    assert returned or printed
    return returned + printed


def _get_help(group: TyperGroup, args: list[str]) -> str:
    ctx = group.make_context("legday", [*args, "--help"], resilient_parsing=True)
    cmd: object = group
    sub_ctx = ctx
    for name in args:
        assert isinstance(cmd, TyperGroup)
        cmd = cmd.get_command(sub_ctx, name)
        assert cmd is not None, name
        sub_ctx = cmd.make_context(name, [], parent=sub_ctx, resilient_parsing=True)  # type: ignore[attr-defined]
    return str(cmd.get_help(sub_ctx))  # type: ignore[attr-defined]


def test_top_level_help_is_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    lazy, full = _help(lazy_root(), [], capsys), _help(typer.main.get_group(app), [], capsys)
    assert lazy == full
    assert "Train:" in lazy and "records" in lazy


def test_every_command_is_reachable_with_the_same_options_and_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    full = typer.main.get_group(app)
    lazy = lazy_root()
    ctx_full = full.make_context("legday", ["--help"], resilient_parsing=True)
    ctx_lazy = lazy.make_context("legday", ["--help"], resilient_parsing=True)
    names = full.list_commands(ctx_full)
    assert lazy.list_commands(ctx_lazy) == names
    assert len(lazy.commands) == 0  # nothing built just to list them
    for name in names:
        a, b = full.get_command(ctx_full, name), lazy.get_command(ctx_lazy, name)
        assert a is not None and b is not None, name
        assert [p.name for p in a.params] == [p.name for p in b.params], name
        assert _help(full, [name], capsys) == _help(lazy, [name], capsys), name
        if isinstance(a, TyperGroup):
            assert isinstance(b, TyperGroup)
            assert a.list_commands(ctx_full) == b.list_commands(ctx_lazy), name


def test_running_one_command_builds_only_that_one() -> None:
    lazy = lazy_root()
    ctx = lazy.make_context("legday", ["records", "--help"], resilient_parsing=True)
    lazy.get_command(ctx, "records")
    assert list(lazy.commands) == ["records"]


def test_a_mistyped_command_still_gets_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        lazy_root()(["recods"], prog_name="legday")
    assert done.value.code == 2
    out = capsys.readouterr()
    assert "Did you mean 'records'?" in out.err + out.out
