"""The plan request a page's form makes, built in one place for every page that plans (the
athlete's own plan, a coach's team plan, a physio's plan for a client)."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

NUMBERS = ("days", "minutes", "weeks")


def plan_layer(form: FormData, goals: list[str] | None = None) -> dict[str, Any]:
    """Goals (ticked, unless the page fixes them), days, minutes and weeks as typed, and the
    equipment ticked. A number that is not one stays text, so that the plan's own check refuses
    it with its words rather than the page guessing."""
    chosen = goals if goals is not None else [str(g) for g in form.getlist("goal")]
    layer: dict[str, Any] = {"goals": chosen}
    for key in NUMBERS:
        value = str(form.get(key) or "").strip()
        if value:
            layer[key] = int(value) if value.isdigit() else value
    equipment = [str(e) for e in form.getlist("equipment")]
    if equipment:
        layer["equipment"] = ",".join(equipment)
    return layer
