"""`legday athlete …` as a user types it."""

from __future__ import annotations

import pytest
from tests.helpers import run_cli


def test_add_list_show_edit_remove(db_url: str) -> None:
    r = run_cli(
        "athlete", "add", "Rita", "--age", "72", "--sex", "female", "--mass-kg", "64.5",
        "--height-cm", "160", "--unit", "lb", "--limitation", "balance-impairment",
        "--json", db=db_url,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    a = r.json()["athlete"]
    assert a["age"] == 72 and a["unit"] == "lb" and a["limitations"] == ["balance-impairment"]
    # Stored in kg, shown in lb: 64.5 kg / 0.45359237 = 142.198… lb.
    assert a["body_mass_kg"] == 64.5 and a["body_mass"] == pytest.approx(142.2)

    r = run_cli("athlete", "list", "--json", db=db_url)
    assert [x["name"] for x in r.json()["athletes"]] == ["Rita"]

    r = run_cli("athlete", "show", db=db_url)  # the only athlete: name may be left out
    assert r.exit_code == 0 and "142.2 lb" in r.stdout

    r = run_cli("athlete", "edit", "Rita", "--mass-kg", "63", "--level", "intermediate",
                "--json", db=db_url)  # fmt: skip
    assert r.json()["athlete"]["body_mass_kg"] == 63 and r.json()["athlete"]["level"] == (
        "intermediate"
    )

    r = run_cli("athlete", "remove", "Rita", db=db_url, input="n\n")
    assert r.exit_code == 1
    assert run_cli("athlete", "list", "--json", db=db_url).json()["athletes"] != []
    r = run_cli("athlete", "remove", "Rita", "--yes", db=db_url)
    assert r.exit_code == 0
    assert run_cli("athlete", "list", "--json", db=db_url).json()["athletes"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sex", "other"], "sex"),
        (["--level", "elite"], "level"),
        (["--unit", "stone"], "unit"),
        (["--mass-kg", "-3"], "body mass"),
        (["--age", "300"], "age"),
        (["--birth-date", "2020-13-01"], "--birth-date"),
        (["--limitation", "bad-knees"], "limitation"),
    ],
)
def test_bad_values_are_one_line_and_exit_1(db_url: str, args: list[str], message: str) -> None:
    r = run_cli("athlete", "add", "X", *args, db=db_url)
    assert r.exit_code == 1
    assert message in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert run_cli("athlete", "list", "--json", db=db_url).json()["athletes"] == []


def test_unknown_athlete(db_url: str) -> None:
    run_cli("athlete", "add", "Ann", db=db_url)
    run_cli("athlete", "add", "Bob", db=db_url)
    r = run_cli("athlete", "show", "Zed", db=db_url)
    assert r.exit_code == 1 and "no athlete called 'Zed'" in r.stderr
    r = run_cli("athlete", "show", db=db_url)
    assert r.exit_code == 1 and "--athlete" in r.stderr


def test_usage_error_is_exit_2(db_url: str) -> None:
    assert run_cli("athlete", "add", db=db_url).exit_code == 2
    assert run_cli("athlete", "frobnicate", db=db_url).exit_code == 2


def test_version() -> None:
    from legday import __version__

    r = run_cli("--version")
    assert r.exit_code == 0 and __version__ in r.stdout
