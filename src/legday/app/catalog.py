"""Catalog use-cases: list, show and match exercises (typed results in app/catalog_results.py).

The catalog itself needs no database; only ``match`` with an athlete reads that athlete's own
name mappings (``legday exercises map``), which win over the built-in matching.
"""

from __future__ import annotations

from legday.app.catalog_results import CatalogCoverage, ExerciseLink, ExerciseView
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.catalog import Exercise, load
from legday.domain.catalog.matching import MatchResult, match_name
from legday.domain.catalog.programmes import Programme
from legday.domain.catalog.query import coverage, filter_exercises
from legday.domain.errors import InvalidInput
from legday.domain.terms import slot


def exercise_view(ex: Exercise, named_links: bool = False) -> ExerciseView:
    """Every field of an exercise; with ``named_links`` its regressions and progressions carry
    their catalog names (`legday exercises show`), otherwise the JSON lists plain ids."""
    if not named_links:
        return ExerciseView(ex)
    cat = load()

    def named(ids: tuple[str, ...]) -> tuple[ExerciseLink, ...]:
        return tuple(ExerciseLink(i, cat.get(i).name) for i in ids)

    return ExerciseView(ex, named(ex.regressions), named(ex.progressions))


def split_list(text: str | None) -> list[str] | None:
    """``"barbell, bench"`` → ``["barbell", "bench"]``; None stays None."""
    if text is None:
        return None
    items = [x.strip().lower() for x in text.split(",") if x.strip()]
    if not items:
        raise InvalidInput(
            f"{slot('equipment')} is empty",
            "a comma-separated list, e.g. barbell,bench",
            field="equipment",
        )
    return items


def list_exercises(
    pattern: str | None = None,
    muscle: str | None = None,
    equipment: str | None = None,
    region: str | None = None,
    benefit: str | None = None,
    exclude: list[str] | None = None,
) -> list[Exercise]:
    return list(
        filter_exercises(
            load(),
            pattern=pattern,
            muscle=muscle,
            equipment=split_list(equipment),
            region=region,
            benefit=benefit,
            exclude_limitations=exclude or (),
        )
    )


def show(exercise_id: str) -> Exercise:
    return load().get(exercise_id.strip().lower())


def user_mappings(db: Database, actor: Actor, athlete_id: int) -> dict[str, str]:
    """The athlete's own name → exercise id answers (normalised names as keys)."""
    from legday.app import athletes
    from legday.store import exercises

    with db.read(actor) as s:
        return exercises.mappings_of(s, athletes.get(s, athlete_id).id)


def match(raw: str, mappings: dict[str, str] | None = None) -> MatchResult:
    return match_name(raw, extra_aliases=mappings)


def catalog_coverage() -> CatalogCoverage:
    cat = load()
    counts = coverage(cat)
    lower = sum(ex.is_lower for ex in cat)
    return CatalogCoverage(
        exercises=len(cat),
        lower_body=lower,
        upper_body_and_core=len(cat) - lower,
        pattern=counts["pattern"],
        benefit=counts["benefit"],
        region=counts["region"],
    )


def programme_list() -> list[Programme]:
    from legday.domain.catalog.programmes import programmes

    return list(programmes().values())


def programme_show(programme_id: str) -> Programme:
    from legday.domain.catalog.programmes import programme

    return programme(programme_id.strip().lower())
