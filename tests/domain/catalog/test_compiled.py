"""The compiled catalog (a pickle shipped beside the TOML files) is a faithful, current cache:
the same exercises and the same matcher indexes as a fresh build, and ignored when stale."""

from __future__ import annotations

from legday.domain.catalog import compiled, matching
from legday.domain.catalog.registry import build, data_files

REGENERATE = "stale compiled catalog: run `python -m legday.domain.catalog.compiled` and commit it"


def test_shipped_file_is_current() -> None:
    assert compiled.read(data_files()) is not None, REGENERATE


def test_compiled_equals_a_fresh_build() -> None:
    files = data_files()
    got = compiled.read(files)
    assert got is not None, REGENERATE
    fresh = build(files)
    assert got.all() == fresh.all()
    assert got.version == fresh.version
    theirs, ours = matching.Matcher(fresh), matching.matcher(got)
    assert ours.exact == theirs.exact
    assert ours.base == theirs.base
    assert ours.entries == theirs.entries
    assert ours.vocab == theirs.vocab
    assert ours.vocab_words == theirs.vocab_words


def test_compiled_matcher_answers_like_a_fresh_one() -> None:
    files = data_files()
    got = compiled.read(files)
    assert got is not None, REGENERATE
    fresh = matching.Matcher(build(files))
    for name in ("Squat (Barbell)", "Romanian Deadlift (Dumbbell)", "Bulgarian Split Squat",
                 "Leg Extensoin", "My Custom Cable Thing", "Hip Thrust (Barbell)"):  # fmt: skip
        assert matching.match_name(name, got) == fresh.match(name), name


def test_a_changed_data_file_retires_the_compiled_form() -> None:
    files = data_files()
    blob = compiled.compile_catalog(files)
    assert compiled.read(files, blob) is not None
    name, text = files[0]
    edited = [(name, text.replace('name = "', 'name = "Renamed ', 1)), *files[1:]]
    assert compiled.key(edited) != compiled.key(files)
    assert compiled.read(edited, blob) is None


def test_a_damaged_file_is_ignored() -> None:
    files = data_files()
    blob = compiled.compile_catalog(files)
    assert compiled.read(files, blob[: len(blob) // 2]) is None
    assert compiled.read(files, b"not a pickle") is None


def test_the_matcher_is_made_on_first_use_and_shares_the_exercises() -> None:
    files = data_files()
    got = compiled.read(files, compiled.compile_catalog(files))
    assert got is not None
    assert id(got) not in matching._matchers  # nothing unpickled before a name is matched
    m = matching.matcher(got)
    assert m.catalog is got
    assert all(e.exercise is got.get(e.exercise.id) for e in m.entries)  # references, not copies


def test_a_damaged_matcher_part_falls_back_to_building_it() -> None:
    import pickle

    files = data_files()
    key, cat_blob, _ = pickle.loads(compiled.compile_catalog(files))
    blob = pickle.dumps((key, cat_blob, b"garbage"))
    got = compiled.read(files, blob)
    assert got is not None
    fresh = matching.Matcher(build(files))
    assert matching.matcher(got).exact == fresh.exact
