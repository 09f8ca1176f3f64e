"""Writing legday's own export format, CSV and JSON (docs/legday-format.md): every stored field of
a session, a set and an assessment, so that ``legday import`` reads the export back without loss.
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date
from typing import Any

from legday.domain.records import SessionRecord, SetRecord
from legday.interop.legday_format import (
    ASSESSMENT_FIELDS,
    CSV_HEADER,
    FORMAT_VERSION,
    SESSION_FIELDS,
    SET_FIELDS,
)


def session_dict(s: SessionRecord) -> dict[str, Any]:
    return {
        "started_at": s.started_at.isoformat(),
        "name": s.name,
        "duration_s": s.duration_s,
        "session_rpe": _real(s.session_rpe),
        "notes": s.notes,
        "source": s.source,
        "source_key": s.source_key,
        "warnings": list(s.warnings),
    }


def set_dict(x: SetRecord) -> dict[str, Any]:
    return {f: _real(getattr(x, f)) for f in SET_FIELDS}


def _real(v: Any) -> Any:
    """A non-finite float (stored by an old legday or another tool) is written as empty: JSON has
    no Infinity, and the export must import again."""
    return None if isinstance(v, float) and not math.isfinite(v) else v


def write_json(
    athlete: dict[str, Any], sessions: list[SessionRecord], assessments: list[dict[str, Any]]
) -> str:
    doc = {
        "format": "legday",
        "version": FORMAT_VERSION,
        "athlete": athlete,
        "sessions": [{**session_dict(s), "sets": [set_dict(x) for x in s.sets]} for s in sessions],
        "assessments": [_assessment_out(a) for a in assessments],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def write_csv(
    athlete: str, sessions: list[SessionRecord], assessments: list[dict[str, Any]]
) -> str:
    buf = io.StringIO()
    buf.write(",".join(CSV_HEADER) + "\n")
    # Every cell quoted: a lone CR in a note must not end the record for any reader.
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    blank_set = [""] * len(SET_FIELDS)
    blank_session = [""] * len(SESSION_FIELDS)
    w.writerow(["athlete", athlete, *blank_session, *blank_set, ""])
    for s in sessions:
        sess = [_cell(v) for v in session_dict(s).values()]
        if not s.sets:
            w.writerow(["session", athlete, *sess, *blank_set, ""])
        for x in s.sets:
            w.writerow(["set", athlete, *sess, *(_cell(getattr(x, f)) for f in SET_FIELDS), ""])
    for a in assessments:
        doc = json.dumps(_assessment_out(a), ensure_ascii=False)
        w.writerow(["assessment", athlete, *blank_session, *blank_set, doc])
    return buf.getvalue()


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)  # shortest text that reads back to the same float
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _assessment_out(a: dict[str, Any]) -> dict[str, Any]:
    out = {f: a.get(f) for f in ASSESSMENT_FIELDS}
    if isinstance(out["taken_on"], date):
        out["taken_on"] = out["taken_on"].isoformat()
    return out
