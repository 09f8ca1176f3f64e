"""Export everything stored for an athlete — every session, set and assessment — in the legday
format (docs/legday-format.md), which ``legday import`` reads back without loss."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from legday.app import athletes
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import InvalidInput
from legday.domain.records import SessionRecord, SetRecord
from legday.domain.terms import slot
from legday.interop import legday_format_write
from legday.store import assessments as stored_tests
from legday.store import sessions as stored_sessions
from legday.store import sets as stored_sets

ExportFormat = Literal["csv", "json"]


@dataclass(frozen=True)
class ExportResult:
    athlete: str
    format: ExportFormat
    text: str
    sessions: int
    sets: int
    assessments: int

    @property
    def media_type(self) -> str:
        return "text/csv; charset=utf-8" if self.format == "csv" else "application/json"

    @property
    def data(self) -> bytes:
        """The export's bytes (UTF-8), for a shell to write or send."""
        return self.text.encode("utf-8")

    def as_json(self) -> dict[str, Any]:
        """What was written (not the export itself)."""
        return {
            "athlete": self.athlete,
            "format": self.format,
            "sessions": self.sessions,
            "sets": self.sets,
            "assessments": self.assessments,
        }


def check_format(fmt: str) -> ExportFormat:
    f = fmt.strip().lower()
    if f == "csv":
        return "csv"
    if f == "json":
        return "json"
    raise InvalidInput(
        f"export format {fmt!r} is not known", f"use csv or json as {slot('format')}"
    )


def export_athlete(db: Database, actor: Actor, athlete_id: int, fmt: str = "json") -> ExportResult:
    chosen = check_format(fmt)
    with db.read(actor) as s:
        a = athletes.get(s, athlete_id)
        sessions = _sessions(s, a.id)
        tests = [
            {
                "test_id": t.test_id,
                "taken_on": t.taken_on,
                "value": t.value,
                "unit": t.unit,
                "rating": t.rating,
                "flags": list(t.flags or []),
                "inputs": dict(t.inputs or {}),
                "result": dict(t.result or {}),
                "notes": t.notes,
            }
            for t in stored_tests.of_athlete(s, a.id)
        ]
        view = athletes.view(a).as_json()
        name = a.name
    view.pop("id", None)  # a database detail, meaningless in another database
    if chosen == "json":
        text = legday_format_write.write_json(view, sessions, tests)
    else:
        text = legday_format_write.write_csv(name, sessions, tests)
    n_sets = sum(len(x.sets) for x in sessions)
    return ExportResult(name, chosen, text, len(sessions), n_sets, len(tests))


def _sessions(s: Any, athlete_id: int) -> list[SessionRecord]:
    by_session: dict[int, list[SetRecord]] = {}
    for session_id, record in stored_sets.records_of(s, athlete_id):
        by_session.setdefault(session_id, []).append(record)
    out: list[SessionRecord] = []
    for t in stored_sessions.oldest_first(s, athlete_id):
        out.append(
            SessionRecord(
                started_at=t.started_at,
                sets=tuple(by_session.get(t.id, ())),
                name=t.name,
                duration_s=t.duration_s,
                session_rpe=t.session_rpe,
                notes=t.notes,
                source=t.source,
                source_key=t.source_key,
                warnings=tuple(t.warnings or ()),
            )
        )
    return out
