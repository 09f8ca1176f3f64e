"""The Strong parser's fast path keeps the semantics of docs/evidence/import-formats.md#dedupe-key
and docs/evidence/import-formats.md#the-normalized-set-record: blocks and dedupe keys per workout
even when workouts interleave, physical lines and raw rows for quoted multi-line fields, CRLF files
and a missing final newline."""

from __future__ import annotations

from legday.interop import csvutil, strong

HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)
A = "2024-01-02 18:00:00,A,1h"
B = "2024-01-03 18:00:00,B,1h"


def _keys(text: str) -> dict[str, list[str | None]]:
    parsed = strong.parse(text, "t.csv", "kg")
    return {s.name or "": [x.dedupe_key for x in s.sets] for s in parsed.sessions}


def test_interleaved_workouts_keep_their_own_blocks() -> None:
    rows = [
        f"{A},Squat (Barbell),1,100,5,0,0,,,",
        f"{A},Squat (Barbell),2,100,5,0,0,,,",
        f"{B},Bench Press (Barbell),1,80,5,0,0,,,",
        f"{A},Squat (Barbell),3,100,5,0,0,,,",  # A again: the squat block goes on (position 3)
        f"{A},Bench Press (Barbell),1,60,8,0,0,,,",
        f"{B},Bench Press (Barbell),2,80,5,0,0,,,",  # B again: its bench block goes on
        f"{A},Squat (Barbell),1,90,5,0,0,,,",  # squat a second time in A: occurrence 2
    ]
    keys = _keys("\n".join([HEADER, *rows]) + "\n")
    a, b = "strong|20240102T180000|", "strong|20240103T180000|"
    assert keys == {
        "A": [
            a + "Squat (Barbell)|1|1",
            a + "Squat (Barbell)|1|2",
            a + "Squat (Barbell)|1|3",
            a + "Bench Press (Barbell)|1|1",
            a + "Squat (Barbell)|2|1",
        ],
        "B": [b + "Bench Press (Barbell)|1|1", b + "Bench Press (Barbell)|1|2"],
    }


def test_lines_and_raw_rows_of_a_crlf_file_with_a_multiline_note() -> None:
    first = f'{A},Squat (Barbell),1,100,5,0,0,"felt heavy\nknee ok",,'
    second = f"{A},Squat (Barbell),2,100,5,0,0,,,8"
    text = f"{HEADER}\r\n{first}\r\n{second}"  # no newline at the end
    (session,) = strong.parse(text, "t.csv", "kg").sessions
    one, two = session.sets
    assert one.notes == "felt heavy\nknee ok"
    assert (one.source_line, one.source_row) == (2, first)
    # The note took lines 2 and 3, so the next record starts on line 4.
    assert (two.source_line, two.source_row) == (4, second)
    assert two.rpe == 8.0


def test_records_skip_blank_lines_but_count_them() -> None:
    text = "a,b\n\n1,2\n\n\n3,4\n"
    assert list(csvutil.records(text, "t.csv", ",")) == [
        (["a", "b"], 1, "a,b"),
        (["1", "2"], 3, "1,2"),
        (["3", "4"], 6, "3,4"),
    ]


def test_repeated_values_are_read_per_file_unit() -> None:
    """The value cache must not carry one row's unit over to another's: the same weight text
    with kg and with lbs in the unit column gives two loads."""
    header = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps"
    text = (
        f"{header}\n"
        "2024-01-02 18:00:00;A;Squat (Barbell);1;100;kg;5\n"
        "2024-01-02 18:00:00;A;Squat (Barbell);2;100;lbs;5\n"
    )
    (session,) = strong.parse(text, "t.csv", None).sessions
    loads = [x.load_kg for x in session.sets]
    assert loads[0] == 100.0
    assert abs(loads[1] - 45.359237) < 1e-9  # 100 lb × 0.45359237 kg/lb (exact definition)
