"""Ids and database URLs from the command line: out of range is "no session", an unsupported
driver is one line naming the supported ones — never OverflowError or ModuleNotFoundError."""

from __future__ import annotations

import pytest
from tests.helpers import run_cli


@pytest.mark.parametrize("sid", ["99999999999999999999", "2147483648", "0", "-1"])
@pytest.mark.parametrize("cmd", [("sessions", "show"), ("sessions", "delete", "--yes")])
def test_out_of_range_ids_are_no_such_session(db_url: str, sid: str, cmd: tuple[str, ...]) -> None:
    run_cli("athlete", "add", "Sam", db=db_url)
    assert run_cli("log", "back-squat 100x5", db=db_url).exit_code == 0
    r = run_cli(cmd[0], cmd[1], *cmd[2:], "--", sid, db=db_url)
    assert r.exit_code == 1 and "no session" in r.stderr and r.stderr.count("\n") == 1
    assert len(run_cli("sessions", "list", "--json", db=db_url).json()["sessions"]) == 1


@pytest.mark.parametrize(
    "url",
    [
        "mysql://u@localhost/x",
        "postgresql+psycopg2://u@localhost/x",
        "postgresql+asyncpg://u@localhost/x",
        "postgresql+pg8000://u@localhost/x",
        "sqlite+aiosqlite:///x.db",
        "sqlite+foo:///x.db",
    ],
)
def test_unsupported_drivers_name_the_supported_ones(url: str) -> None:
    r = run_cli("athlete", "list", db=url)
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert "unsupported database driver" in r.stderr
    assert "sqlite://" in r.stderr and "postgresql+psycopg://" in r.stderr


@pytest.mark.parametrize("tid", ["99999999999999999999", "0", "-1"])
def test_out_of_range_test_ids_are_no_such_test(db_url: str, tid: str) -> None:
    run_cli("athlete", "add", "Sam", db=db_url)
    for cmd in (("assess", "delete", "--yes"), ("assess", "edit", "--value", "12")):
        r = run_cli(*cmd, "--", tid, db=db_url)
        assert r.exit_code == 1 and "no recorded test" in r.stderr, r.stderr
        assert r.stderr.count("\n") == 1


def test_a_delete_without_an_answer_deletes_nothing(db_url: str) -> None:
    """No answer to the question (end of input, a script) is "no", not "Aborted."."""
    run_cli("athlete", "add", "Sam", db=db_url)
    assert run_cli("log", "back-squat 100x5", db=db_url).exit_code == 0
    for cmd in (("sessions", "delete", "1"), ("athlete", "remove", "Sam")):
        r = run_cli(*cmd, db=db_url, input="")
        assert r.exit_code == 1 and "Nothing deleted." in r.stderr, r.stderr
    assert len(run_cli("sessions", "list", "--json", db=db_url).json()["sessions"]) == 1
