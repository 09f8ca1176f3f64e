"""`legday plan …` end to end in-process: the JSON contract, show, why, export (ICS with stable
UIDs, HTML, JSON, PDF), check, import, and one-line errors for impossible requests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.helpers import run_cli

GYM = "barbell,dumbbell,machine,bench,cable,box,band"
ARGS = (
    "--goal",
    "strength",
    "--days",
    "3",
    "--minutes",
    "60",
    "--equipment",
    GYM,
    "--weeks",
    "6",
    "--start",
    "2026-11-30",
    "--seed",
    "7",
)


def _setup(db: str) -> dict[str, object]:
    assert (
        run_cli("athlete", "add", "Sam", "--age", "29", "--level", "intermediate", db=db).exit_code
        == 0
    )
    r = run_cli("plan", "generate", "--athlete", "Sam", *ARGS, "--json", db=db)
    assert r.exit_code == 0, r.stderr
    doc: dict[str, object] = r.json()
    return doc


def test_generate_json_contract(db_url: str) -> None:
    doc = _setup(db_url)
    assert {"athlete", "goal_weights", "weeks", "solver", "sources", "warnings"} <= set(doc)
    assert doc["athlete"] == "Sam" and doc["goal_weights"] == {"strength": 1.0}
    assert set(doc["solver"]) >= {"status", "seconds"}  # type: ignore[arg-type]
    assert doc["solver"]["status"] in ("optimal", "feasible")  # type: ignore[index]
    weeks = doc["weeks"]
    assert isinstance(weeks, list) and len(weeks) == 6
    for w in weeks:
        assert set(w) >= {"week", "deload", "sessions"} and isinstance(w["deload"], bool)
        assert len(w["sessions"]) == 3
        for s in w["sessions"]:
            assert set(s) >= {"day", "date", "focus", "est_minutes", "blocks"}
            assert s["est_minutes"] <= 60 * 1.05
            for b in s["blocks"]:
                assert set(b) >= {"kind", "sets", "intensity", "rest_s"}
                assert len({"exercise_id", "routine"} & set(b)) == 1
                assert len({"reps", "seconds", "contacts"} & set(b)) == 1
                assert len(b["intensity"]) == 1
                assert next(iter(b["intensity"])) in ("pct_1rm", "rpe", "rir", "level", "pct_work")
    assert [w["deload"] for w in weeks] == [False, False, False, True, False, False]


def test_show_why_check(db_url: str) -> None:
    _setup(db_url)
    r = run_cli("plan", "show", "--athlete", "Sam", "--week", "2", "--json", db=db_url)
    assert [w["week"] for w in r.json()["weeks"]] == [2]
    assert run_cli("plan", "show", "--athlete", "Sam", db=db_url).exit_code == 0
    r = run_cli("plan", "why", "ramp", "--athlete", "Sam", "--json", db=db_url)
    assert r.exit_code == 0 and "JEFFREYS07" in " ".join(r.json()["reasons"])
    r = run_cli("plan", "why", "no-such-lift", "--athlete", "Sam", db=db_url)
    assert r.exit_code == 1 and r.stderr.startswith("error:")
    r = run_cli("plan", "check", "--athlete", "Sam", "--json", db=db_url)
    assert r.exit_code == 0 and r.json()["ok"] is True


def test_ics_reexport_keeps_uids(db_url: str, tmp_path: Path) -> None:
    from icalendar import Calendar

    _setup(db_url)
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    assert (
        run_cli(
            "plan", "export", "--athlete", "Sam", "--format", "ics", "--out", str(a), db=db_url
        ).exit_code
        == 0
    )
    # regenerate the same plan: a new plan row, same sessions → the calendar events must update
    assert run_cli("plan", "generate", "--athlete", "Sam", *ARGS, db=db_url).exit_code == 0
    assert (
        run_cli(
            "plan", "export", "--athlete", "Sam", "--format", "ics", "--out", str(b), db=db_url
        ).exit_code
        == 0
    )
    ca, cb = (Calendar.from_ical(p.read_bytes()) for p in (a, b))
    ea = [e for e in ca.walk("VEVENT")]
    eb = [e for e in cb.walk("VEVENT")]
    assert len(ea) == 18
    assert [str(e["UID"]) for e in ea] == [str(e["UID"]) for e in eb]
    assert len({str(e["UID"]) for e in ea}) == 18
    assert int(eb[0]["SEQUENCE"]) > int(ea[0]["SEQUENCE"])  # the newer plan wins
    assert "warmup" in str(ea[0]["DESCRIPTION"]) and "Legs week 1" in str(ea[0]["SUMMARY"])


def test_export_json_edit_import(db_url: str, tmp_path: Path) -> None:
    _setup(db_url)
    out = tmp_path / "plan.json"
    assert (
        run_cli(
            "plan", "export", "--athlete", "Sam", "--format", "json", "--out", str(out), db=db_url
        ).exit_code
        == 0
    )
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["weeks"][0]["sessions"][0]["est_minutes"] = 95  # the coach adds work: over the budget
    out.write_text(json.dumps(doc), encoding="utf-8")
    r = run_cli("plan", "import", str(out), "--athlete", "Sam", "--json", db=db_url)
    assert r.exit_code == 1 and "R3" in r.stderr and "--force" in r.stderr  # issue 13
    r = run_cli("plan", "import", str(out), "--athlete", "Sam", "--force", "--json", db=db_url)
    assert r.exit_code == 0 and [v["rule"] for v in r.json()["violations"]] == ["R3"]
    r = run_cli("plan", "check", "--athlete", "Sam", db=db_url)
    assert r.exit_code == 1 and "R3" in r.stdout


def test_html_and_pdf(db_url: str, tmp_path: Path) -> None:
    _setup(db_url)
    html = tmp_path / "p.html"
    assert (
        run_cli(
            "plan", "export", "--athlete", "Sam", "--format", "html", "--out", str(html), db=db_url
        ).exit_code
        == 0
    )
    assert "<table>" in html.read_text(encoding="utf-8")
    pytest.importorskip("weasyprint")
    pdf = tmp_path / "p.pdf"
    r = run_cli(
        "plan", "export", "--athlete", "Sam", "--format", "pdf", "--out", str(pdf), db=db_url
    )
    assert r.exit_code == 0, r.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--minutes", "4", "--goal", "strength,hypertrophy,power,balance,mobility"), "--minutes"),
        (("--goal", "speed"), "goal 'speed'"),
        (("--equipment", "rowing-machine"), "equipment"),
        (("--days", "9"), "days"),
        (("--start", "soon"), "--start"),
        (("--family", "crossfit"), "family"),
    ],
)
def test_bad_requests_are_one_line_errors(db_url: str, args: tuple[str, ...], needle: str) -> None:
    assert run_cli("athlete", "add", "Sam", "--age", "29", db=db_url).exit_code == 0
    r = run_cli("plan", "generate", "--athlete", "Sam", *args, db=db_url)
    assert r.exit_code == 1
    assert r.stderr.startswith("error:") and needle in r.stderr and r.stderr.count("\n") == 1


def test_no_plan_yet(db_url: str) -> None:
    assert run_cli("athlete", "add", "Sam", db=db_url).exit_code == 0
    r = run_cli("plan", "show", "--athlete", "Sam", db=db_url)
    assert r.exit_code == 1 and "plan generate" in r.stderr


def test_profile_file_and_competition(db_url: str, tmp_path: Path) -> None:
    assert (
        run_cli("athlete", "add", "Ana", "--age", "27", "--level", "advanced", db=db_url).exit_code
        == 0
    )
    prof = tmp_path / "ana.toml"
    prof.write_text(f'goals = ["strength"]\ndays = 4\nminutes = 75\nequipment = "{GYM}"\n', "utf-8")
    r = run_cli("plan", "generate", "--athlete", "Ana", "--profile", str(prof), "--start",
                "2026-11-30", "--competition", "2027-01-25", "--json", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    # 2026-11-30 → 2027-01-25 is 8 weeks: block periodization (accumulation, deload every 4th
    # week, intensification) with the last two weeks as the taper.
    phases = [w["phase"] for w in doc["weeks"]]
    assert phases == ["accumulation"] * 3 + ["deload"] + ["intensification"] * 2 + ["taper"] * 2
    assert len(doc["weeks"]) == 8 and doc["profile"]["competition"] == "2027-01-25"
    assert run_cli("plan", "check", "--athlete", "Ana", db=db_url).exit_code == 0


def test_json_stdout_is_one_document_in_a_real_process(tmp_path: Path) -> None:
    """HiGHS prints a banner from C++ on fd 1 when its first solver is built; `--json` must stay
    parseable when legday runs as its own process (not only under the in-process runner)."""
    import subprocess
    import sys

    db = f"sqlite:///{tmp_path / 'p.db'}"
    base = [sys.executable, "-m", "legday", "--db", db]
    subprocess.run([*base, "athlete", "add", "Zed", "--age", "40"], check=True, capture_output=True)
    out = subprocess.run(
        [*base, "plan", "generate", "--athlete", "Zed", "--goal", "strength", "--weeks", "4",
         "--equipment", "dumbbell,bench", "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    doc = json.loads(out.stdout)
    assert doc["athlete"] == "Zed" and len(doc["weeks"]) == 4


def test_show_is_readable_at_80_columns(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from legday.domain.catalog import load

    doc = _setup(db_url)
    monkeypatch.setenv("COLUMNS", "80")
    r = run_cli("plan", "show", "--athlete", "Sam", "--week", "1", db=db_url)
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in r.stdout  # nothing truncated
    names = {e.id: e.name for e in load()}
    week1 = doc["weeks"][0]  # type: ignore[index]
    words = set(r.stdout.replace("│", " ").split())
    for s in week1["sessions"]:
        for b in s["blocks"]:
            if "exercise_id" in b:
                # the catalog name, word by word (cells wrap between words), not the id
                assert set(names[b["exercise_id"]].split()) <= words, names[b["exercise_id"]]
            else:
                assert "RAMP" in words


def test_check_finds_pct_1rm_on_body_weight_work(db_url: str, tmp_path: Path) -> None:
    # A coach swaps the heavy squat for a body-weight squat but keeps "4 × 4 @ 80 % 1RM":
    # R31 says that dose means nothing without an external load.
    _setup(db_url)
    out = tmp_path / "plan.json"
    assert run_cli("plan", "export", "--athlete", "Sam", "--format", "json", "--out", str(out),
                   db=db_url).exit_code == 0  # fmt: skip
    doc = json.loads(out.read_text(encoding="utf-8"))
    block = next(b for b in doc["weeks"][0]["sessions"][0]["blocks"] if b["kind"] == "strength")
    block["exercise_id"] = "bodyweight-squat"
    block["intensity"] = {"pct_1rm": 80.0}
    out.write_text(json.dumps(doc), encoding="utf-8")
    refused = run_cli("plan", "import", str(out), "--athlete", "Sam", db=db_url)
    assert refused.exit_code == 1 and "R31" in refused.stderr  # nothing stored (issue 13)
    forced = run_cli("plan", "import", str(out), "--athlete", "Sam", "--force", db=db_url)
    assert forced.exit_code == 0
    r = run_cli("plan", "check", "--athlete", "Sam", db=db_url)
    assert r.exit_code == 1
    assert "R31" in r.stdout and "bodyweight-squat" in r.stdout


def test_strong_lifter_without_equipment_gets_barbell_lifts(db_url: str) -> None:
    # The review's case: an intermediate lifter imports a Strong export and asks for a plan
    # without --equipment. Their barbell history decides the equipment, and the plan says so.
    from tests.conftest import samples_dir

    sample = samples_dir() / "strong" / "strong_2026_comma_lbs_warmup_drop_failure_resttimer.csv"
    run_cli("athlete", "add", "Lee", "--age", "31", "--level", "intermediate", db=db_url)
    r = run_cli("import", str(sample), "--athlete", "Lee", "--unit", "lb", db=db_url)
    assert r.exit_code == 0, r.stderr
    r = run_cli("plan", "generate", "--athlete", "Lee", "--goal", "strength", "--days", "3",
                "--minutes", "60", "--weeks", "4", "--json", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert doc["warnings"][0].startswith("equipment inferred from your history: barbell")
    assert "barbell" in doc["profile"]["equipment"]
    strength = [b["exercise_id"] for w in doc["weeks"] for s in w["sessions"]
                for b in s["blocks"] if b["kind"] == "strength"]  # fmt: skip
    assert not [e for e in strength if e.startswith("fifa-")]
    assert {"back-squat", "conventional-deadlift", "romanian-deadlift"} & set(strength)


def test_generate_points_at_a_show_command_that_works_with_two_athletes(db_url: str) -> None:
    import re
    import shlex

    _setup(db_url)
    assert run_cli("athlete", "add", "Ana Lee", "--age", "34", db=db_url).exit_code == 0
    r = run_cli("plan", "generate", "--athlete", "Ana Lee", *ARGS, db=db_url)
    assert r.exit_code == 0, r.stderr
    shown = re.search(r"`legday (plan show[^`]*)`", " ".join(r.stdout.split()))
    assert shown, r.stdout
    again = run_cli(*shlex.split(shown.group(1)), db=db_url)
    assert again.exit_code == 0, again.stderr
    assert "Ana Lee" in again.stdout


@pytest.mark.parametrize("fmt", ["ics", "json"])
def test_export_to_a_folder_or_a_missing_folder_is_one_error_line(
    db_url: str, tmp_path: Path, fmt: str
) -> None:
    _setup(db_url)
    folder = tmp_path / "exports"
    folder.mkdir()
    for out in (folder, folder / "missing" / f"plan.{fmt}"):
        r = run_cli("plan", "export", "--athlete", "Sam", "--format", fmt, "--out", str(out),
                    db=db_url)  # fmt: skip
        assert r.exit_code == 1
        assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, r.stderr
        assert str(out) in r.stderr
    assert list(folder.iterdir()) == []  # nothing half-written


def test_sessions_short_of_time_ask_for_one_number_of_minutes_that_fits_them_all() -> None:
    from legday.cli.plan_cmd import _remedy_lines

    remedies = [
        {"rule": "R3", "options": [{"field": "minutes", "bound": b}, {"field": "goals"}]}
        for b in (37, 35, 43, 32)
    ] + [{"rule": "R11", "options": [{"field": "minutes", "bound": 60}]}]
    assert _remedy_lines(remedies, []) == [
        ("R3", "--minutes 43 or fewer --goal"),  # 37 would leave the 43-minute session short
        ("R11", "--minutes 60"),
    ]
