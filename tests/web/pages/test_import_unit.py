"""The import page takes the unit of an export that does not say it (Strong without a unit
column): without it the preview says what is missing, with it the loads are read in that unit and
stored in kg."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import BASE, sign_up


def test_an_export_without_its_unit_is_read_in_the_unit_chosen(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from legday.web.pages import imports

    monkeypatch.setattr(imports, "LARGE_BYTES", 10**9)  # stored while the page waits (no job)
    from sqlalchemy import create_engine, text

    from tests.conftest import samples_dir

    sample = samples_dir() / "strong" / "strong_2026_comma_lbs_warmup_drop_failure_resttimer.csv"
    ann = sign_up(app, "ann@example.org")
    origin = {"Origin": BASE}

    def preview(unit: str) -> Any:
        files = {"file": (sample.name, sample.read_bytes(), "text/csv")}
        return ann.post("/import/preview", files=files, data={"unit": unit}, headers=origin)

    refused = preview("")
    assert refused.status_code == 400 and "kg or lb" in refused.text
    # the hint names the page's own control, never the CLI's option or a raw slot
    assert "set “Loads in the file are in” to kg or lb" in refused.text
    assert "--unit" not in refused.text and "{unit}" not in refused.text
    shown = preview("lb")
    assert shown.status_code == 200, shown.text
    upload = re.search(r'name="upload" value="([0-9]+)"', shown.text)
    assert upload is not None and 'data-testid="unit-read">lb<' in shown.text
    done = ann.post("/import/commit", data={"upload": upload.group(1)}, headers=origin)
    assert done.status_code == 200 and 'data-testid="import-done"' in done.text
    # the first squat of the file: 155 lb, stored as 155 × 0.45359237 kg
    with create_engine(app.state.db_url).connect() as c:
        first = c.execute(text(
            "select load_kg from set_entry where exercise_raw like 'Squat%' order by id limit 1"
        )).scalar_one()  # fmt: skip
    assert abs(first - 155 * 0.45359237) < 1e-6
