"""Hevy, FitNotes, JEFIT and Garmin FIT semantics on small files written here."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from legday.domain.errors import Conflict, FileFormatError, InvalidInput
from legday.interop import detect, hevy

LB = 0.45359237


def _parse(text: str | bytes, unit: str | None = None, fmt: str | None = None):  # type: ignore[no-untyped-def]
    data = text.encode() if isinstance(text, str) else text
    return detect.parse(data, "f.csv", fmt, unit)  # type: ignore[arg-type]


# ------------------------------------------------------------------ Hevy


@pytest.mark.parametrize(
    "text,want",
    [
        ("27 Feb 2026, 16:26", datetime(2026, 2, 27, 16, 26)),
        ("24 Jul 2024, 7:07", datetime(2024, 7, 24, 7, 7)),
        ("May 7, 2026, 6:13 AM", datetime(2026, 5, 7, 6, 13)),
        ("May 7, 2026, 12:13 AM", datetime(2026, 5, 7, 0, 13)),
        ("Dec 1, 2025, 12:05 PM", datetime(2025, 12, 1, 12, 5)),
        ("Jan 3, 2025, 9:30 PM", datetime(2025, 1, 3, 21, 30)),
        ("3 févr. 2025, 18:02", datetime(2025, 2, 3, 18, 2)),
        ("12 août 2025, 07:15", datetime(2025, 8, 12, 7, 15)),
        ("9 déc. 2024, 19:00", datetime(2024, 12, 9, 19, 0)),
        ("7 Mär 2026, 9:00", datetime(2026, 3, 7, 9, 0)),
        ("4 dic 2025, 19:00", datetime(2025, 12, 4, 19, 0)),
        ("15 okt 2024, 18:45", datetime(2024, 10, 15, 18, 45)),
        ("2 mei 2024, 08:00", datetime(2024, 5, 2, 8, 0)),
        ("21 juil. 2024, 10:10", datetime(2024, 7, 21, 10, 10)),
        ("21 juin 2024, 10:10", datetime(2024, 6, 21, 10, 10)),
    ],
)
def test_hevy_time_styles(text: str, want: datetime) -> None:
    assert hevy.parse_time(text) == want


@pytest.mark.parametrize(
    "text", ["31 Feb 2026, 10:00", "5 Jux 2024, 10:00", "13:00", "May 7, 2026, 13:13 PM"]
)
def test_hevy_bad_times(text: str) -> None:
    assert hevy.parse_time(text) is None


_W = '"Legs","2 Mar 2026, 19:59","2 Mar 2026, 21:05","",'
HEVY = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles",'
    '"duration_seconds","rpe"\n'
    + _W
    + '"Squat (Barbell)",,"",0,"warmup",135,5,,,\n'
    + _W
    + '"Squat (Barbell)",,"",1,"normal",225,5,,,8.5\n'
    + _W
    + '"Pull Up (Assisted)",,"",0,"normal",50,8,,,\n'
    + _W
    + '"Pull Up",,"",0,"dropset",,6,,,\n'
    + _W
    + '"Squat (Barbell)",,"",0,"failure",185,9,,,\n'
    + _W
    + '"Running",,"",0,"normal",,,1.5,540,\n'
)


def test_hevy_semantics() -> None:
    p = _parse(HEVY)
    assert p.format == "hevy"
    (s,) = p.sessions
    assert s.duration_s == 66 * 60
    got = [(x.exercise_raw, x.exercise_occurrence, x.position, x.set_type) for x in s.sets]
    assert got == [
        ("Squat (Barbell)", 1, 1, "warmup"),
        ("Squat (Barbell)", 1, 2, "working"),
        ("Pull Up (Assisted)", 1, 1, "working"),
        ("Pull Up", 1, 1, "drop"),
        ("Squat (Barbell)", 2, 1, "failure"),
        ("Running", 1, 1, "working"),
    ]
    assert s.sets[1].load_kg == pytest.approx(225 * LB) and s.sets[1].rpe == 8.5
    assert s.sets[2].load_basis == "assistance"
    assert s.sets[3].load_basis == "bodyweight" and s.sets[3].load_kg is None
    assert s.sets[5].distance_m == pytest.approx(1.5 * 1609.344) and s.sets[5].duration_s == 540
    with pytest.raises(Conflict):
        _parse(HEVY, "kg")


def test_hevy_bad_time_names_the_line() -> None:
    bad = HEVY.replace(
        '"2 Mar 2026, 19:59","2 Mar 2026, 21:05","","Running"', '"yesterday","x","","Running"'
    )
    with pytest.raises(FileFormatError) as e:
        _parse(bad)
    assert str(e.value).startswith("f.csv:7:")


# ------------------------------------------------------------------ FitNotes

FITNOTES_KG = (
    "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n"
    "2020-01-01,Squat,Legs,100.0,5,,,\n"
    "2020-01-01,Overhead Press (Each Side, Dumbbells),Shoulders,20.0,8,,,\n"
    "2020-01-01,Squat,Legs,100.0,5,,,\n"
    "2020-01-01,Rowing,Cardio,,,2.0,km,0:08:30\n"
    "2020-01-02,Push Up,Chest,0.0,20,,,\n"
)


def test_fitnotes_kg_header_and_comma_names() -> None:
    p = _parse(FITNOTES_KG)
    day1, day2 = p.sessions
    names = [(x.exercise_raw, x.position) for x in day1.sets]
    assert names == [
        ("Squat", 1),
        ("Overhead Press (Each Side, Dumbbells)", 1),
        ("Squat", 2),  # interleaved rows: counted per (date, exercise)
        ("Rowing", 1),
    ]
    assert day1.sets[1].load_kg == 20.0 and day1.sets[1].reps == 8
    row = day1.sets[3]
    assert row.distance_m == 2000 and row.duration_s == 510 and row.reps is None
    assert day2.sets[0].load_basis == "bodyweight"
    with pytest.raises(Conflict):
        _parse(FITNOTES_KG, "lb")


def test_fitnotes_row_unit_column() -> None:
    text = (
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
        '2026-08-04,Lat Pulldown,Back,77.16,lbs,10,,,,"wide grip"\n'
    )
    (s,) = _parse(text).sessions
    assert s.sets[0].load_kg == 35.0 and s.sets[0].notes == "wide grip"


# ------------------------------------------------------------------ JEFIT


def _jefit(mass: str = " lbs", logs: str = "", set_logs: str = "") -> str:
    return (
        "### SETTING ##########################################\n\n"
        "row_id,USERID,mass,zonedifference\n"
        f'1,2,"{mass}",-5\n'
        "######################################################\n\n"
        "### WORKOUT SESSIONS #################################\n\n"
        "rowid,_id,starttime,endtime\n"
        "1,10,1700000000,1700003600\n"
        "######################################################\n\n"
        "### EXERCISE LOGS ####################################\n\n"
        "USERID,belongSys,logs,_id,mydate,eid,ename,belongsession,logTime\n"
        f"{logs}"
        "######################################################\n\n"
        "### EXERCISE SET LOGS ################################\n\n"
        "_id,exercise_log_id,set_index,weight_lbs,reps,distance_mi,duration,set_type,log_time\n"
        f"{set_logs}"
        "######################################################\n"
    )


def test_jefit_snapshots_set_logs_and_fillers() -> None:
    logs = (
        '2,1,"100x5",1,2023-11-14,12,"Barbell Squat",10,1\n'
        '2,1,"100x5,110x5",2,2023-11-14,12,"Barbell Squat",10,2\n'  # supersedes row 1
        '2,1,"0x0,0x12",3,2023-11-14,40,"Push Up",10,3\n'  # 0x0 filler dropped
        '2,1,"999x1",4,2023-11-14,50,"Bench Press",10,4\n'  # set logs win over packed text
        '2,1,"0x60",5,2023-11-14,60,"Plank",10,5\n'
    )
    set_logs = "1,4,0,135.0000,5,,,warm-up,1\n2,4,1,185.0000,3,,,default,2\n"
    p = _parse(_jefit(logs=logs, set_logs=set_logs))
    assert p.format == "jefit"
    (s,) = p.sessions
    # 1700000000 is 2023-11-14 22:13:20 UTC; zonedifference −5 → 17:13:20 local.
    assert s.started_at == datetime(2023, 11, 14, 17, 13, 20) and s.duration_s == 3600
    got = [(x.exercise_raw, x.reps, x.set_type) for x in s.sets]
    assert got == [
        ("Barbell Squat", 5, "working"),
        ("Barbell Squat", 5, "working"),
        ("Push Up", 12, "working"),
        ("Bench Press", 5, "warmup"),
        ("Bench Press", 3, "working"),
        ("Plank", None, "working"),
    ]
    assert s.sets[1].load_kg == pytest.approx(110 * LB, abs=1e-3)
    assert s.sets[2].load_basis == "bodyweight"
    assert s.sets[5].duration_s == 60
    with pytest.raises(Conflict):
        _parse(_jefit(logs=logs), "kg")


def test_jefit_bad_packed_set() -> None:
    text = _jefit(logs='2,1,"100x5,abc",1,2023-11-14,12,"Barbell Squat",10,1\n')
    with pytest.raises(FileFormatError) as e:
        _parse(text)
    assert str(e.value).startswith("f.csv:16:")


# ------------------------------------------------------------------ Garmin FIT


def fit_file(sets: list[dict[str, object]], local_offset_s: int = 3600) -> bytes:
    """A small strength activity written with the SDK's own Encoder."""
    from garmin_fit_sdk import Encoder, Profile

    num = Profile["mesg_num"]
    t0 = datetime(2024, 3, 1, 17, 0, tzinfo=UTC)
    e = Encoder()
    e.write_mesg({"mesg_num": num["FILE_ID"], "type": "activity", "manufacturer": "garmin",
                  "product": 1, "time_created": t0, "serial_number": 1})  # fmt: skip
    for i, s in enumerate(sets):
        e.write_mesg({"mesg_num": num["SET"], "timestamp": t0, "start_time": t0,
                      "message_index": i, **s})  # fmt: skip
    e.write_mesg({"mesg_num": num["SESSION"], "timestamp": t0, "start_time": t0,
                  "total_elapsed_time": 1800.0, "sport": "training",
                  "sub_sport": "strength_training"})  # fmt: skip
    fit_s = int((t0 - datetime(1989, 12, 31, tzinfo=UTC)).total_seconds())
    e.write_mesg({"mesg_num": num["ACTIVITY"], "timestamp": t0,
                  "local_timestamp": fit_s + local_offset_s, "num_sessions": 1})  # fmt: skip
    return bytes(e.close())


