"""`legday sessions list|show|edit|delete` as a user types them."""

from __future__ import annotations

from tests.helpers import run_cli


def _log(db: str, text: str, day: str, *extra: str) -> int:
    r = run_cli("log", text, "--date", day, "--json", *extra, db=db)
    assert r.exit_code == 0, r.stderr
    return int(r.json()["session"]["id"])


def test_list_show_edit_delete(db_url: str) -> None:
    assert run_cli("athlete", "add", "Sam", db=db_url).exit_code == 0
    a = _log(db_url, "back-squat 100x5x3", "2026-03-01")
    b = _log(db_url, "rdl 80x8x3 @7", "2026-03-05", "--minutes", "40", "--session-rpe", "6")

    doc = run_cli("sessions", "list", "--json", db=db_url).json()
    assert [s["id"] for s in doc["sessions"]] == [b, a]
    doc = run_cli("sessions", "list", "--from", "2026-03-02", "--json", db=db_url).json()
    assert [(s["id"], s["srpe_load"]) for s in doc["sessions"]] == [(b, 240)]  # 6 × 40
    listed = run_cli("sessions", "list", db=db_url)
    assert listed.exit_code == 0 and "romanian-deadlift" in listed.stdout

    shown = run_cli("sessions", "show", str(b), db=db_url)
    assert shown.exit_code == 0 and "Romanian Deadlift" in shown.stdout
    assert "rdl 80x8x3 @7" in shown.stdout  # the exercise name as written, the sets compacted
    doc = run_cli("sessions", "show", str(b), "--json", db=db_url).json()["session"]
    assert doc["shorthand"] == "rdl 80x8x3 @7" and len(doc["sets"]) == 3

    r = run_cli("sessions", "edit", str(b), "--sets", "rdl 85x8,8,6", "--session-rpe", "8",
                "--date", "2026-03-04", "--json", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    e = r.json()["session"]
    assert e["date"] == "2026-03-04" and e["srpe_load"] == 320  # 8 × 40
    assert [x["reps"] for x in e["sets"]] == [8, 8, 6] and e["sets"][0]["load_kg"] == 85
    bad = run_cli("sessions", "edit", str(b), "--sets", "rdl 85x", db=db_url)
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1
    again = run_cli("sessions", "show", str(b), "--json", db=db_url).json()["session"]
    assert [x["reps"] for x in again["sets"]] == [8, 8, 6]  # the failed edit changed nothing

    r = run_cli("sessions", "delete", str(b), db=db_url, input="n\n")
    assert r.exit_code == 1
    r = run_cli("sessions", "delete", str(b), "--yes", "--json", db=db_url)
    assert r.exit_code == 0 and r.json()["deleted"]["id"] == b
    doc = run_cli("sessions", "list", "--json", db=db_url).json()
    assert [s["id"] for s in doc["sessions"]] == [a]
    gone = run_cli("sessions", "show", str(b), db=db_url)
    assert gone.exit_code == 1 and f"no session {b}" in gone.stderr


def test_edit_clears_fields(db_url: str) -> None:
    assert run_cli("athlete", "add", "Sam", db=db_url).exit_code == 0
    b = _log(db_url, "rdl 80x8x3", "2026-03-05", "--minutes", "40", "--session-rpe", "6",
             "--notes", "felt heavy")  # fmt: skip
    r = run_cli("sessions", "edit", str(b), "--clear-notes", "--clear-session-rpe", "--json",
                db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    e = r.json()["session"]
    assert (e["notes"], e["session_rpe"], e["srpe_load"], e["minutes"]) == (None, None, None, 40)
    r = run_cli("sessions", "edit", str(b), "--clear-minutes", "--session-rpe", "7", "--notes",
                "ok", "--json", db=db_url)  # fmt: skip
    e = r.json()["session"]
    assert (e["notes"], e["session_rpe"], e["minutes"]) == ("ok", 7, None)
    r = run_cli("sessions", "edit", str(b), "--notes", "", "--json", db=db_url)
    assert r.json()["session"]["notes"] is None  # an empty --notes clears them too
    bad = run_cli("sessions", "edit", str(b), "--minutes", "30", "--clear-minutes", db=db_url)
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1
    assert "--minutes and --clear-minutes" in bad.stderr
    assert (
        run_cli("sessions", "show", str(b), "--json", db=db_url).json()["session"]["minutes"]
        is None
    )  # the refused edit changed nothing
    helped = run_cli("sessions", "edit", "--help")
    assert all(f in helped.stdout for f in ("--clear-notes", "--clear-session-rpe",
                                           "--clear-minutes"))  # fmt: skip


def test_edit_refusals_name_the_cli_options(sqlite_url: str) -> None:
    """The use-case names its inputs neutrally; the CLI says them as its own options."""
    assert run_cli("athlete", "add", "Sam", db=sqlite_url).exit_code == 0
    b = _log(sqlite_url, "rdl 80x8x3", "2026-03-05", "--notes", "felt heavy")
    both = run_cli("sessions", "edit", str(b), "--notes", "x", "--clear-notes", db=sqlite_url)
    assert both.exit_code == 1
    assert "--notes and --clear-notes were both given" in both.stderr
    nothing = run_cli("sessions", "edit", str(b), db=sqlite_url)
    assert nothing.exit_code == 1
    for option in ("--date", "--session-rpe", "--sets", "--clear-minutes"):
        assert option in nothing.stderr
