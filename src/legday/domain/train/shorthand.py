"""The logging shorthand: one line of text ⇄ the sets a session held.

Grammar (the same text is shown by the logging command's help)::

    text    := entry (";" entry)*                  entries may also be split by new lines
    entry   := NAME group ([","] group)*           NAME = the words before the first group
    group   := [MARK] body [MARK] [effort] [side]  one MARK at most, before or after the body
    MARK    := "w" | "d" | "f"                     warm-up, drop set, set taken to failure
    body    := LOAD "x" DOSES                      one set, or one set per item of a list
             | LOAD "x" DOSE "x" SETS              SETS identical sets
             | SETS "x" DOSE                       no-load exercises only (see below)
             | DOSES                               no-load exercises only: one set per item
    LOAD    := NUMBER [kg|lb]                      in the athlete's unit unless written
             | "bw" | "bw+" NUMBER [kg|lb]         body weight, or body weight plus a load
             | "bw-" NUMBER [kg|lb]                assisted: the machine/band takes NUMBER off
    DOSES   := DOSE ("," DOSE)*                    80x8,8,7 = three sets of 8, 8 and 7 reps
    DOSE    := AMOUNT ["/" AMOUNT]                 10/10 = a left set of 10 and a right set of 10
    AMOUNT  := REPS | SECONDS "s" | METRES "m"     5 reps, 30s hold, 20m carry or sprint
    effort  := "@" RPE | "rir" RIR                 @8, @8.5, rir2 — for every set of the group
    side    := "L" | "R" | "L/R" | "R/L"           L or R: one-sided sets; R/L: a/b is right/left

Examples: ``back-squat w60x5 w80x3 100x5x3 @8; rdl 80x8,8,7 rir2; split-squat 20x10/10 L/R;
single-leg-stance 3x30s; box-jump 5x5; pull-up bw+10x5x3; dip bw-20x8``.

Groups follow one another separated by spaces, or by commas when that reads better:
``back-squat 100x5 @8, 100x5 @8.5, 105x3 @9`` is three groups, each with its own load, reps and
effort (``100x5@8,105x3@9`` without spaces too). A comma splits groups when a space stands next
to it or when it follows an effort; inside a dose list (``80x8,8,7``) it separates the sets of
one group. Set types: ``w60x5`` warm-up, ``100x8 d80x6 d60x5`` a set and two drops (each drop is
its own set, stored as set type ``drop``), ``100x8f`` a set taken to failure (``failure``); the
mark may stand before or after the body (``60x5w``, ``f100x8``) and covers every set of its
group, like an effort.

"No-load" exercises are the ones the caller says need no external load (``loadless(name)``: the
catalog lists no weighable equipment for them, e.g. Nordic curls, box jumps, balance holds). For
them ``3x5`` means 3 sets of 5 and ``30s`` one 30-second set; for every other exercise ``100x5``
is 100 × 5 reps, one set, and body-weight reps are written ``bwx10``. Three terms always mean
load × dose × sets, and a load with a unit or a ``bw`` always makes the first term a load.
``x`` may be written ``×``; case does not matter.

:func:`format` writes entries back in this grammar so that ``parse(format(e)) == e``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from legday.domain.errors import InvalidInput
from legday.domain.records import Side
from legday.domain.terms import slot
from legday.domain.train.shorthand_format import write
from legday.domain.train.shorthand_sets import (
    MARK_OF,
    MARKS,
    DoseKind,
    Loadless,
    ParsedEntry,
    ParsedSet,
)
from legday.domain.units import Unit, to_kg

# Re-exported: callers read and write shorthand through this module.
__all__ = [
    "MARKS",
    "MARK_OF",
    "DoseKind",
    "Loadless",
    "ParsedEntry",
    "ParsedSet",
    "format",
    "parse",
]

# Typo guards (legday's choices, not physiology): nobody loads more than 1000 kg, does more than
# 1000 reps or 50 identical sets in one line, holds for over 24 h or covers over 100 km in a set.
MAX_LOAD_KG = 1000.0
MAX_REPS = 1000
MAX_SETS = 50
MAX_SECONDS = 86_400.0
MAX_METRES = 100_000.0
# RPE 1–10 in half steps and RIR = 10 − RPE (Zourdos et al. 2016, J Strength Cond Res 30(1):267).
RPE_MIN, RPE_MAX = 1.0, 10.0
RIR_MAX = 10.0

_NUM = r"\d+(?:\.\d+)?"
_AMOUNT = rf"{_NUM}[sm]?"
_DOSE = rf"{_AMOUNT}(?:/{_AMOUNT})?"
_LOAD = rf"(?:bw(?:[+-]{_NUM}(?:kg|lbs|lb)?)?|{_NUM}(?:kg|lbs|lb)?)"
_TERM = rf"(?:{_LOAD}|{_DOSE}(?:,{_DOSE})*)"
_EFFORT = rf"(?:@{_NUM}|rir{_NUM})"
_GROUP_RE = re.compile(rf"([wdf]?)({_TERM}(?:x{_TERM}){{0,2}})([wdf]?)({_EFFORT})?")
_EFFORT_RE = re.compile(rf"@({_NUM})|rir({_NUM})")
# A comma right after an effort ends its group: 100x5@8,105x3@9 is two groups.
_EFFORT_COMMA_RE = re.compile(rf"((?:@|rir){_NUM}),", re.IGNORECASE)
_SIDE_TOKENS = {"l": "left", "r": "right", "l/r": "lr", "r/l": "rl"}
_LOAD_RE = re.compile(rf"(bw)?([+-])?({_NUM})?(kg|lbs|lb)?")

_HINT = (
    f"write NAME LOADxREPS[xSETS] …, e.g. 'back-squat 100x5x3 @8' (see {slot('shorthand_help')})"
)


# ---------------------------------------------------------------------------------------- parse


def parse(text: str, unit: Unit, loadless: Loadless | None = None) -> list[ParsedEntry]:
    """Read a shorthand line into entries; loads without a unit are in ``unit``.

    ``loadless(name)`` says whether an exercise takes no external load (then ``5x5`` is sets ×
    reps). Raises ``InvalidInput`` naming the entry and the token that could not be read."""
    entries: list[ParsedEntry] = []
    for chunk in re.split(r"[;\n]", text):
        if chunk.strip():
            entries.append(_parse_entry(chunk.strip(), unit, loadless or _never))
    if not entries:
        raise InvalidInput("nothing to log: the text holds no exercise", _HINT)
    return entries


def _never(_name: str) -> bool:
    return False


def _pieces(token: str) -> list[str]:
    """Split one space-separated token at the commas that separate groups (after an effort, or
    at either end of the token); each such comma becomes a "," piece. Commas inside a dose list
    (80x8,8,7) stay where they are."""
    out: list[str] = []
    for part in _EFFORT_COMMA_RE.sub(r"\1 , ", token).split():
        core = part.strip(",")
        if not core:
            out.extend([","] * len(part))
            continue
        lead = len(part) - len(part.lstrip(","))
        trail = len(part) - len(part.rstrip(","))
        out.extend([","] * lead + [core] + [","] * trail)
    return out


def _starts_sets(token: str) -> bool:
    first = _pieces(token)[0]
    return _GROUP_RE.fullmatch(first.lower()) is not None


def _parse_entry(chunk: str, unit: Unit, loadless: Loadless) -> ParsedEntry:
    words = chunk.replace("×", "x").replace("X", "x").split()
    i = 0
    while i < len(words) and not _starts_sets(words[i]):
        i += 1
    name = " ".join(words[:i])
    if not name:
        raise InvalidInput(f"{chunk!r} does not start with an exercise name", _HINT)
    if i == len(words):
        raise InvalidInput(f"no sets for {name!r}", _HINT)
    tokens = [piece for word in words[i:] for piece in _pieces(word)]
    no_load = loadless(name)
    sets: list[ParsedSet] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lower()
        m = _GROUP_RE.fullmatch(token)
        if m is None:
            if token == ",":
                raise InvalidInput(
                    f"two commas in a row in the sets of {name!r}", "write one set per comma"
                )
            raise InvalidInput(
                f"cannot read {tokens[i]!r} in the sets of {name!r}",
                "expected a set (100x5, 80x8,8,7, bwx10, 3x30s, w60x5, d80x6, 100x8f), an "
                "effort (@8, rir2) or a side (L, R, L/R)",
            )
        i += 1
        effort = [m.group(4)] if m.group(4) else []
        side_token: str | None = None
        # Efforts and side marks written after the group belong to it.
        while i < len(tokens) and (
            _EFFORT_RE.fullmatch(tokens[i].lower()) or tokens[i].lower() in _SIDE_TOKENS
        ):
            t = tokens[i].lower()
            if t not in _SIDE_TOKENS:
                effort.append(t)
            elif side_token is None:
                side_token = _SIDE_TOKENS[t]
            else:
                raise InvalidInput(f"two side marks after {m.group(0)!r} in {name!r}", _HINT)
            i += 1
        rpe, rir = _group_effort(effort, m.group(0), name)
        if m.group(1) and m.group(3):
            raise InvalidInput(
                f"{m.group(0)!r}: mark a set type once, with one 'w', 'd' or 'f'",
                "e.g. w60x5 (warm-up), d80x6 (drop set), 100x8f (to failure)",
            )
        base = ParsedSet(
            set_type=MARKS.get(m.group(1) or m.group(3), "working"),
            rpe=rpe,
            rir=rir,
            load_unit=unit,
        )
        sets.extend(_parse_body(m.group(2), base, unit, no_load, side_token, name))
        if i < len(tokens) and tokens[i] == ",":
            i += 1
            if i == len(tokens):
                raise InvalidInput(
                    f"the sets of {name!r} end with a comma",
                    "write a set after each comma, e.g. 100x5 @8, 105x3 @9",
                )
    return ParsedEntry(name, tuple(sets))


def _group_effort(effort: list[str], group: str, name: str) -> tuple[float | None, float | None]:
    if len(effort) > 1:
        raise InvalidInput(
            f"{group!r} in {name!r} has more than one effort ({' '.join(effort)})",
            "give either @RPE or rirN, once per group",
        )
    return _effort(effort[0], name) if effort else (None, None)


def _effort(token: str, name: str) -> tuple[float | None, float | None]:
    m = _EFFORT_RE.fullmatch(token)
    assert m is not None  # only called on tokens the same pattern accepted
    if m.group(1) is not None:
        rpe = float(m.group(1))
        if not RPE_MIN <= rpe <= RPE_MAX or (rpe * 2) % 1:
            raise InvalidInput(f"RPE {m.group(1)} for {name!r}", "use 1–10 in half steps (@8.5)")
        return rpe, None
    rir = float(m.group(2))
    if not 0 <= rir <= RIR_MAX or (rir * 2) % 1:
        raise InvalidInput(f"RIR {m.group(2)} for {name!r}", "use 0–10 in half steps (rir2)")
    return None, rir


def _parse_body(
    body: str, base: ParsedSet, unit: Unit, no_load: bool, side: str | None, name: str
) -> list[ParsedSet]:
    terms = body.split("x")
    if len(terms) == 3:
        loaded = _load(terms[0], base, unit, name)
        return _repeat(_doses(terms[1], loaded, side, name, single=True), _count(terms[2], name))
    if len(terms) == 2:
        if no_load and re.fullmatch(_NUM, terms[0]) and not _looks_like_list(terms[1]):
            unloaded = replace(base, basis="bodyweight")
            return _repeat(
                _doses(terms[1], unloaded, side, name, single=True), _count(terms[0], name)
            )
        return _doses(terms[1], _load(terms[0], base, unit, name), side, name, single=False)
    if no_load and not terms[0].startswith("bw"):
        return _doses(terms[0], replace(base, basis="bodyweight"), side, name, single=False)
    raise InvalidInput(
        f"{body!r} for {name!r} gives no load",
        f"write the load first: bwx{body} for body weight, or LOADx{body} with a weight; bare "
        "numbers are for holds and jumps (30s, 5x5), and a list of reps has no spaces (80x8,8,7)",
    )


def _looks_like_list(term: str) -> bool:
    return "," in term


def _load(term: str, base: ParsedSet, unit: Unit, name: str) -> ParsedSet:
    m = _LOAD_RE.fullmatch(term)
    if m is None or (m.group(1) is None and (m.group(2) or m.group(3) is None)):
        raise InvalidInput(f"{term!r} is not a load (for {name!r})", "e.g. 100, 100kg, bw, bw+10")
    bw, sign, number, written_unit = m.groups()
    load_unit: Unit = (
        "lb" if written_unit in ("lb", "lbs") else "kg" if written_unit == "kg" else unit
    )
    if bw and written_unit and not number:
        raise InvalidInput(f"{term!r} is not a load (for {name!r})", "e.g. bw, bw+10kg")
    if bw and number is None:
        return replace(base, basis="bodyweight", load=None, load_unit=load_unit)
    assert number is not None
    value = float(number)
    if value > 0 and to_kg(value, load_unit) > MAX_LOAD_KG:
        raise InvalidInput(
            f"load {term!r} for {name!r} is over {MAX_LOAD_KG:g} kg", "check for a typo"
        )
    if bw:
        if value == 0:
            return replace(base, basis="bodyweight", load=None, load_unit=load_unit)
        return replace(
            base,
            basis="assistance" if sign == "-" else "bodyweight",
            load=value,
            load_unit=load_unit,
        )
    if value <= 0:
        raise InvalidInput(f"load {term!r} for {name!r} is zero", "give the load, or bw")
    return replace(base, basis="external", load=value, load_unit=load_unit)


def _count(term: str, name: str) -> int:
    if not term.isdigit():
        raise InvalidInput(f"{term!r} is not a number of sets (for {name!r})", "e.g. x3")
    n = int(term)
    if not 1 <= n <= MAX_SETS:
        raise InvalidInput(f"{n} sets of {name!r}", f"give 1–{MAX_SETS} sets")
    return n


def _repeat(sets: list[ParsedSet], n: int) -> list[ParsedSet]:
    return sets * n


def _doses(
    term: str, base: ParsedSet, side: str | None, name: str, *, single: bool
) -> list[ParsedSet]:
    items = term.split(",")
    if single and len(items) > 1:
        raise InvalidInput(
            f"{term!r} for {name!r}: a list of reps cannot be repeated",
            "write 80x8,8,7 (one set per item) or 80x8x3 (three sets of 8)",
        )
    out: list[ParsedSet] = []
    kinds: set[DoseKind] = set()
    has_pair = any("/" in item for item in items)
    if side in ("lr", "rl") and not has_pair:
        raise InvalidInput(
            f"L/R after {term!r} for {name!r} needs per-side amounts", "e.g. 20x10/10 L/R"
        )
    if side in ("left", "right") and has_pair:
        raise InvalidInput(f"{term!r} for {name!r} is per side already", "drop the L or R")
    for item in items:
        parts = item.split("/")
        if len(parts) == 2:
            pair: tuple[Side, Side] = ("right", "left") if side == "rl" else ("left", "right")
            first, second = pair
            sides: list[tuple[str, Side]] = [(parts[0], first), (parts[1], second)]
        else:
            one: Side = "left" if side == "left" else "right" if side == "right" else "both"
            sides = [(parts[0], one)]
        for amount, s in sides:
            made = _amount(amount, replace(base, side=s), name)
            kinds.add(made.dose_kind)
            out.append(made)
    if len(kinds) > 1:
        raise InvalidInput(
            f"{term!r} for {name!r} mixes reps, seconds and metres", "one kind per group"
        )
    return out


def _amount(text: str, base: ParsedSet, name: str) -> ParsedSet:
    if text.endswith("s"):
        seconds = float(text[:-1])
        if not 0 < seconds <= MAX_SECONDS:
            raise InvalidInput(f"{text!r} for {name!r}", "give a hold of more than 0 s")
        return replace(base, duration_s=seconds)
    if text.endswith("m"):
        metres = float(text[:-1])
        if not 0 < metres <= MAX_METRES:
            raise InvalidInput(f"{text!r} for {name!r}", "give a distance of more than 0 m")
        return replace(base, distance_m=metres)
    if not text.isdigit():
        raise InvalidInput(f"{text!r} reps for {name!r}", "reps are whole numbers")
    reps = int(text)
    if not 1 <= reps <= MAX_REPS:
        raise InvalidInput(f"{reps} reps for {name!r}", f"give 1–{MAX_REPS} reps")
    return replace(base, reps=reps)


# --------------------------------------------------------------------------------------- format


def format(
    entries: Iterable[ParsedEntry], unit: Unit | None = None, loadless: Loadless | None = None
) -> str:
    """Write entries in the shorthand; loads in ``unit`` are written without a unit.

    ``parse(format(e, unit, f), unit, f) == e`` for every valid ``e`` (property-tested); the
    writer is ``shorthand_format``."""
    return write(entries, unit, loadless)
