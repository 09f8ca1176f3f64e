"""Typed, frozen results of the database upkeep use-cases (`legday db upgrade | status | check |
backup`). Each ``as_json()`` is the JSON document the CLI prints; URLs are shown without their
password."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Upgrade:
    """Migrations applied: the schema before (None for a new database) and now."""

    url: str
    from_revision: str | None
    revision: str | None

    def as_json(self) -> dict[str, Any]:
        return {"url": self.url, "from": self.from_revision, "revision": self.revision}


@dataclass(frozen=True)
class DatabaseStatus:
    """Where the data lives, its schema and the rows the local user sees."""

    url: str
    backend: str
    file: str | None  # the SQLite file; None on a server
    revision: str | None
    athletes: int
    sessions: int
    sets: int
    assessments: int
    plans: int

    def as_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "backend": self.backend,
            "file": self.file,
            "revision": self.revision,
            "athletes": self.athletes,
            "sessions": self.sessions,
            "sets": self.sets,
            "assessments": self.assessments,
            "plans": self.plans,
        }


@dataclass(frozen=True)
class DatabaseCheck:
    """SQLite's integrity check ("ok" or its first problem; on PostgreSQL, whether every table
    reads) and rows holding values no legday wrote."""

    url: str
    revision: str | None
    newer_schema: bool  # written by a newer legday
    integrity: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.problems and not self.newer_schema

    def as_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "revision": self.revision,
            "newer_schema": self.newer_schema,
            "integrity": self.integrity,
            "problems": list(self.problems),
            "ok": self.ok,
        }


@dataclass(frozen=True)
class DatabaseCopy:
    """A consistent copy of a SQLite database as the bytes of a file; the shell writes or sends
    them."""

    data: bytes
    integrity: str  # the copy's own integrity check: "ok" when whole
    media_type: str = "application/vnd.sqlite3"

    def as_json(self) -> dict[str, Any]:
        """What was copied (not the bytes)."""
        return {"integrity": self.integrity, "media_type": self.media_type, "bytes": len(self.data)}