SQUAT = {"set_type": "active", "repetitions": 5, "weight": 61.25, "duration": 30.0,
         "category": ["squat"], "category_subtype": [6],
         "weight_display_unit": "pound"}  # fmt: skip
REST = {"set_type": "rest", "duration": 90.0}
BENCH = {"set_type": "active", "repetitions": 8, "weight": 60.0, "duration": 25.0,
         "category": ["bench_press"], "weight_display_unit": "kilogram"}  # fmt: skip


def test_fit_strength_activity() -> None:
    data = fit_file([SQUAT, REST, SQUAT, REST, BENCH])
    p = _parse(data)
    assert p.format == "fit"
    (s,) = p.sessions
    assert s.started_at == datetime(2024, 3, 1, 18, 0)  # UTC + the activity's local offset
    assert s.duration_s == 1800
    # squat subtype 6 = barbell_back_squat (docs/evidence/import-formats.md#garmin-fit); rest sets
    # are not sets.
    assert [x.exercise_raw for x in s.sets] == ["Barbell Back Squat"] * 2 + ["Bench Press"]
    assert [x.position for x in s.sets] == [1, 2, 1]
    # 61.25 kg shown in lb: 135.03 lb rounds to the 135 lb typed
    # (docs/evidence/import-formats.md#garmin-fit).
    assert s.sets[0].load_kg == pytest.approx(135 * LB) and s.sets[0].reps == 5
    assert s.sets[2].load_kg == 60.0


