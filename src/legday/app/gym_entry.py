"""The one-line entry of gym mode: what the athlete types after each set.

Enter accepts the prescription; ``5`` reps (or seconds/contacts, whatever the set is dosed in);
``5 102.5`` with the load (``102.5kg``/``225lb`` to name the unit); ``@9`` an RPE, ``rir2`` reps
in reserve (RPE = 10 − RIR, Zourdos et al. 2016); ``bw`` body weight; and the words ``skip``,
``done`` (the rest of this exercise), ``end`` (the session), ``pause`` (leave it open), ``help``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from legday.domain.errors import InvalidInput
from legday.domain.units import Unit


@dataclass(frozen=True)
class Actual:
    """What the athlete did in one set (None: as prescribed)."""

    amount: int | float | None = None  # reps, seconds or contacts — whatever the set is dosed in
    load: float | None = None  # in the athlete's unit
    load_unit: Unit | None = None
    bodyweight: bool = False
    rpe: float | None = None


@dataclass(frozen=True)
class Command:
    kind: str  # "accept" | "set" | "skip" | "done" | "end" | "pause" | "help"
    actual: Actual = field(default_factory=Actual)


HELP = (
    "Enter = as prescribed · '5' reps · '5 102.5' reps and load · '4 @9' with RPE · "
    "'30s' a hold · 'skip' this set · 'done' this exercise · 'end' the session · 'pause' to leave"
)
_WORDS = {
    "": "accept", "ok": "accept", "y": "accept", "skip": "skip", "s": "skip", "done": "done",
    "next": "done", "end": "end", "finish": "end", "pause": "pause", "q": "pause", "quit": "pause",
    "exit": "pause", "?": "help", "h": "help", "help": "help",
}  # fmt: skip
_RPE = re.compile(r"^@\s*(\d+(?:\.\d+)?)$")
_RIR = re.compile(r"^rir\s*(\d+(?:\.\d+)?)$")
_LOAD = re.compile(r"^(\d+(?:\.\d+)?)\s*(kg|lb|lbs)?$")
_AMOUNT = re.compile(r"^(\d+)\s*(s|sec|x)?$")


def parse_entry(text: str) -> Command:
    """One short line → a command (grammar in :data:`HELP`); bad input raises InvalidInput."""
    t = " ".join(text.strip().lower().replace("@ ", "@").split())
    if t in _WORDS:
        return Command(_WORDS[t])
    amount: int | None = None
    load: float | None = None
    unit: Unit | None = None
    bw = False
    rpe: float | None = None
    for tok in t.split(" "):
        if m := _RPE.match(tok):
            rpe = float(m.group(1))
        elif m := _RIR.match(tok):
            rpe = 10.0 - float(m.group(1))
        elif amount is None and (m := _AMOUNT.match(tok)):
            amount = int(m.group(1))
        elif tok == "bw":
            bw = True
        elif load is None and (m := _LOAD.match(tok)):
            load = float(m.group(1))
            unit = None if m.group(2) is None else ("kg" if m.group(2) == "kg" else "lb")
        else:
            raise InvalidInput(f"cannot read {tok!r} in {text.strip()!r}", HELP)
    if rpe is not None and not 1 <= rpe <= 10:
        raise InvalidInput(f"RPE {rpe:g} is outside 1–10", "e.g. '5 @8'")
    return Command("set", Actual(amount, load, unit, bw, rpe))
