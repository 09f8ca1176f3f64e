"""The test inputs of `legday assess score|record`: one option per input a test can take, named
as the data files name the inputs, and the decorator that hands a command those given as one
mapping.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from legday.cli.common import finite


def opt(flag: str, help_: str, number: bool = False) -> Any:
    if number:
        return typer.Option(flag, help=help_, parser=finite)
    return typer.Option(flag, help=help_)


ValueOpt = Annotated[float | None, opt("--value", "The score (stands, seconds …).", number=True)]
LeftOpt = Annotated[
    float | None, opt("--left", "Left side (N, cm; Y-Balance: anterior reach).", number=True)
]
RightOpt = Annotated[
    float | None, opt("--right", "Right side (N, cm; Y-Balance: anterior).", number=True)
]
StageOpt = Annotated[int | None, opt("--stage", "4-stage balance: highest stage held 10 s.")]
SecondsOpt = Annotated[
    float | None, opt("--seconds", "4-stage balance: seconds in next stage.", number=True)
]
LoadOpt = Annotated[
    float | None,
    opt("--load", "Rep max: load lifted, in the athlete's unit (or --unit).", number=True),
]
LoadKgOpt = Annotated[float | None, opt("--load-kg", "Rep max: load lifted, in kg.", number=True)]
LoadLbOpt = Annotated[float | None, opt("--load-lb", "Rep max: load lifted, in lb.", number=True)]
ExerciseOpt = Annotated[
    str | None, opt("--exercise", "Rep max: the exercise lifted (catalog id or name).")
]
RepsOpt = Annotated[int | None, opt("--reps", "Rep max: reps performed.")]
FormulaOpt = Annotated[str | None, opt("--formula", "Rep max: 1RM formula (default epley).")]
HeightOpt = Annotated[float | None, opt("--height-cm", "Jumps: jump height in cm.", number=True)]
LimbOpt = Annotated[
    float | None, opt("--limb-length-cm", "Leg length, ASIS–medial malleolus.", number=True)
]
PmLOpt = Annotated[
    float | None, opt("--pm-left", "Y-Balance: left posteromedial reach, cm.", number=True)
]
PmROpt = Annotated[
    float | None, opt("--pm-right", "Y-Balance: right posteromedial reach, cm.", number=True)
]
PlLOpt = Annotated[
    float | None, opt("--pl-left", "Y-Balance: left posterolateral reach, cm.", number=True)
]
PlROpt = Annotated[
    float | None, opt("--pl-right", "Y-Balance: right posterolateral reach, cm.", number=True)
]
PopOpt = Annotated[str | None, opt("--population", "Nordic: australian-football, soccer or other.")]
PhaseOpt = Annotated[str | None, opt("--phase", "Nordic: start or end of preseason.")]
RaterOpt = Annotated[str | None, opt("--rater", "Knee-to-wall: same or different clinician.")]
InvolvedOpt = Annotated[str | None, opt("--involved", "Hop: injured side, left or right.")]
FellOpt = Annotated[bool, opt("--fell", "STEADI screen: fell in the past year (yes).")]
UnsteadyOpt = Annotated[
    bool, opt("--unsteady", "STEADI screen: feels unsteady standing or walking (yes).")
]
WorriedOpt = Annotated[bool, opt("--worried", "STEADI screen: worries about falling (yes).")]
MethodOpt = Annotated[
    str | None,
    opt("--method", "Quadriceps strength: isokinetic, isometric or knee-extension-1rm."),
]
FatigueOpt = Annotated[int | None, opt("--fatigue", "Readiness: fatigue 1–5 (5 very fresh).")]
SleepOpt = Annotated[int | None, opt("--sleep", "Readiness: sleep quality 1–5 (5 very restful).")]
SorenessOpt = Annotated[
    int | None, opt("--soreness", "Readiness: muscle soreness 1–5 (5 feeling good).")
]
StressOpt = Annotated[int | None, opt("--stress", "Readiness: stress 1–5 (5 very relaxed).")]
MoodOpt = Annotated[int | None, opt("--mood", "Readiness: mood 1–5 (5 very positive).")]
AgeOpt = Annotated[int | None, opt("--age", "Age in years (norms by age).")]
SexOpt = Annotated[str | None, opt("--sex", "female or male (norms by sex).")]
MassOpt = Annotated[float | None, opt("--mass-kg", "Body mass in kg (power, ratios).", number=True)]
UnitOpt = Annotated[str | None, opt("--unit", "Unit of --load: kg or lb.")]
ConfirmOpt = Annotated[
    bool, opt("--confirm", "Accept a value outside its plausible range (after checking it).")
]
AgainOpt = Annotated[
    bool, opt("--again", "Store a second, identical result on the same day (a new trial).")
]
NearestOpt = Annotated[
    bool, opt("--nearest-band", "Score an age outside the norm table against its nearest band.")
]


# The test's own inputs, shared by `score` and `record`: parameter name → option. Their names,
# hyphenated, are the data files' input names.
TEST_INPUTS: dict[str, Any] = {
    "value": ValueOpt, "left": LeftOpt, "right": RightOpt, "stage": StageOpt,
    "seconds": SecondsOpt, "load": LoadOpt, "load_kg": LoadKgOpt, "load_lb": LoadLbOpt,
    "reps": RepsOpt, "formula": FormulaOpt,
    "height_cm": HeightOpt, "limb_length_cm": LimbOpt, "pm_left": PmLOpt, "pm_right": PmROpt,
    "pl_left": PlLOpt, "pl_right": PlROpt, "population": PopOpt, "phase": PhaseOpt,
    "rater": RaterOpt, "involved": InvolvedOpt, "method": MethodOpt, "fell": FellOpt,
    "unsteady": UnsteadyOpt, "worried": WorriedOpt, "fatigue": FatigueOpt, "sleep": SleepOpt,
    "soreness": SorenessOpt, "stress": StressOpt, "mood": MoodOpt,
}  # fmt: skip
# Yes/no answers given as bare flags: present = "yes"; absent = not given (the data file's
# default, "no").
_YES_FLAGS = ("fell", "unsteady", "worried")


def takes_test_inputs(command: Callable[..., None]) -> Callable[..., None]:
    """Gives ``command`` the options of ``TEST_INPUTS`` in place of its ``values`` parameter, and
    hands it those given as one dict (input name → value; options not given are left out)."""
    sig = inspect.signature(command, eval_str=True)
    inputs = [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=False if name in _YES_FLAGS else None,
            annotation=opt,
        )
        for name, opt in TEST_INPUTS.items()
    ]
    params: list[inspect.Parameter] = []
    for p in sig.parameters.values():
        params.extend(inputs if p.name == "values" else [p.replace(kind=p.KEYWORD_ONLY)])

    @functools.wraps(command)
    def with_inputs(**kw: Any) -> None:
        given = {n.replace("_", "-"): kw.pop(n) for n in TEST_INPUTS}
        for flag in _YES_FLAGS:
            given[flag] = "yes" if given[flag] else None
        command(values={k: v for k, v in given.items() if v is not None}, **kw)

    with_inputs.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
    return with_inputs