def test_fit_truncated_or_corrupt() -> None:
    data = fit_file([SQUAT, BENCH])
    for broken in (data[:-10], data[:40], data[:20] + b"\xff" * 8 + data[28:]):
        with pytest.raises(FileFormatError):
            _parse(broken, fmt="fit")
    with pytest.raises(FileFormatError):
        _parse(fit_file([REST]))


# ------------------------------------------------------------------ detection and encodings


def test_unknown_file_and_format() -> None:
    with pytest.raises(FileFormatError) as e:
        _parse("hello,world\n1,2\n")
    assert "--format" in str(e.value)
    with pytest.raises(InvalidInput):
        detect.check_format("excel")


def test_cp1252_fallback_warns() -> None:
    text = FITNOTES_KG.replace("Squat", "Sauté").encode("cp1252")
    p = _parse(text)
    assert p.sessions[0].sets[0].exercise_raw == "Sauté"
    assert any("Windows-1252" in w for w in p.warnings)


def test_nul_bytes_are_refused() -> None:
    with pytest.raises(FileFormatError):
        _parse(FITNOTES_KG.encode() + b"\x00\x00")


def test_jefit_notes_join_on_exercise_and_date() -> None:
    notes = (
        "\n### NOTES ############################################\n\n"
        "row_id,eid,mynote,mydate,logTime\n"
        '1,12,"knees out, slow down",2023-11-14,999\n'
        '2,77,"no such log",2023-11-14,999\n'
        "######################################################\n"
    )
    text = _jefit(logs='2,1,"100x5,110x5",1,2023-11-14,12,"Barbell Squat",10,1\n') + notes
    p = _parse(text)
    first, second = p.sessions[0].sets
    assert first.notes == "knees out, slow down" and second.notes is None
    assert any("1 NOTES rows match no exercise log" in w for w in p.warnings)


