"""Every real export in ../shared/samples parses, with counts derived here independently: the
stdlib csv module plus the rules of docs/evidence/import-formats.md, and the figures PROVENANCE.md
states."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from legday.interop import detect
from tests.conftest import samples_dir

STRONG_PSEUDO = {"Rest Timer", "Note"}
STRONG_WARMUP = {"W", "WARM_UP"}


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def _empty(r: dict[str, str]) -> bool:
    """A set row with no weight, reps, seconds or distance: a set the app listed but the user
    did not finish (issue 13), not a body-weight set."""
    cells = [v for k, v in r.items() if k and k.split(" (")[0] in ("Weight", "Reps", "Seconds",
             "Distance")]  # fmt: skip
    return all(float((v or "0").replace(",", ".")) == 0 for v in cells)


def _strong_truth(path: Path) -> tuple[int, int, int]:
    """(sessions, sets, warm-ups) counted with csv.DictReader and
    docs/evidence/import-formats.md#strong; unfinished rows are not sets, and a workout of nothing
    but unfinished rows is no session."""
    text = _read(path)
    header = text.splitlines()[0]
    delim = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delim))
    listed = [r for r in rows if r["Set Order"] not in STRONG_PSEUDO]
    sets = [r for r in listed if not _empty(r)]
    key = lambda r: (r.get("Workout #", ""), r["Date"])  # noqa: E731
    empty_only = {key(r) for r in listed} - {key(r) for r in sets}
    sessions = {key(r) for r in rows} - empty_only
    warm = sum(1 for r in sets if r["Set Order"] in STRONG_WARMUP)
    return len(sessions), len(sets), warm


@pytest.mark.parametrize(
    "name,unit",
    [
        ("strong_2026_comma_lbs_warmup_drop_failure_resttimer.csv", "lb"),
        ("strong_android_2023_semicolon_unit_columns.csv", None),
        ("strong_2025_workoutnum_semicolon_rpe_enum_settypes.csv", None),
        ("strong_2025_workoutnum_semicolon_resttimer_note_letters.csv", None),
    ],
)
def test_strong_samples(name: str, unit: str | None) -> None:
    path = samples_dir() / "strong" / name
    sessions, sets, warm = _strong_truth(path)
    parsed = detect.parse(path.read_bytes(), str(path), None, unit)  # type: ignore[arg-type]
    assert parsed.format == "strong"
    assert len(parsed.sessions) == sessions
    assert parsed.set_count == sets
    assert sum(1 for s in parsed.sessions for x in s.sets if x.set_type == "warmup") == warm
    keys = [x.dedupe_key for s in parsed.sessions for x in s.sets]
    assert len(set(keys)) == len(keys), "dedupe keys must be unique within one export"


def test_strong_classic_lb_values_and_types() -> None:
    """The Andrew50 file is lb (docs/evidence/import-formats.md#strong-layout-a): its first set is
    135 lb bench press."""
    path = samples_dir() / "strong" / "strong_2026_comma_lbs_warmup_drop_failure_resttimer.csv"
    parsed = detect.parse(path.read_bytes(), str(path), None, "lb")
    first = parsed.sessions[0].sets[0]
    assert first.exercise_raw == "Bench Press (Barbell)"
    assert first.load_kg == pytest.approx(135 * 0.45359237)
    assert first.reps == 8
    kinds = Counter(x.set_type for s in parsed.sessions for x in s.sets)
    assert kinds["drop"] > 0 and kinds["failure"] > 0
    # Timer left running: the file has 48 h workouts; flagged, not dropped
    # (docs/evidence/import-formats.md#strong-set-order).
    long = [s for s in parsed.sessions if (s.duration_s or 0) > 6 * 3600]
    assert long and all(s.warnings for s in long)


def test_strong_layout_c_lb_noise_snaps_back() -> None:
    """22.6796185 kg in the cmccorkle file is 50 lb exactly
    (docs/evidence/import-formats.md#strong-layout-c)."""
    path = samples_dir() / "strong" / "strong_2025_workoutnum_semicolon_rpe_enum_settypes.csv"
    parsed = detect.parse(path.read_bytes(), str(path))
    loads = {x.load_kg for s in parsed.sessions for x in s.sets if x.load_kg}
    assert any(abs(v - 50 * 0.45359237) < 1e-6 for v in loads)
    assert all(
        abs(v / 0.45359237 * 10 - round(v / 0.45359237 * 10)) < 1e-3
        or abs(v * 200 - round(v * 200)) < 1e-6
        for v in loads
    ), "on a 0.1-lb or 5-g grid"
    rpes = {x.rpe for s in parsed.sessions for x in s.sets if x.rpe is not None}
    assert 7.5 in rpes and max(rpes) <= 10


HEVY_ROWS = {  # PROVENANCE.md, rows column
    "hevy_kg_supersets_rpe_dropsets.csv": 8650,
    "hevy_kg_2021_2024_setindex_gaps.csv": 3928,
    "hevy_lbs_minimal_quoting.csv": 681,
}


@pytest.mark.parametrize("name", sorted(HEVY_ROWS))
def test_hevy_samples(name: str) -> None:
    path = samples_dir() / "hevy" / name
    rows = list(csv.DictReader(io.StringIO(_read(path), newline="")))
    assert len(rows) == HEVY_ROWS[name]
    sessions = {(r["title"], r["start_time"], r["end_time"]) for r in rows}
    parsed = detect.parse(path.read_bytes(), str(path))
    assert parsed.format == "hevy"
    assert parsed.set_count == len(rows)
    assert len(parsed.sessions) == len(sessions)
    got = Counter(x.set_type for s in parsed.sessions for x in s.sets)
    want = Counter(r["set_type"] for r in rows)
    assert got["warmup"] == want["warmup"] and got["drop"] == want["dropset"]
    assert got["failure"] == want["failure"] and got["working"] == want["normal"]


def test_hevy_set_type_figures_from_provenance() -> None:
    path = samples_dir() / "hevy" / "hevy_kg_supersets_rpe_dropsets.csv"
    parsed = detect.parse(path.read_bytes(), str(path))
    got = Counter(x.set_type for s in parsed.sessions for x in s.sets)
    assert (got["working"], got["warmup"], got["drop"], got["failure"]) == (6984, 1179, 447, 40)


def test_hevy_lbs_converted() -> None:
    path = samples_dir() / "hevy" / "hevy_lbs_minimal_quoting.csv"
    rows = list(csv.DictReader(io.StringIO(_read(path), newline="")))
    parsed = detect.parse(path.read_bytes(), str(path))
    by_line = {x.source_row: x for s in parsed.sessions for x in s.sets}
    r0 = rows[0]
    assert r0["weight_lbs"] == "105"
    match = [x for x in by_line.values() if x.exercise_raw == r0["exercise_title"]]
    assert any(x.load_kg == pytest.approx(105 * 0.45359237) for x in match)


FITNOTES_ROWS = {  # PROVENANCE.md
    "fitnotes_2025_weight_unit_column_unquoted_commas.csv": 1624,
    "fitnotes_2017_2020_weight_lbs_header.csv": 11493,
    "fitnotes_2026_lbs_with_comment.csv": 38,
}


@pytest.mark.parametrize("name", sorted(FITNOTES_ROWS))
def test_fitnotes_samples(name: str) -> None:
    path = samples_dir() / "fitnotes" / name
    rows = list(csv.reader(io.StringIO(_read(path), newline="")))
    header, data = rows[0], rows[1:]
    assert len(data) == FITNOTES_ROWS[name]
    parsed = detect.parse(path.read_bytes(), str(path))
    assert parsed.format == "fitnotes"
    assert parsed.set_count == len(data)
    assert len(parsed.sessions) == len({r[0] for r in data})
    # Rows with an unquoted comma in the name: one extra field each
    # (docs/evidence/import-formats.md#fitnotes).
    long_rows = [r for r in data if len(r) > len(header)]
    names = {x.exercise_raw for s in parsed.sessions for x in s.sets}
    for r in long_rows:
        extra = len(r) - len(header)
        assert ",".join(r[1 : 2 + extra]) in names


def test_fitnotes_unquoted_comma_figure_from_provenance() -> None:
    path = samples_dir() / "fitnotes" / "fitnotes_2025_weight_unit_column_unquoted_commas.csv"
    parsed = detect.parse(path.read_bytes(), str(path))
    with_comma = [x for s in parsed.sessions for x in s.sets if "," in x.exercise_raw]
    assert len(with_comma) == 99
    assert {x.exercise_raw for x in with_comma} >= {"Overhead Press (Each Side, Dumbbells)"}


def test_fitnotes_lbs_export_snaps_to_kg() -> None:
    """77.16 / 143.3 / 198.42 lb are 35 / 65 / 90 kg entered in kg
    (docs/evidence/import-formats.md#fitnotes)."""
    path = samples_dir() / "fitnotes" / "fitnotes_2026_lbs_with_comment.csv"
    parsed = detect.parse(path.read_bytes(), str(path))
    first = [x.load_kg for x in parsed.sessions[0].sets[:3]]
    assert first == [35.0, 65.0, 90.0]


def test_fitnotes_body_tracker_gives_latest_body_weight() -> None:
    path = samples_dir() / "fitnotes" / "fitnotes_bodytracker_bodyweight.csv"
    rows = list(csv.DictReader(io.StringIO(_read(path), newline="")))
    latest = max(rows, key=lambda r: (r["Date"], r["Time"]))
    parsed = detect.parse(path.read_bytes(), str(path))
    assert parsed.sessions == []
    assert parsed.body_mass_kg == pytest.approx(float(latest["Value"]) * 0.45359237, abs=0.01)


def _jefit_sections(text: str) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    blocks = text.split("\n### ")
    for b in blocks:
        b = b.removeprefix("### ")
        name, _, rest = b.partition("\n")
        name = name.strip("# ").strip()
        body = rest.split("\n######")[0].strip("\n")
        out[name] = list(csv.DictReader(io.StringIO(body, newline=""))) if body else []
    return out


def test_jefit_sample() -> None:
    """Sets counted by the rules of docs/evidence/import-formats.md#jefit, written out here on their
    own terms."""
    path = samples_dir() / "jefit" / "jefit_full_backup_export_2026.csv"
    sec = _jefit_sections(_read(path))
    assert len(sec["EXERCISE LOGS"]) == 2666 and len(sec["EXERCISE SET LOGS"]) == 2339
    per_log: Counter[str] = Counter()
    for r in sec["EXERCISE SET LOGS"]:
        empty = all(not float(r[k] or 0) for k in ("weight_lbs", "reps", "distance_mi", "duration"))
        if not empty:
            per_log[r["exercise_log_id"]] += 1
    groups: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
    for r in sec["EXERCISE LOGS"]:
        items = [i.strip() for i in r["logs"].split(",") if i.strip()]
        items = [i for i in items if tuple(float(v) for v in i.split("x")) != (0.0, 0.0)]
        groups.setdefault((r["belongsession"], r["eid"] + r["ename"]), []).append((r["_id"], items))
    want = 0
    for rows in groups.values():
        for log_id, items in rows:
            if log_id in {r["exercise_log_id"] for r in sec["EXERCISE SET LOGS"]}:
                want += per_log[log_id]
                continue
            norm = [tuple(float(v) for v in i.split("x")) for i in items]
            others = [
                [tuple(float(v) for v in i.split("x")) for i in o]
                for oid, o in rows
                if oid != log_id
            ]
            if not any(len(o) > len(norm) and o[: len(norm)] == norm for o in others):
                want += len(items)
    parsed = detect.parse(path.read_bytes(), str(path))
    assert parsed.format == "jefit"
    assert parsed.set_count == want
    # The first logged workout (2010-11-28): 3 × 15 at 50 lb dumbbell bench press, the 1-set row
    # being a snapshot of the same instance.
    first = parsed.sessions[0]
    assert first.started_at.date().isoformat() == "2010-11-28"
    bench = [x for x in first.sets if x.exercise_raw == "Dumbbell Bench Press"]
    assert [(x.reps, round(x.load_kg or 0, 3)) for x in bench] == [(15, 22.68)] * 3


def test_every_sample_is_detected() -> None:
    want = {"strong": "strong", "hevy": "hevy", "fitnotes": "fitnotes", "jefit": "jefit"}
    files = [p for p in samples_dir().rglob("*.csv")]
    assert len(files) >= 12
    for p in files:
        assert detect.detect(p.read_bytes()[:4096], str(p)) == want[p.parent.name], p


def expected_sets(path: Path) -> int:
    """The number of sets in any sample, by the counting rules above (used by the database
    tests too, so they compare what is stored with a figure the importer did not produce)."""
    family = path.parent.name
    if family == "strong":
        return _strong_truth(path)[1]
    if family == "hevy":
        return len(list(csv.DictReader(io.StringIO(_read(path), newline=""))))
    if family == "fitnotes":
        rows = list(csv.reader(io.StringIO(_read(path), newline="")))
        return 0 if rows[0][:3] == ["Date", "Time", "Measurement"] else len(rows) - 1
    raise ValueError(f"no independent count for {path}")
