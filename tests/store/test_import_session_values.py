"""The new sessions of a large import are laid out for SQLite by legday.store.imports: their
start times written by ``datetime.isoformat`` must be the very text SQLAlchemy's DATETIME type
stores (the ORM and every other path read and compare that text)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from legday.store import imports

# SQLAlchemy's dialect types carry no annotations.
DATETIME: Any = sqlite.DATETIME
DATE: Any = sqlite.DATE


def _stored_by_sqlalchemy(values: list[datetime | None]) -> list[str | None]:
    dialect = sqlite.dialect()
    proc = DATETIME().bind_processor(dialect)
    assert proc is not None
    return [proc(v) for v in values]


@given(
    st.lists(
        st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)) | st.none(),
        max_size=30,
    )
)
def test_starts_are_the_text_sqlalchemy_stores(values: list[datetime | None]) -> None:
    got = imports._iso_datetimes(values, DATETIME())
    assert got == _stored_by_sqlalchemy(values)


def test_anything_but_naive_datetimes_is_left_to_sqlalchemy() -> None:
    aware = [datetime(2024, 1, 2, 18, tzinfo=UTC)]
    assert imports._iso_datetimes(aware, DATETIME()) is None
    assert imports._iso_datetimes(["2024-01-02"], DATETIME()) is None
    short = DATETIME(truncate_microseconds=True)
    assert imports._iso_datetimes([datetime(2024, 1, 2)], short) is None
    assert imports._iso_datetimes([datetime(2024, 1, 2)], DATE()) is None
