"""Every importer with generated hostile cells and damaged files: the import either succeeds or
fails with one line naming the file (and the line, for a cell); a failed import leaves the
database exactly as it was; every `--json` afterwards is valid JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.hostile import (
    FILE_LINE,
    FUZZ,
    Tally,
    cells,
    json_values,
    one_line_error,
    strict_json,
)
from tests.helpers import run_cli
from tests.interop.test_formats import BENCH, FITNOTES_KG, HEVY, REST, SQUAT, _jefit, fit_file
from tests.interop.test_strong import ANDROID, CLASSIC, WORKOUT_NUM

JEFIT = _jefit(
    logs='2,1,"100x5",1,2023-11-14,12,"Barbell Squat",10,1\n'
    '2,1,"100x5,110x5",2,2023-11-14,12,"Barbell Squat",10,2\n',
    set_logs="1,4,0,135.0000,5,,,warm-up,1\n",
)
SET_KEYS = ["load_kg", "reps", "rpe", "duration_s", "position", "exercise_raw", "set_type",
            "source_line", "contacts"]  # fmt: skip
# name → (text, --unit, delimiter)
CSV_FILES = {
    "strong-classic": (CLASSIC, "lb", ","),
    "strong-android": (ANDROID, None, ";"),
    "strong-workout-num": (WORKOUT_NUM, None, ";"),
    "hevy": (HEVY, None, ","),
    "fitnotes": (FITNOTES_KG, None, ","),
    "jefit": (JEFIT, None, ","),
}


def _state(db: str) -> Any:
    """Everything an import can change, as plain data (compared before and after)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    out = {}
    with engine.connect() as c:
        for table in ("athlete", "training_session", "set_entry", "assessment", "daily_load"):
            out[table] = c.execute(text(f"SELECT count(*) FROM {table}")).scalar()
        out["sets"] = c.execute(
            text("SELECT id, load_kg, reps, dedupe_key FROM set_entry ORDER BY id")
        ).fetchall()
    engine.dispose()
    return out


def _mutate_csv(text: str, delimiter: str, draw: st.DrawFn) -> tuple[str, int | None]:
    lines = text.split("\n")
    rows = [i for i, x in enumerate(lines) if x and not x.startswith("#")]
    i = draw(st.sampled_from(rows))
    fields = next(csv.reader([lines[i]], delimiter=delimiter))
    if not fields:
        return text, None
    j = draw(st.integers(0, len(fields) - 1))
    fields[j] = draw(cells)
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="").writerow(fields)
    lines[i] = buf.getvalue()
    return "\n".join(lines), i + 1


@st.composite
def hostile_files(draw: st.DrawFn) -> tuple[str, bytes, str | None]:
    kind = draw(st.sampled_from([*CSV_FILES, "legday-json", "legday-csv", "fit"]))
    if kind == "fit":
        data = fit_file([SQUAT, REST, BENCH])
        at = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["truncate", "flip", "insert"]))
        if how == "truncate":
            data = data[:at]
        elif how == "flip":
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        else:
            data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
        return "s.fit", data, None
    if kind == "legday-json":
        doc = _legday_doc()
        target = draw(st.sampled_from(["set", "session", "athlete"]))
        value = draw(json_values)
        if target == "set":
            key = draw(st.sampled_from(SET_KEYS))
            doc["sessions"][0]["sets"][0][key] = value
        elif target == "session":
            key = draw(st.sampled_from(["started_at", "duration_s", "session_rpe", "name"]))
            doc["sessions"][0][key] = value
        else:
            doc["athlete"]["name"] = value
        return "l.json", json.dumps(doc, indent=1).encode(), None
    if kind == "legday-csv":
        from legday.interop import detect, legday_format_write

        sessions = detect.parse(CLASSIC.encode(), "x", None, "lb").sessions
        text = legday_format_write.write_csv("Sam", sessions, [])
        text, _ = _mutate_csv(text, ",", draw)
        return "l.csv", text.encode(), None
    text, unit, delimiter = CSV_FILES[kind]
    text, _ = _mutate_csv(text, delimiter, draw)
    return f"{kind}.csv", text.encode("utf-8", "surrogatepass"), unit


def _legday_doc() -> dict[str, Any]:
    return {
        "format": "legday",
        "version": 1,
        "athlete": {"name": "Sam", "unit": "kg"},
        "sessions": [
            {
                "started_at": "2024-01-02T18:00:00",
                "sets": [{"exercise_raw": "Squat", "load_kg": 100.0, "reps": 5}],
            }
        ],
        "assessments": [],
    }


@pytest.fixture
def seeded(db_url: str) -> str:
    assert run_cli("athlete", "add", "Sam", db=db_url).exit_code == 0
    assert run_cli("log", "back-squat 100x5x3", "--date", "2024-01-03", db=db_url).exit_code == 0
    return db_url


@FUZZ
@given(case=hostile_files())
def test_importers_survive_hostile_files(seeded: str, tmp_path: Path, case: Any) -> None:
    name, data, unit = case
    path = tmp_path / name
    try:
        path.write_bytes(data)
    except UnicodeEncodeError:
        return
    Tally.tried += 1
    try:
        before = _state(seeded)
        args = ["import", str(path), "--athlete", "Sam", "--json"]
        r = run_cli(*args, *(["--unit", unit] if unit else []), db=seeded)
        assert r.exit_code in (0, 1), r.stderr
        if r.exit_code == 1:
            line = one_line_error(r.stderr)
            assert str(path) in line or "database" in line, line
            assert _state(seeded) == before, "a failed import changed the database"
            if name.endswith(".csv") and FILE_LINE.match(line):
                assert int(FILE_LINE.match(line)["line"]) >= 1  # type: ignore[index]
        else:
            strict_json(r.stdout)
        for cmd in (("sessions", "list", "--json"), ("export", "--format", "json")):
            after = run_cli(*cmd, db=seeded)
            assert after.exit_code == 0, after.stderr
            strict_json(after.stdout)
    except AssertionError:
        Tally.failures += 1
        raise
