"""`legday assess record --again`, `assess edit ID`, `assess delete ID`, end to end."""

from __future__ import annotations

from tests.helpers import run_cli


def test_repeat_edit_delete(db_url: str) -> None:
    assert run_cli("athlete", "add", "Ann", "--age", "72", "--sex", "female",
                   db=db_url).exit_code == 0  # fmt: skip
    rec = ("assess", "record", "chair-stand-30s", "--value", "9", "--athlete", "Ann", "--date",
           "2026-01-05", "--json")  # fmt: skip
    first = run_cli(*rec, db=db_url)
    assert first.exit_code == 0, first.stderr
    tid = first.json()["id"]
    again = run_cli(*rec, db=db_url)
    assert again.exit_code == 1
    assert "already recorded on 2026-01-05" in again.stderr and "--again" in again.stderr
    assert f"legday assess edit {tid}" in again.stderr
    second = run_cli(*rec, "--again", db=db_url)
    assert second.exit_code == 0, second.stderr
    # Correct the first to 12 stands: women 70–74 normal 10–15, so no fall-risk flag.
    ed = run_cli("assess", "edit", str(tid), "--value", "12", "--json", db=db_url)
    assert ed.exit_code == 0, ed.stderr
    doc = ed.json()
    assert (doc["id"], doc["value"], doc["rating"], doc["flags"]) == (tid, 12, "normal", [])
    assert doc["before"]["flags"] == ["fall-risk"] and doc["before"]["rating"] == "below"
    text = run_cli("assess", "edit", str(tid), "--notes", "retested", db=db_url)
    assert text.exit_code == 0 and "was: value 12" in text.stdout
    h = run_cli("assess", "history", "--athlete", "Ann", "--json", db=db_url).json()
    entries = h["tests"][0]["entries"]
    assert entries[0]["inputs"] == {"value": 12, "age": 72, "sex": "female"}
    assert [(e["id"], e["value"], e["flags"]) for e in entries] == [
        (tid, 12, []), (second.json()["id"], 9, ["fall-risk"])]  # fmt: skip
    assert str(tid) in run_cli("assess", "history", "--athlete", "Ann", db=db_url).stdout
    gone = run_cli("assess", "delete", str(second.json()["id"]), "--yes", "--json", db=db_url)
    assert gone.exit_code == 0, gone.stderr
    assert gone.json()["deleted"]["flags"] == ["fall-risk"]
    left = run_cli("assess", "history", "--athlete", "Ann", "--json", db=db_url).json()
    assert [e["id"] for e in left["tests"][0]["entries"]] == [tid]
    missing = run_cli("assess", "delete", "999", "--yes", db=db_url)
    assert missing.exit_code == 1 and "no recorded test with id 999" in missing.stderr
    declined = run_cli("assess", "delete", str(tid), input="n\n", db=db_url)
    assert declined.exit_code == 1
    assert len(run_cli("assess", "history", "--athlete", "Ann", "--json",
                       db=db_url).json()["tests"]) == 1  # fmt: skip
