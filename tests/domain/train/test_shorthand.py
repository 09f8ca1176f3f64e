"""The logging shorthand: worked lines expanded by hand, errors, and parse ∘ format = identity."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legday.domain.errors import InvalidInput
from legday.domain.train.shorthand import ParsedEntry, ParsedSet, format, parse

NO_LOAD = {"single-leg-stance", "box-jump", "Box Jump"}


def loadless(name: str) -> bool:
    return name in NO_LOAD


def test_the_example_line_by_hand() -> None:
    text = (
        "back-squat 100x5x3 @8; rdl 80x8,8,7 rir2; split-squat 20x10/10 L/R; "
        "single-leg-stance 3x30s; box-jump 5x5"
    )
    e = parse(text, "kg", loadless)
    assert [x.name for x in e] == ["back-squat", "rdl", "split-squat", "single-leg-stance",
                                   "box-jump"]  # fmt: skip
    squat = ParsedSet(reps=5, load=100, load_unit="kg", rpe=8)
    assert e[0].sets == (squat, squat, squat)
    assert [s.reps for s in e[1].sets] == [8, 8, 7]
    assert all(s.rir == 2 and s.rpe is None and s.load == 80 for s in e[1].sets)
    assert [(s.side, s.reps, s.load) for s in e[2].sets] == [("left", 10, 20), ("right", 10, 20)]
    assert [(s.duration_s, s.basis, s.load) for s in e[3].sets] == [(30, "bodyweight", None)] * 3
    assert [(s.reps, s.basis) for s in e[4].sets] == [(5, "bodyweight")] * 5


def test_without_the_no_load_hint_two_numbers_are_load_and_reps() -> None:
    (e,) = parse("box-jump 5x5", "kg")
    assert e.sets == (ParsedSet(reps=5, load=5, load_unit="kg"),)


def test_warmups_units_bodyweight_and_assistance() -> None:
    (e,) = parse("Back Squat w60x5 135lbx3W 225LBx5x2 @8.5", "kg")
    assert e.name == "Back Squat"
    assert [(s.set_type, s.load, s.load_unit, s.reps) for s in e.sets] == [
        ("warmup", 60, "kg", 5),
        ("warmup", 135, "lb", 3),
        ("working", 225, "lb", 5),
        ("working", 225, "lb", 5),
    ]
    assert e.sets[-1].rpe == 8.5 and e.sets[0].rpe is None
    assert e.sets[2].load_kg == pytest.approx(225 * 0.45359237)
    (p,) = parse("pull-up bwx8 bw+10x5x2 bw-20kgx6", "lb")
    assert [(s.basis, s.load, s.load_unit) for s in p.sets] == [
        ("bodyweight", None, "lb"),
        ("bodyweight", 10, "lb"),
        ("bodyweight", 10, "lb"),
        ("assistance", 20, "kg"),
    ]


def test_holds_distances_sides_and_effort_attached() -> None:
    (c,) = parse("farmer carry 40x20mx2@7", "kg")
    assert [(s.distance_m, s.load, s.rpe) for s in c.sets] == [(20, 40, 7), (20, 40, 7)]
    (b,) = parse("single-leg-stance 30s/25s R/L 20s L", "kg", loadless)
    assert [(s.side, s.duration_s) for s in b.sets] == [("right", 30), ("left", 25), ("left", 20)]
    (s,) = parse("split squat 20×10/10×2", "kg")
    assert [x.side for x in s.sets] == ["left", "right", "left", "right"]


def test_drop_and_failure_marks() -> None:
    # A top set, two drops, then a set to failure; marks before or after the body, any case.
    (e,) = parse("leg-press 200x10 d160x8 120x8D F100x12 90x10f @10", "kg")
    assert [(s.set_type, s.load, s.reps, s.rpe) for s in e.sets] == [
        ("working", 200, 10, None),
        ("drop", 160, 8, None),
        ("drop", 120, 8, None),
        ("failure", 100, 12, None),
        ("failure", 90, 10, 10),
    ]
    # A mark covers every set of its group, like an effort does.
    (r,) = parse("rdl d60x8,8 bw+5x6x2f", "kg")
    assert [(s.set_type, s.reps) for s in r.sets] == [("drop", 8), ("drop", 8), ("failure", 6),
                                                      ("failure", 6)]  # fmt: skip
    assert r.sets[-1].basis == "bodyweight" and r.sets[-1].load == 5


def test_comma_separated_groups_each_with_their_own_effort() -> None:
    def squat(load: float, reps: int, rpe: float) -> ParsedSet:
        return ParsedSet(reps=reps, load=load, load_unit="kg", rpe=rpe)

    want = (squat(100, 5, 8), squat(100, 5, 8.5), squat(105, 3, 9))
    for text in (
        "back-squat 100x5 @8, 100x5 @8.5, 105x3 @9",
        "back-squat 100x5@8,100x5@8.5,105x3@9",
        "back-squat 100x5 @8 , 100x5 @8.5 ,105x3 @9",
        "back-squat 100x5 @8 100x5 @8.5 105x3 @9",  # commas are optional
    ):
        (e,) = parse(text, "kg")
        assert e == ParsedEntry("back-squat", want), text
    # The comma after a dose list ends the group; the list's own commas do not.
    (r,) = parse("rdl 80x8,8,7 rir2, 90x5, w60x5", "kg")
    assert [(s.load, s.reps, s.rir, s.set_type) for s in r.sets] == [
        (80, 8, 2, "working"), (80, 8, 2, "working"), (80, 7, 2, "working"),
        (90, 5, None, "working"), (60, 5, None, "warmup"),
    ]  # fmt: skip
    # Sides and RIR close a group before a comma too.
    (s,) = parse("split squat 20x10/10 L/R, 22x8/8 R/L rir1, 24x6 L", "kg")
    assert [(x.load, x.reps, x.side, x.rir) for x in s.sets] == [
        (20, 10, "left", None), (20, 10, "right", None),
        (22, 8, "right", 1), (22, 8, "left", 1), (24, 6, "left", None),
    ]  # fmt: skip
    # Several entries, each with comma-separated groups.
    both = parse("back-squat 100x5@8,105x3@9; box-jump 3, 4 @7", "kg", loadless)
    assert (
        [len(x.sets) for x in both] == [2, 2]
        and both[1].sets[1].rpe == 7
        and both[1].sets[0].rpe is None
    )


def test_entries_split_on_newlines_and_semicolons() -> None:
    e = parse("squat 100x5;\nlunge 20x8\n\n; ", "kg")
    assert [x.name for x in e] == ["squat", "lunge"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "nothing to log"),
        ("back-squat", "no sets"),
        ("100x5", "exercise name"),
        ("squat 100x5 banana", "cannot read 'banana'"),
        ("squat 100x5 @11", "RPE 11"),
        ("squat 100x5 @7.3", "RPE 7.3"),
        ("squat 100x5 @8 rir2", "more than one effort"),
        ("squat 100x5.5", "reps are whole numbers"),
        ("squat 100x5x0", "0 sets"),
        ("squat 100x8,8x3", "cannot be repeated"),
        ("squat 5", "gives no load"),
        ("squat 0x5", "zero"),
        ("squat 3000x5", "over 1000 kg"),
        ("squat 100x5,30s", "mixes"),
        ("squat 100x5 L/R", "needs per-side"),
        ("squat w100x5w", "one 'w'"),
        ("squat d100x5f", "mark a set type once"),
        ("squat 100x5 @8,", "end with a comma"),
        ("squat 100x5 @8, , 105x3", "two commas"),
        ("squat 100x5,, 105x3", "two commas"),
        ("squat 100x5 @8, 8", "a list of reps has no spaces"),
        ("squat 100x5, @9", "cannot read '@9'"),
        ("squat 100x5@8,", "end with a comma"),
    ],
)
def test_errors_say_what_was_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")):
        parse(text, "kg")


def test_bare_reps_of_a_body_weight_rep_exercise_get_the_line_to_write() -> None:
    # Seen in use: a physio logs "sit-to-stand 8,8" (no equipment to weigh, but dosed in reps);
    # the hint must give the line that works, not claim that load-free exercises take bare reps.
    with pytest.raises(InvalidInput) as e:
        parse("sit-to-stand 8,8", "kg", loadless)
    hint = e.value.hint or ""
    assert "bwx8,8" in hint and "without external load take bare reps" not in hint
    (fixed,) = parse("sit-to-stand bwx8,8", "kg", loadless)
    assert [s.reps for s in fixed.sets] == [8, 8]


def test_format_is_compact_and_readable() -> None:
    e = parse("back-squat w60x5 100x5x3 @8; box-jump 5x5; rdl 80x8,8,7", "kg", loadless)
    assert format(e, "kg", loadless) == "back-squat w60x5 100x5x3 @8; box-jump 5x5; rdl 80x8,8,7"
    # Without a unit every load carries one; without the hint no-load sets are written bw.
    assert format(e) == "back-squat w60kgx5 100kgx5x3 @8; box-jump bwx5x5; rdl 80kgx8,8,7"


def test_format_writes_set_marks_first_and_commas_after_efforts() -> None:
    e = parse("leg-press 200x10 @9 160x8d 120x8D; back-squat 100x8f 100x6 L @8 90x5", "kg")
    assert (
        format(e, "kg") == "leg-press 200x10 @9, d160x8 d120x8; back-squat f100x8 100x6 @8 L, 90x5"
    )


# ---- parse ∘ format = identity -------------------------------------------------------------

NAMES = ["back-squat", "rdl", "split squat", "Box Jump", "single-leg-stance", "nordic curl"]


@st.composite
def a_set(draw: st.DrawFn, unit: str) -> ParsedSet:
    basis = draw(st.sampled_from(["external", "bodyweight", "assistance"]))
    load: float | None = draw(st.integers(1, 1600)) / 4
    if basis == "bodyweight" and draw(st.booleans()):
        load = None
    load_unit = unit if load is None else draw(st.sampled_from(["kg", "lb"]))
    dose = draw(st.sampled_from(["reps", "seconds", "metres"]))
    effort = draw(st.sampled_from(["none", "rpe", "rir"]))
    return ParsedSet(
        reps=draw(st.integers(1, 30)) if dose == "reps" else None,
        duration_s=draw(st.integers(1, 600)) / 2 if dose == "seconds" else None,
        distance_m=draw(st.integers(1, 400)) * 1.0 if dose == "metres" else None,
        load=load,
        load_unit=load_unit,  # type: ignore[arg-type]
        basis=basis,  # type: ignore[arg-type]
        set_type=draw(st.sampled_from(["working", "warmup", "drop", "failure"])),
        rpe=draw(st.integers(2, 20)) / 2 if effort == "rpe" else None,
        rir=draw(st.integers(0, 10)) / 2 if effort == "rir" else None,
        side=draw(st.sampled_from(["both", "both", "left", "right"])),
    )


@st.composite
def entries(draw: st.DrawFn, unit: str) -> list[ParsedEntry]:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        proto = draw(a_set(unit))
        # Runs of near-identical sets exercise the compact forms (x3, lists, L/R pairs).
        sets = [
            draw(st.one_of(st.just(proto), a_set(unit))) for _ in range(draw(st.integers(1, 7)))
        ]
        out.append(ParsedEntry(draw(st.sampled_from(NAMES)), tuple(sets)))
    return out


@settings(max_examples=120, deadline=None)
@given(data=st.data(), unit=st.sampled_from(["kg", "lb"]), hinted=st.booleans())
def test_parse_format_identity(data: st.DataObject, unit: str, hinted: bool) -> None:
    x = data.draw(entries(unit))
    hint = loadless if hinted else None
    text = format(x, unit, hint)  # type: ignore[arg-type]
    assert parse(text, unit, hint) == x, text  # type: ignore[arg-type]
    # Writing every unit out must read back the same too.
    assert parse(format(x, None, hint), unit, hint) == x  # type: ignore[arg-type]


def _regroup(text: str, x: list[ParsedEntry], draw: st.DataObject) -> str:
    """Rewrite formatted text the way people type it: a comma between every two groups, and
    efforts glued to their group (100x5@8,105x3@9) where the drawn choice says so."""
    out = []
    for entry, part in zip(x, text.split("; "), strict=True):
        assert part.startswith(entry.name + " ")
        groups: list[list[str]] = []
        # Split on spaces only: a comma inside a word is a reps list (80x8,8,7), one group.
        for word in part[len(entry.name) + 1 :].split():
            word = word.rstrip(",")
            trailing = word.startswith(("@", "rir")) or word in ("L", "R", "R/L")
            if trailing:
                groups[-1].append(word)
            elif word:
                groups.append([word])
        written = []
        for g in groups:
            glue = len(g) > 1 and g[1].startswith(("@", "rir")) and draw.draw(st.booleans())
            head = g[0] + g[1] if glue else g[0]
            rest = g[2:] if glue else g[1:]
            written.append((" ".join([head, *rest]), glue and not rest))
        line = entry.name + " " + written[0][0]
        for (_, tight), (cur, _) in itertools.pairwise(written):
            # A comma with no space after it splits groups only right after an effort.
            line += ("," if tight and draw.draw(st.booleans()) else ", ") + cur
        out.append(line)
    return "; ".join(out)


@settings(max_examples=120, deadline=None)
@given(data=st.data(), unit=st.sampled_from(["kg", "lb"]), hinted=st.booleans())
def test_comma_separated_groups_identity(data: st.DataObject, unit: str, hinted: bool) -> None:
    x = data.draw(entries(unit))
    hint = loadless if hinted else None
    text = _regroup(format(x, unit, hint), x, data)  # type: ignore[arg-type]
    assert parse(text, unit, hint) == x, text  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_pairs_and_counts_identity(data: st.DataObject) -> None:
    proto = ParsedSet(reps=10, load=20, load_unit="kg")
    left, right = (ParsedSet(reps=10, load=20, load_unit="kg", side=s) for s in ("left", "right"))
    seq = data.draw(st.lists(st.sampled_from([proto, left, right]), min_size=1, max_size=9))
    x = [ParsedEntry("split squat", tuple(seq))]
    assert parse(format(x, "kg"), "kg") == x


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="abdfiwxXlrLRsmkg0123456789.,/@+-×; \n", max_size=40),
    hinted=st.booleans(),
)
def test_any_text_parses_or_fails_cleanly(text: str, hinted: bool) -> None:
    # Whatever is typed, the answer is entries or an InvalidInput — never another exception.
    try:
        entries = parse("ex " + text, "kg", (lambda _n: True) if hinted else None)
    except InvalidInput:
        return
    for e in entries:
        assert e.sets and all(
            sum(v is not None for v in (s.reps, s.duration_s, s.distance_m)) == 1 for s in e.sets
        )
