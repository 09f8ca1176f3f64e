"""`legday report`: files written where it says, --json, --format pdf, errors as one line.

The history is the 38-row FitNotes sample (two days, 2026-08-04 and -05, both in ISO week
2026-W32): 4 of its 38 sets are Hip Thrust, the only lower-body exercise, so the report must show
a lower-body share of 4/38 for that week — worked by hand from the CSV.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.conftest import samples_dir
from tests.helpers import run_cli
from tests.report.fixtures import FIGURES as REPORT_FIGURES

FIGURES = set(REPORT_FIGURES)


def _athlete_with_history(db: str) -> None:
    from tests.helpers import import_file

    from legday.app.db import open_database

    assert run_cli("athlete", "add", "Pat", "--unit", "lb", db=db).exit_code == 0
    sample = samples_dir() / "fitnotes" / "fitnotes_2026_lbs_with_comment.csv"
    import_file(open_database(db), sample, athlete="Pat")


@pytest.fixture
def db(sqlite_url: str) -> str:
    _athlete_with_history(sqlite_url)
    return sqlite_url


def _embedded(html: str) -> dict[str, dict[str, object]]:
    found = re.findall(r'<script type="application/json" class="chart-data">(.*?)</script>', html)
    return {d["name"]: d for d in map(json.loads, found)}


def test_report_json_lists_every_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "rep"
    r = run_cli("report", "--athlete", "Pat", "--out", str(out), "--json", db=db)
    assert r.exit_code == 0, r.stderr
    doc = r.json()["report"]
    assert doc["athlete"] == "Pat"
    assert Path(doc["html"]) == out / "report.html" and (out / "report.html").is_file()
    assert doc["pdf"] is None
    assert doc["unit"] == "lb" and doc["from"] is None
    assert doc["lower_set_share"] == pytest.approx(4 / 38)
    assert doc["verdict"].startswith("You have neglected your legs")
    assert {c["name"] for c in doc["charts"]} == FIGURES
    for c in doc["charts"]:
        assert Path(c["svg"]).is_file() and Path(c["png"]).is_file()
    html = (out / "report.html").read_text()
    shares = _embedded(html)["neglect-share"]["values"]
    assert shares == [{"week": "2026-W32", "share": round(4 / 38, 4)}]
    days = [v for v in _embedded(html)["adherence"]["values"] if v["sessions"]]  # type: ignore[union-attr]
    assert [d["date"] for d in days] == ["2026-08-04", "2026-08-05"]
    assert "loads in lb" in html


def test_report_pdf_and_plain_output(db: str, tmp_path: Path) -> None:
    out = tmp_path / "pdf"
    r = run_cli("report", "-a", "Pat", "--out", str(out), "--format", "pdf", db=db)
    assert r.exit_code == 0, r.stderr
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "report.html").is_file()
    flat = " ".join(r.stdout.split())
    assert str(out / "report.html") in flat and str(out / "report.pdf") in flat


def test_period_outside_the_history_still_renders(db: str, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    r = run_cli(
        "report", "-a", "Pat", "--from", "2020-01-01", "--to", "2020-12-31", "--out", str(out),
        "--json", db=db,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    html = (out / "report.html").read_text()
    assert _embedded(html)["adherence"]["values"] == [{"message": "No sessions in this period."}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "docx"), "use html or pdf"),
        (("--from", "2026-09-01", "--to", "2026-08-01"), "is after --to"),
        (("--from", "yesterday"), "expected YYYY-MM-DD"),
        (("--athlete", "Nobody"), "no athlete called 'Nobody'"),
    ],
)
def test_bad_input_is_one_line(
    db: str, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    base = ("report", "--out", str(tmp_path / "x"))
    if "--athlete" not in args:
        base += ("--athlete", "Pat")
    r = run_cli(*base, *args, db=db)
    assert r.exit_code == 1
    assert message in r.stderr
    assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, repr(r.stderr)


def test_out_that_is_a_file_is_exactly_one_line(db: str, tmp_path: Path) -> None:
    # The error comes while the progress bar runs; nothing may be printed before it.
    in_the_way = tmp_path / "taken.txt"
    in_the_way.write_text("mine\n")
    r = run_cli("report", "--athlete", "Pat", "--out", str(in_the_way), db=db)
    assert r.exit_code == 1
    assert r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, repr(r.stderr)
    assert in_the_way.read_text() == "mine\n"
