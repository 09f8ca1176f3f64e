"""`legday exercises map "RAW" ID`: remember what another app's exercise name means and
re-classify the past sets that carry it."""

from __future__ import annotations

from typing import Annotated

import typer

from legday.cli.common import AthleteOpt, JsonOpt, console, emit_json, for_athlete
from legday.cli.exercises_cmd import exercises_app


@exercises_app.command("map")
def map_(
    raw: Annotated[str, typer.Argument(help="The name as the other app wrote it.")],
    exercise_id: Annotated[str, typer.Argument(help="The catalog exercise it is.")],
    athlete: AthleteOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Map an imported exercise name to a catalog exercise (remembered for future imports)."""
    from legday.app import mappings

    r = mappings.map_exercise(*for_athlete(athlete), raw, exercise_id)
    if json_out:
        emit_json({"mapping": r.as_json()})
        return
    console().print(
        f"{r.raw!r} is now {r.exercise_name} ({r.exercise_id}) for {r.athlete}: "
        f"{r.sets_updated} past sets re-classified over {r.days_refreshed} days.",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    """The command joins the `exercises` group, which exercises_cmd registers."""
