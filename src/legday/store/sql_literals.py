"""Values written into SQL text instead of bound, for the bulk writes of an import (a column
that holds one value in every row costs one literal, not a bound value per row). Only what is
written exactly so: NULL, whole numbers SQLite and PostgreSQL store as 64-bit integers, text
without NUL. This module imports no SQLAlchemy (the plain import path uses it)."""

from __future__ import annotations

from typing import Any

# SQLite reads a whole number outside the signed 64-bit range as REAL: written as a literal it
# would be stored rounded, silently. Bound, the driver refuses it (OverflowError) and the import
# says the database refused a value.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def sql_literal(v: Any) -> str | None:
    """``v`` as SQL text when it can be written exactly so, else None (bind it instead)."""
    if v is None:
        return "NULL"
    if type(v) is int:
        return str(v) if INT64_MIN <= v <= INT64_MAX else None
    if type(v) is str and "\x00" not in v:
        return "'" + v.replace("'", "''") + "'"
    return None
