"""What an import compares a file with: the stored sessions by their identity, and the dedupe
keys of sets entered in legday, derived as an export derives them
(docs/evidence/import-formats.md#dedupe-key); and the row a new session of an import is stored
as (both the record path and the column path lay it out here)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from legday.domain.records import SessionRecord
from legday.interop.common import dedupe_key, session_identity, shorten
from legday.store.plain_import import KEY_LIMIT

if TYPE_CHECKING:  # the record path on the standard driver imports no SQLAlchemy
    from sqlalchemy.orm import Session


def new_session_row(athlete_id: int, sess: SessionRecord) -> dict[str, Any]:
    """The training_session row of a session an import adds: closed, no plan, the file's text
    cut to the columns' sizes (a long source key shortened with its digest, so it stays unique)."""
    return {
        "athlete_id": athlete_id,
        "started_at": sess.started_at,
        "timezone": None,
        "duration_s": sess.duration_s,
        "session_rpe": sess.session_rpe,
        "name": sess.name[:300] if sess.name else None,
        "notes": sess.notes,
        "source": sess.source[:20],
        "source_key": None if sess.source_key is None else shorten(sess.source_key, 300),
        "status": "closed",
        "plan_ref": None,
        "warnings": list(sess.warnings),
    }


def existing_sessions(
    s: Session, athlete_id: int | None, sources: set[str]
) -> dict[tuple[str, str], int]:
    """(source, source key) → stored session id, for the athlete's sessions from ``sources``."""
    if athlete_id is None or not sources:
        return {}
    from legday.store import imports

    return by_identity(imports.stored_sessions(s, athlete_id, sources))


def by_identity(
    rows: Iterable[tuple[int, str, str | None, datetime]],
) -> dict[tuple[str, str], int]:
    """(source, source key) → session id, from stored (id, source, source key, start) rows."""
    return {session_identity(src, key, start): sid for sid, src, key, start in rows}


def derived_keys(s: Session, athlete_id: int) -> set[str]:
    """Sets entered in legday (`log`, gym mode) carry no dedupe key; their export derives one
    from the session's source and start, so importing the export again finds them here."""
    from legday.store import imports

    return keys_of(imports.keyless_sets(s, athlete_id))


def keys_of(rows: Iterable[tuple[str, datetime, str, int, int]]) -> set[str]:
    """The dedupe keys an export derives for stored (source, start, name, occurrence,
    position) rows of sets without a key of their own."""
    return {
        shorten(dedupe_key(src, start, raw, occ, pos), KEY_LIMIT)
        for src, start, raw, occ, pos in rows
    }
