"""What an import compares a file with: the stored sessions by their identity, and the dedupe
keys of sets entered in legday, derived as an export derives them
(docs/evidence/import-formats.md#dedupe-key)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from legday.interop.common import dedupe_key, session_identity, shorten
from legday.store import imports


def existing_sessions(
    s: Session, athlete_id: int | None, sources: set[str]
) -> dict[tuple[str, str], int]:
    """(source, source key) → stored session id, for the athlete's sessions from ``sources``."""
    if athlete_id is None or not sources:
        return {}
    rows = imports.stored_sessions(s, athlete_id, sources)
    return {session_identity(src, key, start): sid for sid, src, key, start in rows}


def derived_keys(s: Session, athlete_id: int) -> set[str]:
    """Sets entered in legday (`log`, gym mode) carry no dedupe key; their export derives one
    from the session's source and start, so importing the export again finds them here."""
    return {
        shorten(dedupe_key(src, start, raw, occ, pos), imports.KEY_LIMIT)
        for src, start, raw, occ, pos in imports.keyless_sets(s, athlete_id)
    }
