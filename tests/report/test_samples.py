"""Every training history in ../shared/samples: imported into a fresh database, its report renders,
and the plotted numbers match a reference computed here from the stored set rows.

The reference is deliberately naive and separate from legday.domain.track: plain Python over the
rows as imported (one row = one set), ISO weeks from ``date.isocalendar()``, lower body from the
catalog's own ``Exercise.is_lower``, Epley written out. It agrees with the charts or the test fails.
SQLite only: the PostgreSQL half of storage is covered by the storage and analytics tests, and ten
imports per backend would make this file slow.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import samples_dir
from tests.helpers import aid, me
from tests.report.fixtures import FIGURES

# (file under ../shared/samples, --unit when the file does not say, athlete's display unit)
SAMPLES = [
    ("fitnotes/fitnotes_2017_2020_weight_lbs_header.csv", None, "lb"),
    ("fitnotes/fitnotes_2025_weight_unit_column_unquoted_commas.csv", None, "kg"),
    ("fitnotes/fitnotes_2026_lbs_with_comment.csv", None, "lb"),
    ("hevy/hevy_kg_2021_2024_setindex_gaps.csv", None, "kg"),
    ("hevy/hevy_kg_supersets_rpe_dropsets.csv", None, "kg"),
    ("hevy/hevy_lbs_minimal_quoting.csv", None, "lb"),
    ("jefit/jefit_full_backup_export_2026.csv", None, "lb"),
    ("strong/strong_2025_workoutnum_semicolon_resttimer_note_letters.csv", None, "kg"),
    ("strong/strong_2025_workoutnum_semicolon_rpe_enum_settypes.csv", None, "kg"),
    # PROVENANCE.md: this layout has no unit column and its weights are pounds.
    ("strong/strong_2026_comma_lbs_warmup_drop_failure_resttimer.csv", "lb", "lb"),
    ("strong/strong_android_2023_semicolon_unit_columns.csv", None, "kg"),
]
# fitnotes_bodytracker_bodyweight.csv is a body-mass log, not a training history: no report.

KG_PER_LB = 0.45359237  # exact (1959 agreement), written out rather than imported


@dataclass
class Built:
    html: str
    charts: dict[str, dict[str, Any]]  # name → embedded {"values", "caption"}
    files: Any
    rows: list[dict[str, Any]]  # the stored sets with their session day
    session_days: list[date]
    unit: str


def _stored_rows(db: Any, name: str) -> tuple[list[dict[str, Any]], list[date]]:
    """Every stored set of the athlete with its session's day, read with plain SQL."""
    from sqlalchemy import text

    with db.read(db.local_actor()) as s:
        aid = s.execute(text("SELECT id FROM athlete WHERE name = :n"), {"n": name}).scalar_one()
        rows = s.execute(
            text(
                "SELECT ts.started_at, se.exercise_id, se.set_type, se.load_kg, se.load_basis, "
                "se.reps FROM set_entry se JOIN training_session ts ON ts.id = se.session_id "
                "WHERE se.athlete_id = :a"
            ),
            {"a": aid},
        ).all()
        starts = s.execute(
            text("SELECT started_at FROM training_session WHERE athlete_id = :a"), {"a": aid}
        ).all()
    out = [
        {
            "day": _day(r[0]),
            "exercise_id": r[1],
            "set_type": r[2],
            "load_kg": r[3],
            "load_basis": r[4],
            "reps": r[5],
        }
        for r in rows
    ]
    return out, sorted(_day(r[0]) for r in starts)


def _day(value: Any) -> date:
    if isinstance(value, str):  # SQLite hands back text through a raw query
        return date.fromisoformat(value[:10])
    return value.date() if hasattr(value, "date") else value


def _embedded(html: str) -> dict[str, dict[str, Any]]:
    found = re.findall(r'<script type="application/json" class="chart-data">(.*?)</script>', html)
    return {d["name"]: d for d in map(json.loads, found)}


