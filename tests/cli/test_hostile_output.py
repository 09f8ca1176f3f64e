"""User and imported text is printed literally: Rich markup is never obeyed and terminal control
characters never reach the terminal, whatever a name, note or file holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from tests.helpers import run_cli

ESC, BEL, CSI = "\x1b", "\x07", "\x9b"
HOSTILE_NAMES = [
    "a[/]b",  # closes a tag that was never opened: Rich raises MarkupError
    "[link=https://evil.example]Sam[/link]",  # would become a hyperlink
    "[bold red]Sam",  # would restyle everything after it
    "x\\",  # a trailing backslash would escape the closing tag of the line
    "Sam :thumbs_up:",  # emoji codes are text, not pictures
]
CONTROL_NAME = f"Eve{ESC}]8;;https://evil.example{BEL}click{ESC}]8;;{BEL}{ESC}[2J{CSI}31m"


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # names stay on one line of a table


def _shown(text: str, out: str) -> bool:
    """``text`` appears literally (Rich may wrap a table title, so whitespace is ignored)."""
    return "".join(text.split()) in "".join(out.split())


def _no_controls(text: str) -> None:
    for c in (ESC, BEL, CSI, "\x00", "\x7f"):
        assert c not in text


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_athlete_names_print_literally(db_url: str, name: str) -> None:
    r = run_cli("athlete", "add", name, db=db_url)
    assert r.exit_code == 0, r.stderr
    assert _shown(name, r.stdout)
    r = run_cli("athlete", "list", db=db_url)
    assert r.exit_code == 0, r.stderr
    assert _shown(name, r.stdout)
    r = run_cli("athlete", "show", db=db_url)
    assert r.exit_code == 0 and _shown(name, r.stdout)


def test_control_characters_never_reach_the_terminal(db_url: str) -> None:
    r = run_cli("athlete", "add", CONTROL_NAME, db=db_url)
    assert r.exit_code == 0, r.stderr
    _no_controls(r.stdout)
    assert "Eve␛]8;;https://evil.example␇click" in r.stdout  # visible, not obeyed
    for cmd in (("athlete", "list"), ("athlete", "show")):
        r = run_cli(*cmd, db=db_url)
        assert r.exit_code == 0, r.stderr
        _no_controls(r.stdout)
    # --json keeps the name as stored (JSON escapes control characters itself).
    r = run_cli("athlete", "list", "--json", db=db_url)
    assert r.json()["athletes"][0]["name"] == " ".join(CONTROL_NAME.split())


def test_a_logged_session_with_markup_in_its_notes_prints_and_is_stored_once(
    db_url: str,
) -> None:
    run_cli("athlete", "add", "a[/]b", db=db_url)
    notes = "felt [/] strong [link=x]y[/link] " + ESC + "[5m"
    r = run_cli("log", "back-squat 100x5x3", "--notes", notes, db=db_url)
    assert r.exit_code == 0, r.stderr
    assert "felt [/] strong [link=x]y[/link]" in r.stdout
    _no_controls(r.stdout)
    sessions = run_cli("sessions", "list", "--json", db=db_url).json()["sessions"]
    assert len(sessions) == 1
    r = run_cli("sessions", "show", str(sessions[0]["id"]), db=db_url)
    assert r.exit_code == 0 and "a[/]b" in r.stdout
    _no_controls(r.stdout)


def test_imported_names_and_file_names_print_literally(db_url: str, tmp_path: Path) -> None:
    name = f"Squat [/] {ESC}[31m(Barbell)"
    path = tmp_path / "str[bold]ong[link=x].csv"
    path.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
        f'2024-01-02 18:00:00,"Legs [bold]",1h,"{name}",1,100,5,0,0,"","",\n',
        encoding="utf-8",
    )
    r = run_cli("import", str(path), "--athlete", "Sam", "--unit", "kg", db=db_url)
    assert r.exit_code == 0, r.stderr
    assert "str[bold]ong[link=x].csv" in r.stdout and "Squat [/] ␛[31m(Barbell)" in r.stdout
    _no_controls(r.stdout)
    for cmd in (("sessions", "list"), ("records",)):
        r = run_cli(*cmd, db=db_url)
        assert r.exit_code == 0, r.stderr
        _no_controls(r.stdout)


def test_error_lines_neutralise_control_characters(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from legday.cli import main as entry

    run_cli("athlete", "add", "Sam", db=sqlite_url)
    monkeypatch.setattr(
        sys, "argv", ["legday", "--db", sqlite_url, "athlete", "show", CONTROL_NAME]
    )
    with pytest.raises(SystemExit) as exc:
        entry.main()
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    _no_controls(err)


def test_helpers() -> None:
    from legday.cli.common import lit, plain

    assert plain("a\x1b[1mb\x07\x9b\u202e") == "a␛[1mb␇\ufffd\ufffd"
    assert plain("line\nnext\tcell") == "line\nnext\tcell"  # layout characters stay
    assert lit("[link=x]y[/link]") == "\\[link=x]y\\[/link]"


@pytest.mark.parametrize("value", ["inf", "nan", "1e400", "-inf"])
def test_number_options_must_be_finite(db_url: str, value: str) -> None:
    r = run_cli("calc", "e1rm", "--load", value, "--reps", "5", db=db_url)
    assert r.exit_code == 2 and "finite" in r.stderr
    run_cli("athlete", "add", "Sam", db=db_url)
    r = run_cli("log", "back-squat 100x5", "--minutes", value, db=db_url)
    assert r.exit_code == 2
    assert run_cli("sessions", "list", "--json", db=db_url).json()["sessions"] == []


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_date_options_outside_the_window(db_url: str, day: str) -> None:
    run_cli("athlete", "add", "Sam", db=db_url)
    r = run_cli("log", "back-squat 100x5", "--date", day, db=db_url)
    assert r.exit_code == 1 and "1900-01-01" in r.stderr and r.stderr.count("\n") == 1
    r = run_cli("sessions", "list", "--from", day, db=db_url)
    assert r.exit_code == 1


def test_json_output_never_prints_infinity(db_url: str) -> None:
    """A value stored before imports refused it (or written by another tool) prints as null."""
    from sqlalchemy import create_engine, text

    run_cli("athlete", "add", "Sam", db=db_url)
    assert run_cli("log", "back-squat 100x5", "--minutes", "30", db=db_url).exit_code == 0
    engine = create_engine(db_url)
    with engine.begin() as c:
        c.execute(text("UPDATE set_entry SET load_kg = :v"), {"v": float("inf")})
        c.execute(text("UPDATE training_session SET session_rpe = :v"), {"v": float("nan")})
    engine.dispose()
    for cmd in (("sessions", "list"), ("sessions", "show", "1"), ("export", "--format", "json")):
        r = run_cli(*cmd, "--json", db=db_url) if cmd[0] != "export" else run_cli(*cmd, db=db_url)
        assert r.exit_code in (0, 1), r.stderr
        if r.exit_code == 0:
            assert "Infinity" not in r.stdout and "NaN" not in r.stdout
            json.loads(r.stdout)
