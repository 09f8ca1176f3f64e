"""Random damage to small valid files of every format: the parser either reads the file or
raises a LegdayError with a one-line message — never another exception (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legday.domain.errors import LegdayError
from legday.interop import detect, legday_format_write
from tests.interop.test_formats import BENCH, FITNOTES_KG, HEVY, REST, SQUAT, _jefit, fit_file
from tests.interop.test_strong import ANDROID, CLASSIC, WORKOUT_NUM

JEFIT = _jefit(
    logs='2,1,"100x5",1,2023-11-14,12,"Barbell Squat",10,1\n'
    '2,1,"100x5,110x5",2,2023-11-14,12,"Barbell Squat",10,2\n',
    set_logs="1,4,0,135.0000,5,,,warm-up,1\n",
)
TEXT_FILES = {
    "strong-classic": (CLASSIC, "lb"),
    "strong-android": (ANDROID, None),
    "strong-workout-num": (WORKOUT_NUM, None),
    "hevy": (HEVY, None),
    "fitnotes": (FITNOTES_KG, None),
    "jefit": (JEFIT, None),
}


def _legday() -> bytes:
    sessions = detect.parse(CLASSIC.encode(), "x", None, "lb").sessions
    return legday_format_write.write_csv("Sam", sessions, []).encode()


@st.composite
def damaged(draw: st.DrawFn) -> tuple[bytes, str | None]:
    name = draw(st.sampled_from([*TEXT_FILES, "legday", "fit"]))
    if name == "fit":
        data, unit = fit_file([SQUAT, REST, BENCH]), None
    elif name == "legday":
        data, unit = _legday(), None
    else:
        text, unit = TEXT_FILES[name]
        data = text.encode("utf-8")
    kind = draw(st.sampled_from(["truncate", "delete", "insert", "flip", "delimiter", "huge"]))
    at = draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        data = data[:at]
    elif kind == "delete":
        data = data[:at] + data[at + draw(st.integers(1, 40)) :]
    elif kind == "insert":
        data = data[:at] + draw(st.binary(min_size=1, max_size=30)) + data[at:]
    elif kind == "flip":
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    elif kind == "delimiter":
        data = data.replace(b",", b";") if b"," in data else data.replace(b";", b",")
    else:
        data = data[:at] + b"9" * 150_000 + data[at:]
    return data, unit


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damage_is_read_or_refused_clearly(case: tuple[bytes, str | None]) -> None:
    data, unit = case
    try:
        detect.parse(data, "damaged.csv", None, unit)  # type: ignore[arg-type]
    except LegdayError as exc:
        message = str(exc)
        assert message and "Traceback" not in message
        assert len(message) < 600, "a huge field must not flood the message"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_wrong_encodings_are_refused(encoding: str) -> None:
    with pytest.raises(LegdayError):
        detect.parse(CLASSIC.encode(encoding), "x.csv", None, "lb")
