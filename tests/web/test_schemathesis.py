"""Schemathesis against the OpenAPI document, as an athlete and as their coach: no 5xx, status
codes, content types, headers and bodies as documented, invalid data refused. Bounded (a few
examples per operation, derandomized) so that it runs in CI in well under two minutes.

The "schema-valid data must be accepted" check stays off: rules the schema cannot state (an
exercise id must be in the catalog, an e-mail must have an @) refuse some schema-valid bodies.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from legday.app import accounts, api_tokens
from tests.web.conftest import PASSWORD
from tests.web.world import cheap_hasher, cloned

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis

EXAMPLES = 8


@pytest.mark.parametrize("role", ["A", "coachA"])
def test_api_conforms_to_its_openapi_document(
    role: str, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "hasher", cheap_hasher)
    w = cloned(db_url)
    token = api_tokens.create_token(w.db, w.people[role].email, PASSWORD, "127.0.0.9").token
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", w.app)
    headers = {"Authorization": f"Bearer {token}"}
    failures: dict[str, str] = {}
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 25
    for op in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=op.as_strategy())
        def check(case: Any) -> None:
            case.call_and_validate(
                headers=headers,
                excluded_checks=[schemathesis.checks.positive_data_acceptance],
            )

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures[op.label] = str(exc)[:2000]
    assert failures == {}, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
