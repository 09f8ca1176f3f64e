"""legday's own format: generated histories survive CSV and JSON unchanged (hypothesis)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legday.domain.errors import Conflict, FileFormatError
from legday.domain.records import LOAD_BASES, SET_TYPES, SIDES, SessionRecord, SetRecord
from legday.interop import detect, legday_format_write

# Text as people type it (any printable character, line breaks included); empty means "none"
# in the CSV form, so generated text is either None or non-empty.
text = st.one_of(
    st.none(),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
        | st.sampled_from(["\n", ",", '"', ";", "\r"]),
        min_size=1,
        max_size=30,
    ),
)
name = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
floats = st.one_of(st.none(), st.floats(min_value=0, max_value=1e4, allow_nan=False))
ints = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000))

sets = st.builds(
    SetRecord,
    exercise_raw=name,
    exercise_id=st.one_of(st.none(), st.sampled_from(["back-squat", "bench-press"])),
    exercise_occurrence=st.integers(1, 5),
    position=st.integers(1, 20),
    set_type=st.sampled_from(SET_TYPES),
    load_kg=st.one_of(st.none(), st.floats(min_value=0, max_value=2000, allow_nan=False)),
    load_basis=st.sampled_from(LOAD_BASES),
    reps=ints,
    rpe=st.one_of(st.none(), st.sampled_from([6.0, 7.5, 8.0, 9.5, 10.0])),
    rir=st.one_of(st.none(), st.sampled_from([0.0, 1.5, 3.0])),
    side=st.sampled_from(SIDES),
    duration_s=floats,
    distance_m=floats,
    contacts=ints,
    notes=text,
    source_row=text,
    source_line=ints,
    dedupe_key=st.one_of(st.none(), st.uuids().map(str)),
)
sessions = st.builds(
    SessionRecord,
    # Inside the window importers accept (1900 … today + 1 year, interop/cells.py).
    started_at=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2026, 1, 1)),
    sets=st.lists(sets, max_size=4).map(tuple),
    name=text,
    duration_s=ints,
    session_rpe=st.one_of(st.none(), st.sampled_from([3.0, 7.0])),
    notes=text,
    source=st.sampled_from(["strong", "hevy", "legday"]),
    source_key=st.one_of(st.none(), st.uuids().map(str)),
    warnings=st.lists(name, max_size=2).map(tuple),
)
assessments = st.lists(
    st.fixed_dictionaries(
        {
            "test_id": st.sampled_from(["chair-stand-30s", "vertical-jump"]),
            "taken_on": st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
            "value": floats,
            "unit": st.one_of(st.none(), st.just("reps")),
            "rating": st.one_of(st.none(), st.just("good")),
            "flags": st.lists(name, max_size=2),
            "inputs": st.dictionaries(name, st.integers(0, 99), max_size=2),
            "result": st.dictionaries(name, name, max_size=2),
            "notes": text,
        }
    ),
    max_size=3,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sessions, max_size=4), assessments, st.sampled_from(["csv", "json"]))
def test_round_trip(history: list[SessionRecord], tests: list[dict], fmt: str) -> None:  # type: ignore[type-arg]
    # Two sessions with identical session fields are one session in CSV: make them distinct.
    history = [
        SessionRecord(
            started_at=s.started_at,
            sets=s.sets,
            name=s.name,
            duration_s=s.duration_s,
            session_rpe=s.session_rpe,
            notes=s.notes,
            source=s.source,
            source_key=f"{i}-{s.source_key}",
            warnings=s.warnings,
        )
        for i, s in enumerate(history)
    ]
    if fmt == "csv":
        out = legday_format_write.write_csv("Sam", history, tests)
    else:
        out = legday_format_write.write_json({"name": "Sam"}, history, tests)
    back = detect.parse(out.encode("utf-8"), "x")
    assert back.format == "legday"
    assert back.sessions == history
    assert back.assessments == tests
    assert back.athlete == "Sam"


def test_legday_file_refuses_lb() -> None:
    out = legday_format_write.write_csv("Sam", [], [])
    with pytest.raises(Conflict):
        detect.parse(out.encode(), "x", None, "lb")


def test_broken_json_names_the_line() -> None:
    with pytest.raises(FileFormatError) as e:
        detect.parse(b'{"format": "legday",\n "version": 1,\n oops}', "x.json", "legday")
    assert str(e.value).startswith("x.json:3:")
