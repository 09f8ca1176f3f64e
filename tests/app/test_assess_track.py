"""`analyze` carries the screening tests (Nordic, hops, Y-Balance) with thresholds and flags."""

from __future__ import annotations

from datetime import date

from tests.helpers import aid, me, run_cli

from legday.app import analytics, assess, athletes
from legday.app.db import open_database


def test_analyze_has_screening_results_thresholds_and_findings(db_url: str) -> None:
    db = open_database(db_url)
    athletes.add(db, me(db), "Kim", athletes.AthleteFields(age_years=22, sex="female", unit="kg"))
    assess.record(
        db,
        me(db),
        aid(db, "Kim"),
        "nordic",
        {"left": 250, "right": 320, "population": "soccer"},
        taken_on=date(2026, 1, 10),
    )
    assess.record(
        db,
        me(db),
        aid(db, "Kim"),
        "nordic",
        {"left": 345, "right": 350, "population": "soccer"},
        taken_on=date(2026, 3, 10),
    )
    assess.record(
        db,
        me(db),
        aid(db, "Kim"),
        "y-balance",
        {"left": 60, "right": 66},
        taken_on=date(2026, 3, 11),
    )
    assess.record(
        db,
        me(db),
        aid(db, "Kim"),
        "single-leg-hop",
        {"left": 170, "right": 190, "involved": "left"},
        taken_on=date(2026, 3, 12),
    )
    assess.record(db, me(db), aid(db, "Kim"), "tug", {"value": 7}, taken_on=date(2026, 3, 12))
    doc = analytics.analyze(db, me(db), aid(db, "Kim")).as_json()
    sc = doc["screening"]
    assert [t["test"] for t in sc["tests"]] == ["nordic", "y-balance", "single-leg-hop"]
    nordic = sc["tests"][0]["entries"]
    # Soccer: < 337 N is injury risk (Timmins 2016); 250 vs 320 is 21.9 % weaker (> 10 %).
    assert [e["flags"] for e in nordic] == [["injury-risk", "asymmetry"], []]
    assert nordic[0]["series"][0] == {"series": "left limb", "value": 250.0, "unit": "N",
                                      "threshold": 337, "flag_below": True}  # fmt: skip
    yb = sc["tests"][1]["entries"][0]["series"][0]
    assert (yb["value"], yb["threshold"], yb["flag_below"]) == (6.0, 4.0, False)
    # The girls-only composite cut-off (Plisky 2006) is drawn for girls only.
    values = {"left": 60, "right": 62, "pm-left": 90, "pm-right": 90, "pl-left": 90,
              "pl-right": 90, "limb-length-cm": 90}  # fmt: skip
    for name, sex, cut in (("Lou", "female", 94.0), ("Max", "male", None)):
        athletes.add(db, me(db), name, athletes.AthleteFields(age_years=16, sex=sex, unit="kg"))
        assess.record(db, me(db), aid(db, name), "y-balance", values, taken_on=date(2026, 3, 1))
        tested = analytics.analyze(db, me(db), aid(db, name)).screening.tests
        series = tested[0].as_json()["entries"][0]["series"]
        # (60 + 90 + 90) / 270 = 88.89 %; (62 + 90 + 90) / 270 = 89.63 %.
        assert [(p["series"], p["value"], p["threshold"]) for p in series[1:]] == [
            ("composite left", 88.89, cut), ("composite right", 89.63, cut)]  # fmt: skip
    hop = sc["tests"][2]["entries"][0]["series"][0]
    assert (hop["value"], hop["threshold"]) == (89.47, 90.0)
    # Findings come from the latest result of each test: the March Nordic has no flag.
    assert [(f["kind"], f["test_id"], f["side"]) for f in sc["findings"]] == [
        ("sport-screen-risk", "y-balance", "left"),
        ("strength-asymmetry", "single-leg-hop", "left"),
    ]
    assert sc["return_to_sport"]["met"] is False
    # The period filter applies to the series, not to what is open now.
    since_march = analytics.analyze(db, me(db), aid(db, "Kim"), date_from=date(2026, 3, 1))
    march = since_march.as_json()["screening"]
    assert len(march["tests"][0]["entries"]) == 1 and len(march["findings"]) == 2


def test_analyze_text_shows_the_screening_table(db_url: str) -> None:
    assert run_cli("athlete", "add", "Kim", "--age", "22", "--sex", "female",
                   db=db_url).exit_code == 0  # fmt: skip
    r = run_cli("assess", "record", "nordic", "--left", "250", "--right", "320", "--population",
                "soccer", "--athlete", "Kim", db=db_url)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    out = run_cli("analyze", "--athlete", "Kim", db=db_url).stdout
    assert "Screening tests" in out and "< 337 N" in out and "injury-risk" in out
    assert "nordic-weak" in out
    doc = run_cli("analyze", "--athlete", "Kim", "--json", db=db_url).json()
    assert doc["screening"]["tests"][0]["entries"][0]["value"] == 250