@pytest.fixture(scope="module", params=SAMPLES, ids=[Path(s[0]).stem for s in SAMPLES])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    from legday.app import athletes
    from legday.app.db import forget_open_databases, open_database
    from legday.app.reporting import gather
    from legday.report.build import write_report
    from tests.helpers import import_file

    rel, file_unit, show_unit = request.param
    path = samples_dir() / rel
    tmp = tmp_path_factory.mktemp(Path(rel).stem)
    db = open_database(f"sqlite:///{tmp / 'db.sqlite'}")
    try:
        athletes.add(db, me(db), "Sample", athletes.AthleteFields(unit=show_unit))
        import_file(db, path, athlete="Sample", unit=file_unit)
        data = gather(db, me(db), aid(db, "Sample"))
        files = write_report(data, tmp / "report")
        rows, days = _stored_rows(db, "Sample")
    finally:
        forget_open_databases()
    html = files.html.read_text()
    return Built(html, _embedded(html), files, rows, days, show_unit)


def _iso(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _is_lower(exercise_id: str | None) -> bool:
    from legday.domain.catalog.registry import load

    catalog = load()
    return exercise_id is not None and exercise_id in catalog and catalog.get(exercise_id).is_lower


def test_report_renders_every_figure(built: Built) -> None:
    assert set(built.charts) == {c["name"] for c in built.files.charts}
    assert len(built.charts) == len(FIGURES)
    for c in built.files.charts:
        assert Path(c["svg"]).stat().st_size > 500 and Path(c["png"]).stat().st_size > 1000
    for name, doc in built.charts.items():
        assert doc["caption"], name
        assert f'id="chart-{name}"' in built.html
    assert f"loads in {built.unit}" in built.html


def test_lower_body_share_per_iso_week_matches_the_rows(built: Built) -> None:
    lower: dict[str, int] = defaultdict(int)
    every: dict[str, int] = defaultdict(int)
    for r in built.rows:
        if r["set_type"] == "warmup":
            continue
        week = _iso(r["day"])
        every[week] += 1
        lower[week] += _is_lower(r["exercise_id"])
    expected = {w: lower[w] / n for w, n in every.items()}
    plotted = {v["week"]: v["share"] for v in built.charts["neglect-share"]["values"]}
    assert expected, "the sample has working sets"
    assert set(plotted) == set(expected)
    for week, share in expected.items():
        assert plotted[week] == pytest.approx(share, abs=5e-5), week


def test_adherence_calendar_matches_the_sessions(built: Built) -> None:
    per_day: dict[str, int] = defaultdict(int)
    for d in built.session_days:
        per_day[d.isoformat()] += 1
    cells = built.charts["adherence"]["values"]
    plotted = {v["date"]: v["sessions"] for v in cells if v["sessions"]}
    assert plotted == dict(per_day)
    # One cell per calendar day from the first to the last session.
    first, last = built.session_days[0], built.session_days[-1]
    assert len(cells) == (last - first).days + 1


def test_e1rm_trends_match_epley_on_the_rows(built: Built) -> None:
    best: dict[tuple[str, str], float] = {}
    for r in built.rows:
        reps, load = r["reps"], r["load_kg"]
        if (
            r["set_type"] == "warmup"
            or r["load_basis"] != "external"
            or r["exercise_id"] is None
            or reps is None
            or load is None
            or not (1 <= reps <= 10 and load > 0)
        ):
            continue
        key = (r["exercise_id"], _iso(r["day"]))
        best[key] = max(best.get(key, 0.0), load * (1 + reps / 30))
    plotted = built.charts["e1rm-trends"]["values"]
    if not best:
        assert plotted[0].get("message"), "no e1RM data must be said, not drawn blank"
        return
    assert plotted, "the sample has sets of 1–10 reps with a load"
    per_kg = 1 / KG_PER_LB if built.unit == "lb" else 1.0
    for v in plotted:
        assert v["e1rm"] == pytest.approx(best[(v["exercise"], v["week"])] * per_kg, abs=0.051)
    # The figure shows the most-tracked exercises: none left out has more weeks of data.
    weeks_of: dict[str, int] = defaultdict(int)
    for ex, _ in best:
        weeks_of[ex] += 1
    shown = {v["exercise"] for v in plotted}
    fewest_shown = min(weeks_of[ex] for ex in shown)
    assert all(weeks_of[ex] <= fewest_shown for ex in weeks_of if ex not in shown)
