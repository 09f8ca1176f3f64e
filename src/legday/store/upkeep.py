"""Database upkeep statements: what the database holds (row counts as the actor sees them) and
a SQLite database copied with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legday.store.models import Assessment, Athlete, Plan, SetEntry, TrainingSession


def row_counts(s: Session) -> dict[str, int]:
    """Athletes, sessions, sets, assessments and plans the unit's actor may see."""
    return {
        name: int(s.scalar(select(func.count()).select_from(model)) or 0)
        for name, model in (
            ("athletes", Athlete),
            ("sessions", TrainingSession),
            ("sets", SetEntry),
            ("assessments", Assessment),
            ("plans", Plan),
        )
    }


def sqlite_bytes(src_path: Path) -> tuple[bytes, str]:
    """A SQLite file copied with the online backup API (consistent while another process
    writes) into memory, as the bytes of a database file, with the copy's own integrity check
    ("ok" when whole). Raises sqlite3.Error/OSError."""
    src = sqlite3.connect(src_path)
    dst = sqlite3.connect(":memory:")
    try:
        src.backup(dst, pages=256)
        integrity = str(dst.execute("PRAGMA integrity_check").fetchone()[0])
        return dst.serialize(), integrity
    finally:
        dst.close()
        src.close()
