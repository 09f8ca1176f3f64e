"""Issue 13 item 8: Strong rows with no weight and no reps are unfinished sets, not body-weight
working sets."""

from __future__ import annotations

from legday.interop import detect

CSV = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
    '2024-01-02 18:00:00,"Legs",1h,"Squat (Barbell)",1,100,5,0,0,"","",\n'
    '2024-01-02 18:00:00,"Legs",1h,"Squat (Barbell)",2,0,0,0,0,"","",\n'
    '2024-01-02 18:00:00,"Legs",1h,"Squat (Barbell)",3,100,5,0,0,"","",\n'
    '2024-01-02 18:00:00,"Legs",1h,"Plank",1,0,0,0,60,"","",\n'
    '2024-01-02 18:00:00,"Legs",1h,"Pull Up",1,0,8,0,0,"","",\n'
    '2024-01-02 18:00:00,"Legs",1h,"Lunge",1,,,,,"","",\n'
)


def test_unfinished_rows_are_not_sets() -> None:
    parsed = detect.parse(CSV.encode(), "s.csv", None, "kg")
    (session,) = parsed.sessions
    got = [(x.exercise_raw, x.load_kg, x.reps, x.duration_s) for x in session.sets]
    assert got == [
        ("Squat (Barbell)", 100.0, 5, None),
        ("Squat (Barbell)", 100.0, 5, None),
        ("Plank", None, None, 60.0),  # a hold: time, no reps — a finished set
        ("Pull Up", None, 8, None),  # body-weight reps: a finished set
    ]
    # the third squat keeps position 3 (dedupe keys do not shift when the empty row goes)
    assert [x.position for x in session.sets[:2]] == [1, 3]
    assert any("2 set row(s)" in w and "not imported" in w for w in parsed.warnings)
