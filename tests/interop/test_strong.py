"""Strong semantics on small hand-written files (docs/evidence/import-formats.md#strong), values
worked by hand."""

from __future__ import annotations

import pytest

from legday.domain.errors import Conflict, FileFormatError, InvalidInput
from legday.interop import csvutil as cu
from legday.interop import detect, strong

LB = 0.45359237

CLASSIC = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    '2024-01-02 18:00:00,"Push",1h 5m,"Bench Press (Barbell)",W,95.0,5.0,0,0.0,"","felt ok",\n'
    '2024-01-02 18:00:00,"Push",1h 5m,"Bench Press (Barbell)",1,185.0,5.0,0,0.0,"",,8.5\n'
    '2024-01-02 18:00:00,"Push",1h 5m,"Bench Press (Barbell)",Rest Timer,0,0,0,90.0,,,\n'
    '2024-01-02 18:00:00,"Push",1h 5m,"Bench Press (Barbell)",F,185.0,3.0,0,0.0,,,\n'
    '2024-01-02 18:00:00,"Push",1h 5m,"Pull Up (Assisted)",1,40.0,8.0,0,0.0,"",,\n'
    '2024-01-02 18:00:00,"Push",1h 5m,"Plank",1,0,0,0,60.0,"",,\n'
    '2024-01-02 18:00:00,"Push",1h 5m,"Bench Press (Barbell)",1,135.0,10.0,0,0.0,"",,\n'
    '2024-01-02 18:00:00,"Push",1h 5m,"Bench Press (Barbell)",D,115.0,12.0,0,0.0,,,\n'
    '2024-01-05 07:00:00,"Forgot",48h 40m,"Squat (Barbell)",1,225.0,5.0,0,0.0,"",,\n'
)


def _parse(text: str, unit: str | None = None):  # type: ignore[no-untyped-def]
    return detect.parse(text.encode(), "s.csv", None, unit)  # type: ignore[arg-type]


def test_classic_needs_a_unit() -> None:
    with pytest.raises(InvalidInput) as e:
        _parse(CLASSIC)
    assert "{unit}" in str(e.value.hint) and "kg or lb" in str(e.value)


def test_classic_semantics() -> None:
    p = _parse(CLASSIC, "lb")
    assert p.format == "strong"
    push, legs = p.sessions
    assert push.duration_s == 3900 and push.notes == "felt ok" and not push.warnings
    kinds = [(x.exercise_raw, x.exercise_occurrence, x.position, x.set_type) for x in push.sets]
    assert kinds == [
        ("Bench Press (Barbell)", 1, 1, "warmup"),
        ("Bench Press (Barbell)", 1, 2, "working"),
        ("Bench Press (Barbell)", 1, 3, "failure"),  # the Rest Timer row is not a set
        ("Pull Up (Assisted)", 1, 1, "working"),
        ("Plank", 1, 1, "working"),
        ("Bench Press (Barbell)", 2, 1, "working"),  # same exercise again: a second block
        ("Bench Press (Barbell)", 2, 2, "drop"),
    ]
    bench = push.sets[1]
    assert bench.load_kg == pytest.approx(185 * LB) and bench.reps == 5 and bench.rpe == 8.5
    assert bench.source_line == 3 and bench.source_row is not None
    assert bench.source_row.startswith("2024-01-02 18:00:00")
    assisted, plank = push.sets[3], push.sets[4]
    assert assisted.load_basis == "assistance" and assisted.load_kg == pytest.approx(40 * LB)
    assert plank.load_basis == "bodyweight" and plank.load_kg is None
    assert plank.duration_s == 60 and plank.reps is None
    # 48 h 40 min: timer left running — kept and flagged.
    assert legs.duration_s == 48 * 3600 + 40 * 60
    assert legs.warnings and "timer" in legs.warnings[0]
    assert len({x.dedupe_key for s in p.sessions for x in s.sets}) == 8


ANDROID = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;"
    "Seconds;Notes;Workout Notes;Workout Duration\n"
    '2023-08-01 16:16:08;"Back";"Deadlift (Barbell)";1;100;kg;5;;;;0;"";;43m\n'
    '2023-08-01 16:16:08;"Back";"Plank";1;;;;;;km;30;"";;43m\n'
    '2023-08-01 16:16:08;"Back";"Running (Treadmill)";1;;;;;0.46;km;480;"";;43m\n'
)


def test_android_unit_columns() -> None:
    p = _parse(ANDROID)
    dl, plank, run = p.sessions[0].sets
    assert dl.load_kg == 100 and dl.reps == 5
    assert plank.duration_s == 30 and plank.load_kg is None and plank.distance_m is None
    assert run.distance_m == pytest.approx(460) and run.duration_s == 480
    assert p.sessions[0].duration_s == 43 * 60


def test_android_unit_disagreeing_with_option_is_refused() -> None:
    with pytest.raises(Conflict):
        _parse(ANDROID, "lb")
    assert _parse(ANDROID, "kg").set_count == 3


