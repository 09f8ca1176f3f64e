"""An account's export: one zip with everything the account owns, for the person to keep or to
take elsewhere (the right to data portability).

Inside: ``account.json`` (the account, its care links and the access log entries about it);
per athlete owned, ``athlete-<id>.json`` in the legday format (``legday import`` reads it back
without loss), ``athlete-<id>.csv`` for spreadsheets, and ``plan-<id>.ics`` when there is a
current plan. The CSV's cells are formula-neutralised: a text cell a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
apostrophe, so a set note like ``=HYPERLINK(…)`` stays text (OWASP, CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

from legday.app import access_log, accounts, care_links, exporting, planning
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import NotFound
from legday.store import accounts as store

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A spreadsheet-safe cell: numbers stay numbers, formula-looking text gets a quote."""
    if not cell.startswith(_FORMULA_START):
        return cell
    try:
        float(cell)
    except ValueError:
        return "'" + cell
    return cell


def spreadsheet_csv(text: str) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in csv.reader(io.StringIO(text)):
        w.writerow([neutralise(c) for c in row])
    return out.getvalue()


def export_account(db: Database, actor: Actor, ip: str | None = None) -> bytes:
    """The zip's bytes."""
    with db.read(actor, primary=True) as s:
        owned = store.owned_athlete_ids(s, actor.user_id)
    me = accounts.me(db, actor).as_json()
    links = [v.as_json() for v in care_links.list_links(db, actor)]
    log: list[dict[str, Any]] = []
    cursor: int | None = None
    while True:
        page = access_log.for_account(db, actor, before=cursor, limit=access_log.PAGE_MAX)
        log += page.items
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        doc = {
            "exported_at": datetime.now(UTC).isoformat(),
            "account": me,
            "care_links": links,
            "access_log": log,
        }
        z.writestr("account.json", json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        for athlete_id in owned:
            as_json = exporting.export_athlete(db, actor, athlete_id, "json")
            z.writestr(f"athlete-{athlete_id}.json", as_json.text)
            as_csv = exporting.export_athlete(db, actor, athlete_id, "csv")
            z.writestr(f"athlete-{athlete_id}.csv", spreadsheet_csv(as_csv.text))
            try:
                plan = planning.export(db, actor, athlete_id, "ics")
            except NotFound:
                continue
            z.writestr(f"plan-{athlete_id}.ics", plan.data)
    access_log.note(db, actor, "export", subject_user_id=actor.user_id, ip=ip)
    return buf.getvalue()
