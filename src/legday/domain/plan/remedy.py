"""What to change when a plan cannot meet a rule, as structured values (field, bound, items) and
plain words; the command line turns them into its options. A remedy never asks for what the
person already gave: a day count they have, equipment they listed (R38)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legday.domain.errors import InvalidInput

FIELDS: tuple[str, ...] = ("minutes", "days", "equipment", "goals", "weeks", "home-practice")


@dataclass(frozen=True, slots=True)
class Remedy:
    field: str  # one of FIELDS
    bound: int | None = None  # minutes per session / days / weeks to reach (at least, or at most)
    items: tuple[str, ...] = ()  # equipment to add
    at_most: bool = False  # the bound is a ceiling (fewer days), not a floor

    def words(self) -> str:
        b = self.bound
        if self.field == "minutes":
            return f"at least {b} min per session" if b else "longer sessions"
        if self.field == "days":
            if self.at_most:
                return f"at most {b} days a week" if b else "fewer days a week"
            return f"at least {b} days a week" if b else "more days a week"
        if self.field == "equipment":
            return "add equipment: " + ", ".join(self.items)
        if self.field == "weeks":
            return f"a plan of at least {b} weeks"
        if self.field == "home-practice":
            return "practise balance at home on the other days"
        return "fewer goals"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "suggestion": self.words()}
        if self.bound is not None:
            out["bound"] = self.bound
            out["at_most"] = self.at_most
        if self.items:
            out["items"] = list(self.items)
        return out


class PlanRefused(InvalidInput):
    """A request no choice of exercises can meet: the binding constraint with its parts (label,
    seconds), which add up to what a session needs, and what to change."""

    def __init__(
        self, message: str, parts: tuple[tuple[str, float], ...], remedies: tuple[Remedy, ...]
    ) -> None:
        super().__init__(message, " or ".join(r.words() for r in remedies) or None)
        self.parts = parts
        self.remedies = remedies
