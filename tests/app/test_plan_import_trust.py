"""Issue 13 item 9: an imported plan is checked like a generated one — one that breaks a rule is
refused and nothing is stored unless forced; the violations are summarised by rule, most serious
first; `next` warns while a forced plan with violations is current."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.helpers import aid, me, run_cli

from legday.app import athletes, next_session, planning
from legday.app.db import Database, open_database
from legday.app.plan_checks import PlanBreaksRules, summary
from legday.domain.plan.rules import Violation

TODAY = date(2026, 11, 24)


def _plan(db_url: str, tmp_path: Path) -> tuple[Database, Path]:
    db = open_database(db_url)
    athletes.add(
        db, me(db), "Sam", athletes.AthleteFields(age_years=30, sex="male", body_mass_kg=80)
    )
    flags = {"goals": ["strength"], "days": 3, "minutes": 60, "weeks": 4,
             "equipment": "barbell,dumbbell,bench", "start": date(2026, 11, 30)}  # fmt: skip
    planning.generate(db, me(db), aid(db, "Sam"), flags, today=TODAY)
    path = tmp_path / "plan.json"
    path.write_bytes(planning.export(db, me(db), aid(db, "Sam"), "json").data)
    return db, path


def test_summary_orders_safety_rules_first() -> None:
    found = [
        Violation("R10", 1, None, "quads 6 sets"),
        Violation("R10", 2, None, "quads 6 sets"),
        Violation("R10", 3, None, "quads 5 sets"),
        Violation("R2", 2, None, "jump squat with knee pain"),
        Violation("R3", None, None, "95 min"),
    ]
    rows = summary(found)
    assert [(r.rule, r.count, r.severity) for r in rows] == [
        ("R2", 1, "safety"),  # a contraindication outranks three dose breaches
        ("R10", 3, "dose"),
        ("R3", 1, "dose"),
    ]
    assert rows[1].weeks == [1, 2, 3] and rows[1].example == "quads 6 sets"


def test_a_rule_breaking_plan_is_refused_then_forced_and_next_warns(
    db_url: str, tmp_path: Path
) -> None:
    db, path = _plan(db_url, tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["weeks"][0]["sessions"][0]["est_minutes"] = 95  # over the 60-minute budget: R3
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = planning.check(db, me(db), aid(db, "Sam")).plan_id
    with pytest.raises(PlanBreaksRules, match="R3"):
        planning.import_plan(db, me(db), aid(db, "Sam"), path.read_bytes(), str(path))
    assert planning.check(db, me(db), aid(db, "Sam")).plan_id == before  # nothing stored
    assert (
        next_session.next_session(db, me(db), aid(db, "Sam"), TODAY).as_json()["plan_violations"]
        == []
    )
    cli = run_cli("plan", "import", str(path), "--athlete", "Sam", db=db_url)
    assert cli.exit_code == 1 and "nothing was stored" in cli.stderr and "--force" in cli.stderr
    forced = run_cli("plan", "import", str(path), "--athlete", "Sam", "--force", "--json",
                     db=db_url)  # fmt: skip
    assert forced.exit_code == 0 and forced.json()["forced"]
    warn = next_session.next_session(db, me(db), aid(db, "Sam"), TODAY).as_json()["plan_violations"]
    assert [r["rule"] for r in warn] == ["R3"]
    shown = run_cli("next", "--athlete", "Sam", db=db_url)
    assert "Warning" in shown.stdout and "R3" in shown.stdout
