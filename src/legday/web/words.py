"""The web's words for the slots of the core's messages (docs/conventions.md#hints): the API
names the JSON or form field to send, the pages the control on the page. A slot neither table
names reads as its plain words (legday.domain.terms.TERMS)."""

from __future__ import annotations

from collections.abc import Mapping

from legday.domain.errors import LegdayError

# Fields of the API's requests (POST /api/v1/imports takes both as form fields).
API_WORDS: Mapping[str, str] = {
    "unit": "the `unit` field",
    "unit_is_right": "the `unit_is_right` field",
}

# Controls of the pages (the import page's upload form).
PAGE_WORDS: Mapping[str, str] = {
    "unit": "“Loads in the file are in”",
    "unit_is_right": "the tick “The loads really are in this unit”",
}


def for_api(exc: LegdayError) -> tuple[str, str | None]:
    """(message, hint) of an error in the API's words."""
    from legday.domain.terms import phrase

    return phrase(exc.message, API_WORDS), (phrase(exc.hint, API_WORDS) if exc.hint else None)


def for_page(exc: LegdayError) -> str:
    """The one line a page shows for an error, in the pages' words."""
    return exc.phrased(PAGE_WORDS)
