"""The CLI's words for the core's neutral names (legday.cli.words): one table, every term
covered, and the same words on screen as when the core wrote options itself."""

from __future__ import annotations

import shlex

from tests.helpers import run_cli

from legday.app.analysis_results import Analysis
from legday.cli.words import WORDS, plan_command, said_warnings, say, say_error, with_plan_command
from legday.domain.errors import InvalidInput
from legday.domain.plan.profile import equipment_note
from legday.domain.terms import TERMS, phrase, slot, slots, value_slot


def test_every_term_has_cli_words_and_no_word_lacks_a_term() -> None:
    assert set(WORDS) == set(TERMS)


def test_a_slot_reads_as_the_option_the_user_types() -> None:
    # Written out as the domain wrote them before slots, word for word.
    assert say(equipment_note(())) == (
        "equipment inferred from your history: body weight only; pass --equipment to change"
    )
    assert say(equipment_note(None)) == (
        "no equipment given and no training history: body-weight exercises only — pass "
        "--equipment (e.g. barbell,dumbbell,bench) to plan with more"
    )
    assert say(f"give {value_slot('pm-*')}/{value_slot('pl-*')} reaches") == (
        "give --pm-*/--pl-* reaches"
    )


def test_without_a_shell_a_slot_reads_as_plain_words() -> None:
    assert phrase(f"give {slot('mass_kg')} to estimate power") == (
        "give the body mass to estimate power"
    )
    assert phrase(f"give {value_slot('limb-length-cm')}") == "give limb-length-cm"
    # A shell's own table: the web names JSON fields.
    assert phrase(f"give {slot('mass_kg')}", {"mass_kg": "`mass_kg`"}) == "give `mass_kg`"


def test_braces_that_are_no_slot_stay_as_they_are() -> None:
    text = "a note {like this} and {unknown_term} and {value:}"
    assert say(text) == text and slots(text) == []


def test_a_misspelt_slot_fails_where_it_is_written() -> None:
    import pytest

    with pytest.raises(KeyError, match="mass"):
        slot("mass")


def test_an_error_and_its_hint_are_worded_for_the_cli() -> None:
    exc = InvalidInput(
        f"{slot('date_from')} 2026-03-02 is after {slot('date_to')} 2026-03-01",
        f"give {slot('date_from')} on or before {slot('date_to')}",
        field="date_from",
    )
    assert (
        say_error(exc)
        == "--from 2026-03-02 is after --to 2026-03-01 (give --from on or before --to)"
    )
    assert str(exc) == (
        "the first day 2026-03-02 is after the last day 2026-03-01 "
        "(give the first day on or before the last day)"
    )
    assert exc.field == "date_from"


def test_only_warnings_are_worded_in_a_json_document() -> None:
    doc = {
        "notes": f"typed by a user: {slot('age')}",
        "result": {"warnings": [f"give {slot('sex')}: the cut-off applies to girls", 3]},
    }
    said = said_warnings(doc)
    assert said["notes"] == doc["notes"]
    assert said["result"]["warnings"] == ["give --sex: the cut-off applies to girls", 3]


def test_the_fix_becomes_one_plan_generate_line() -> None:
    fix = {"goals": ["balance:2", "strength"], "days": 3, "minutes": 30}
    line = plan_command(fix, "Margaret Steady")
    assert shlex.split(line) == [
        "legday", "plan", "generate", "--athlete", "Margaret Steady",
        "--goal", "balance:2", "--goal", "strength", "--days", "3", "--minutes", "30",
    ]  # fmt: skip
    assert "--athlete" not in plan_command(fix)
    given = Analysis(neglect={"goals": ["x"], "fix": fix, "audited": []})
    doc = with_plan_command(given, None)
    assert list(doc.neglect) == ["goals", "fix", "prescription", "audited"]
    assert "prescription" not in given.neglect  # the app's value is left as it was
    assert with_plan_command(Analysis(neglect={"fix": None}), "A").neglect["prescription"] is None


def test_a_missing_measurement_is_named_by_its_option_on_screen() -> None:
    r = run_cli("assess", "score", "knee-to-wall", "--left", "10")
    assert r.exit_code == 1 and "needs --right" in r.stderr, r.stderr
    r = run_cli("assess", "score", "cmj", "--height-cm", "40", "--json")
    assert r.exit_code == 0, r.stderr
    assert "no body mass: give --mass-kg to estimate power" in r.json()["warnings"]