WORKOUT_NUM = (
    '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";"Weight (kg)";'
    '"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
    '"7";"2024-02-12 18:29:02";"Legs";"3573";"Squat (Barbell)";"WARM_UP";"22.6796185";"10";"";"";'
    '"";"";"line one\nline two"\n'
    '"7";"2024-02-12 18:29:02";"Legs";"3573";"Squat (Barbell)";"Note";"";"";"";"";"";"knees out";'
    '"line one\nline two"\n'
    '"7";"2024-02-12 18:29:02";"Legs";"3573";"Squat (Barbell)";"1";"71.32500457763672";"9";"10.0";'
    '"";"";"";"line one\nline two"\n'
    '"7";"2024-02-12 18:29:02";"Legs";"3573";"Cycling";"1";"";"";"";"8000.0";"1200.0";"";'
    '"line one\nline two"\n'
)


def test_workout_number_layout() -> None:
    p = _parse(WORKOUT_NUM)
    (s,) = p.sessions
    assert s.duration_s == 3573
    assert s.notes == "line one\nline two\nSquat (Barbell): knees out"
    warm, work, ride = s.sets
    assert warm.set_type == "warmup" and warm.load_kg == pytest.approx(50 * LB, abs=1e-6)
    assert work.load_kg == pytest.approx(71.325) and work.rpe == 10.0
    # Physical lines: the header is 1, each record spans two lines (the quoted note).
    assert (warm.source_line, work.source_line, ride.source_line) == (2, 6, 8)
    assert ride.distance_m == 8000 and ride.duration_s == 1200


def test_workout_number_layout_refuses_lb() -> None:
    with pytest.raises(Conflict):
        _parse(WORKOUT_NUM, "lb")


FRENCH = (
    "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,"
    "Secondes,RPE\n"
    '2026-04-08 12:57:57,"Entraînement du midi",9min,"Pec Deck (Machine)",1,32.0,10.0,0,0.0,\n'
    '2026-04-08 12:57:57,"Entraînement du midi",9min,"Triceps Extension",É,17.0,10.0,0,0.0,\n'
)
GERMAN = (
    "Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,"
    "Sekunden,Notizen,Workout-Notizen,RPE\n"
    '2024-03-01 10:00:00,"Beine",1h,"Kniebeuge",1,100,5,0,0,"","",\n'
)


def test_localized_headers() -> None:
    fr = _parse(FRENCH, "kg")
    assert fr.sessions[0].duration_s == 540
    assert [x.set_type for x in fr.sessions[0].sets] == ["working", "working"]
    assert any("'É'" in w for w in fr.warnings), "an unknown set token is reported"
    de = _parse(GERMAN, "kg")
    assert de.sessions[0].sets[0].load_kg == 100 and de.sessions[0].duration_s == 3600


def test_unknown_header_is_refused() -> None:
    text = "Datum;Foo;Bar\n1;2;3\n"
    with pytest.raises(FileFormatError) as e:
        strong.parse(text, "x.csv", "kg")
    assert "x.csv:1:" in str(e.value)


@pytest.mark.parametrize(
    "row,problem",
    [
        ('2024-01-02 18:00:00,"Push",1h,"Bench",1,abc,5,0,0,"","",\n', "weight"),
        ('2024-13-02 18:00:00,"Push",1h,"Bench",1,100,5,0,0,"","",\n', "date"),
        ('2024-01-02 18:00:00,"Push",1h,"Bench",1,100,5,0,0,"",""\n', "fields"),
        ('2024-01-03 18:00:00,"Push",soon,"Bench",1,100,5,0,0,"","",\n', "duration"),
        ('2024-01-02 18:00:00,"Push,1h,"Bench",1,100,5,0,0,"","",\n', "quot"),
    ],
)
def test_malformed_rows_name_file_and_line(row: str, problem: str) -> None:
    head = CLASSIC.splitlines(keepends=True)[:2]
    text = "".join(head) + row
    with pytest.raises(FileFormatError) as e:
        _parse(text, "kg")
    assert str(e.value).startswith("s.csv:3:") and problem in str(e.value)


def test_durations() -> None:
    cases = {"1h 5m": 3900, "45m": 2700, "55s": 55, "48h 40m": 175200, "9min": 540, "3324": 3324}
    for text, seconds in cases.items():
        assert cu.duration_text(text, "f", 1) == seconds


def test_snap_kg() -> None:
    assert cu.snap_kg(22.6796185) == pytest.approx(50 * LB, abs=1e-9)
    assert cu.snap_kg(31.751465900000003) == pytest.approx(70 * LB, abs=1e-9)
    assert cu.snap_kg(71.32500457763672) == pytest.approx(71.325)
    assert cu.snap_kg(100.0) == 100.0


def test_missing_unit_message_carries_a_clue() -> None:
    with pytest.raises(InvalidInput) as e:
        _parse(CLASSIC)
    assert "heaviest load in the file is 225" in str(e.value)
