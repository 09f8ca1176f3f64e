"""Every CLI command with hostile arguments: no traceback, exit code 0/1/2, a one-line error
on exit 1, and every `--json` output afterwards still valid JSON (no NaN, no Infinity)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.hostile import FUZZ, NASTY, Tally, one_line_error, strict_json
from tests.helpers import run_cli

# Left out: the demo and the report build whole folders for minutes, `train` waits for the
# athlete between sets, and `serve` serves until it is stopped (each is exercised by its own
# tests: tests/web, tests/cli/test_serve_*.py).
SKIP = {("demo",), ("report",), ("train",), ("serve",)}


def _commands() -> list[tuple[tuple[str, ...], Any]]:
    from legday.cli.main import app

    root = typer.main.get_command(app)
    out: list[tuple[tuple[str, ...], Any]] = []

    def walk(cmd: Any, path: tuple[str, ...]) -> None:
        if hasattr(cmd, "commands"):  # a group (Typer ships its own click)
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name))
        elif path not in SKIP:
            out.append((path, cmd))

    walk(root, ())
    return sorted(out, key=lambda c: c[0])


COMMANDS = _commands()


def _values(tmp: Path) -> st.SearchStrategy[str]:
    fifo = tmp / "fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    paths = [
        str(fifo),
        "/dev/zero",
        "/dev/null",
        str(tmp),
        str(tmp / ("p" * 300)),
        str(tmp / "new.out"),
    ]
    numbers = st.one_of(
        st.integers(-(10**25), 10**25).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(["0", "1", "5", "100", "-1", "2147483648", "1e400", "nan", "inf"]),
    )
    return st.one_of(
        st.sampled_from(NASTY).filter(lambda v: "\x00" not in v),
        st.sampled_from(paths),
        numbers,
        st.text(
            st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=20
        ),
    )


@st.composite
def invocations(draw: st.DrawFn, tmp: Path) -> list[str]:
    path, cmd = draw(st.sampled_from(COMMANDS))
    values = _values(tmp)
    argv = list(path)
    for param in cmd.params:
        if param.param_type_name == "argument":
            if param.required or draw(st.booleans()):
                argv.append(draw(values))
        elif param.param_type_name == "option" and draw(st.integers(0, 3)) == 0:
            flag = param.opts[-1] if param.opts[-1].startswith("--") else param.opts[0]
            if flag in ("--help", "--yes"):
                continue
            if param.is_flag:
                argv.append(flag)
            else:
                argv += [flag, draw(values)]
    if "--yes" in [o for p in cmd.params for o in getattr(p, "opts", [])] and draw(st.booleans()):
        argv.append("--yes")
    return argv


@pytest.fixture
def seeded(db_url: str) -> str:
    assert run_cli("athlete", "add", "Sam", db=db_url).exit_code == 0
    assert run_cli("log", "back-squat 100x5x3", "--date", "2026-11-03", db=db_url).exit_code == 0
    return db_url


@FUZZ
@given(data=st.data())
def test_every_command_survives_hostile_arguments(seeded: str, tmp_path: Path, data: Any) -> None:
    argv = data.draw(invocations(tmp_path))
    Tally.tried += 1
    os.chdir(tmp_path)  # a relative --out lands in the test's folder
    try:
        r = run_cli(*argv, db=seeded, input="")  # raises on any non-LegdayError exception
        assert r.exit_code in (0, 1, 2), (argv, r.exit_code, r.stderr)
        assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
        if r.exit_code == 1 and r.stderr.strip() and "Nothing deleted" not in r.stderr:
            one_line_error(r.stderr)
        if r.exit_code == 0 and "--json" in argv:
            strict_json(r.stdout)
        # Earlier examples may have added or removed athletes: a later --json either prints
        # valid JSON or says in one line why it cannot (e.g. "say which athlete").
        for cmd in (("sessions", "list", "--json"), ("athlete", "list", "--json")):
            after = run_cli(*cmd, db=seeded)
            assert after.exit_code in (0, 1), after.stderr
            if after.exit_code == 0:
                strict_json(after.stdout)
            else:
                one_line_error(after.stderr)
    except AssertionError:
        Tally.failures += 1
        raise
    except Exception:
        Tally.failures += 1
        raise
