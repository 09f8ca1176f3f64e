"""kill -9 during writes loses no acknowledged commit and leaves no partial session
(docs/evidence/engineering.md#crash-tests). A writer subprocess commits one session with ten sets
per transaction and prints each id only after COMMIT; the parent kills it at a random moment and
checks the file."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

WRITER = """
import sys
from datetime import datetime
from legday.app.db import open_database
from legday.store.models import Athlete, SetEntry, TrainingSession
db = open_database(sys.argv[1])
with db.write(db.local_actor()) as s:
    a = s.query(Athlete).filter_by(name="K").one_or_none()
    if a is None:
        a = Athlete(name="K", level="beginner", unit="kg", limitations=[], profile={})
        s.add(a)
        s.flush()
    aid = a.id
print("ready", flush=True)
while True:
    with db.write(db.local_actor()) as s:
        t = TrainingSession(athlete_id=aid, started_at=datetime(2026, 1, 1), source="legday")
        s.add(t)
        s.flush()
        s.add_all([SetEntry(session_id=t.id, athlete_id=aid, seq=i, exercise_raw="Squat",
                            reps=5, load_kg=100.0) for i in range(10)])
        s.flush()
        sid = t.id
    print(sid, flush=True)
"""

KILLS = int(os.environ.get("LEGDAY_KILL_TESTS", "25"))


def test_sigkill_during_writes_loses_nothing_acknowledged(tmp_path: Path) -> None:
    db_file = tmp_path / "kill.db"
    url = f"sqlite:///{db_file}"
    rng = random.Random(20261124)
    acknowledged: set[int] = set()
    for _ in range(KILLS):
        p = subprocess.Popen(
            [sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True, bufsize=1
        )
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate()
        acknowledged.update(int(x) for x in out.split() if x.isdigit())
    assert acknowledged, "the writer never committed: the test proves nothing"
    with sqlite3.connect(db_file) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in c.execute("SELECT id FROM training_session")}
        partial = c.execute(
            "SELECT session_id, count(*) FROM set_entry GROUP BY session_id HAVING count(*) != 10"
        ).fetchall()
        orphans = c.execute(
            "SELECT count(*) FROM training_session t WHERE NOT EXISTS "
            "(SELECT 1 FROM set_entry s WHERE s.session_id = t.id)"
        ).fetchone()[0]
    assert acknowledged <= stored, f"lost {len(acknowledged - stored)} acknowledged sessions"
    assert partial == [] and orphans == 0