def test_strong_body_weight_export() -> None:
    text = (
        '"Date";"Weight (kg)"\n"2025-03-09 10:22:48";76.80000305175781\n"2025-01-01 08:00:00";80\n'
    )
    p = _parse(text)
    assert p.format == "strong" and p.sessions == []
    assert (p.body_mass_kg, p.body_mass_on) == (76.8, "2025-03-09")
    with pytest.raises(Conflict):
        _parse(text, "lb")


def test_fit_refuses_a_contrary_unit() -> None:
    with pytest.raises(Conflict):
        _parse(fit_file([SQUAT]), "lb")


@pytest.mark.parametrize("fmt", ["hevy", "fitnotes", "jefit", "legday", "fit"])
def test_a_wrong_forced_format_is_refused(fmt: str) -> None:
    from tests.interop.test_strong import CLASSIC

    with pytest.raises(FileFormatError):
        _parse(CLASSIC, None, fmt)


def test_forcing_a_text_format_on_a_fit_file_is_refused() -> None:
    with pytest.raises(FileFormatError, match="FIT file"):
        _parse(fit_file([SQUAT]), None, "strong")


def test_huge_field_is_named() -> None:
    text = FITNOTES_KG.replace("Squat,Legs,100.0,5", '"' + "x" * 140_000 + '",Legs,100.0,5', 1)
    with pytest.raises(FileFormatError, match=r"f\.csv:2: a field is longer than 131,072"):
        _parse(text)
