"""An import resolves each exercise name to the same catalog id as the full matcher, although it
takes exact names by a shortcut (app/import_summary.resolve)."""

from __future__ import annotations

from tests.conftest import samples_dir

from legday.app import import_summary, importing
from legday.domain.catalog.matching import match_name
from legday.domain.errors import LegdayError
from legday.interop.common import ParsedFile


def _sample_files() -> list[ParsedFile]:
    out = []
    for path in sorted(samples_dir().rglob("*")):
        if path.suffix.lower() not in (".csv", ".fit", ".json") or path.name.startswith("."):
            continue
        try:
            out.append(importing.parse_file(path, unit="kg"))
        except LegdayError:  # a deliberately broken file: not about names
            continue
    return out


def test_every_sample_name_resolves_as_the_matcher_says() -> None:
    files = _sample_files()
    assert files
    compared = 0
    for parsed in files:
        got = import_summary.resolve({}, import_summary.given_names(parsed))
        for raw, ex_id in got.items():
            preset = next(
                (x.exercise_id for s in parsed.sessions for x in s.sets if x.exercise_raw == raw),
                None,
            )
            assert ex_id == (preset or match_name(raw).id), raw
            compared += 1
    assert compared > 100
