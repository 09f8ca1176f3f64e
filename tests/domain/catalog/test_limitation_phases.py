"""Catalog contraindications name a limitation id, and each id has one phase: a current strain
stops Nordics, a healed one ("-history") contraindicates nothing and is rejected in the data."""

from __future__ import annotations

from typing import Any

import pytest

from legday.domain.catalog import load
from legday.domain.catalog.model import CONTRAINDICATION_VOCAB, LIMITATION_PHASES, LIMITATIONS
from legday.domain.catalog.schema import parse_exercise
from legday.domain.errors import LegdayError

RAW: dict[str, Any] = {
    "id": "test-nordic", "name": "Test Nordic", "pattern": "knee-flexion", "region": "lower",
    "laterality": "bilateral", "primary": ["hamstrings"], "equipment": ["none"], "level": 3,
    "impact": "none", "benefits": ["injury-prevention"], "cues": ["Lower slowly", "Hips straight"],
}  # fmt: skip


def test_every_limitation_has_a_phase_and_history_is_no_contraindication() -> None:
    assert set(LIMITATION_PHASES) == set(LIMITATIONS)
    assert LIMITATION_PHASES["hamstring-strain"] == "current"
    assert LIMITATION_PHASES["hamstring-strain-history"] == "history"
    assert "hamstring-strain-history" not in CONTRAINDICATION_VOCAB
    assert {"acl-reconstruction", "knee-osteoarthritis"} <= set(LIMITATIONS)


def test_a_history_phase_in_the_data_is_rejected() -> None:
    ok = parse_exercise({**RAW, "contraindications": ["hamstring-strain"]}, "t.toml")
    assert ok.contraindications == ("hamstring-strain",)
    with pytest.raises(LegdayError):
        parse_exercise({**RAW, "contraindications": ["hamstring-strain-history"]}, "t.toml")


def test_the_nordic_is_contraindicated_only_in_the_current_phase() -> None:
    nordic = next(e for e in load() if e.id == "nordic-hamstring-curl")
    assert "hamstring-strain" in nordic.contraindications
