"""Writing entries back in the logging shorthand (the grammar: ``legday.domain.train.shorthand``).

Sets in a row with the same type, load, effort, dose kind and sides form one group: identical doses
become ``LOADxDOSExSETS``, different ones a list ``LOADxD1,D2``, left/right pairs ``a/b``. The set
type mark is written before the body (``w60x5``, ``d80x6``, ``f100x8``), and a comma follows a
group that ends in an effort or a side mark when another group comes after it, so that
``100x5 @8, 105x3 @9`` shows where each effort belongs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from legday.domain.errors import InvalidInput
from legday.domain.train.shorthand_sets import MARK_OF, Loadless, ParsedEntry, ParsedSet
from legday.domain.units import Unit


def write(entries: Iterable[ParsedEntry], unit: Unit | None, loadless: Loadless | None) -> str:
    """The text of ``entries``; see :func:`legday.domain.train.shorthand.format`."""
    return "; ".join(
        _format_entry(e, unit, loadless is not None and loadless(e.name)) for e in entries
    )


@dataclass(frozen=True, slots=True)
class _Unit:
    """A single set, or a left/right pair written ``a/b``."""

    sets: tuple[ParsedSet, ...]

    @property
    def key(self) -> tuple[object, ...]:
        first = self.sets[0]
        shape = tuple(s.side for s in self.sets)
        return (_common(first), first.dose_kind, shape)

    @property
    def amounts(self) -> tuple[float | int | None, ...]:
        return tuple(_dose_value(s) for s in self.sets)


def _common(s: ParsedSet) -> tuple[object, ...]:
    return (s.set_type, s.load, s.load_unit, s.basis, s.rpe, s.rir)


def _dose_value(s: ParsedSet) -> float | int | None:
    if s.duration_s is not None:
        return s.duration_s
    return s.distance_m if s.distance_m is not None else s.reps


def _units(sets: tuple[ParsedSet, ...]) -> list[_Unit]:
    out: list[_Unit] = []
    i = 0
    while i < len(sets):
        a = sets[i]
        b = sets[i + 1] if i + 1 < len(sets) else None
        if (
            b is not None
            and {a.side, b.side} == {"left", "right"}
            and _common(a) == _common(b)
            and a.dose_kind == b.dose_kind
        ):
            out.append(_Unit((a, b)))
            i += 2
        else:
            out.append(_Unit((a,)))
            i += 1
    return out


def _format_entry(entry: ParsedEntry, unit: Unit | None, no_load: bool) -> str:
    if not entry.sets:
        raise InvalidInput(f"{entry.name!r} has no sets", "an entry needs at least one set")
    groups: list[list[_Unit]] = []
    for u in _units(entry.sets):
        if groups and groups[-1][0].key == u.key:
            groups[-1].append(u)
        else:
            groups.append([u])
    text = entry.name
    for k, g in enumerate(groups):
        body, tail = _format_group(g, unit, no_load)
        text += f" {body}{tail}"
        # After an effort or a side mark a comma shows where the next group starts.
        if tail and k + 1 < len(groups):
            text += ","
    return text


def _format_group(group: list[_Unit], unit: Unit | None, no_load: bool) -> tuple[str, str]:
    """The group's body with its set-type mark, and what trails it (effort, side mark)."""
    first = group[0].sets[0]
    doses = [_format_dose(u) for u in group]
    same = all(d == doses[0] for d in doses)
    bare = first.basis == "bodyweight" and first.load is None and no_load
    if bare:
        body = f"{len(group)}x{doses[0]}" if same and len(group) > 1 else ",".join(doses)
    else:
        # A no-load exercise with a bare number would read as SETSxDOSE: write the unit then.
        load = _format_load(first, unit, force_unit=no_load)
        if same and len(group) > 1:
            body = f"{load}x{doses[0]}x{len(group)}"
        else:
            body = f"{load}x{','.join(doses)}"
    tail = ""
    if first.rpe is not None:
        tail += f" @{_num(first.rpe)}"
    if first.rir is not None:
        tail += f" rir{_num(first.rir)}"
    sides = tuple(s.side for s in group[0].sets)
    side_mark = {("right", "left"): "R/L", ("left",): "L", ("right",): "R"}.get(sides)
    if side_mark:
        tail += f" {side_mark}"
    return MARK_OF.get(first.set_type, "") + body, tail


def _format_dose(u: _Unit) -> str:
    return "/".join(_format_amount(s) for s in u.sets)


def _format_amount(s: ParsedSet) -> str:
    if s.duration_s is not None:
        return f"{_num(s.duration_s)}s"
    if s.distance_m is not None:
        return f"{_num(s.distance_m)}m"
    return str(s.reps)


def _format_load(s: ParsedSet, unit: Unit | None, *, force_unit: bool) -> str:
    suffix = "" if (unit == s.load_unit and not force_unit) else s.load_unit
    if s.basis == "bodyweight" and s.load is None:
        return "bw"
    value = f"{_num(s.load or 0.0)}{suffix}"
    if s.basis == "bodyweight":
        return f"bw+{value}"
    if s.basis == "assistance":
        return f"bw-{value}"
    return value


def _num(v: float) -> str:
    """Shortest text that reads back as the same float (100.0 → "100", 2.5 → "2.5")."""
    text = repr(float(v))
    return text[:-2] if text.endswith(".0") else text
