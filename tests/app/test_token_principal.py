"""The credential check of every scripted request (``api_tokens.token_principal``), read with plain
SQL: scopes, admin, expiry, revocation, an account without a password, and the "last used"
stamp, on SQLite and PostgreSQL (the drivers hand back datetimes, JSON and booleans differently)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import create_engine, text

from legday.app import accounts, api_tokens, registration
from legday.app.db import open_database
from legday.domain.access import Scope

PASSWORD = "correct horse battery staple 42"


def _set(db_url: str, sql: str, **params: object) -> None:
    engine = create_engine(db_url)
    with engine.begin() as c:
        c.execute(text(sql), params)
    engine.dispose()


def _last_used(db_url: str, token_id: int) -> datetime | None:
    engine = create_engine(db_url)
    with engine.connect() as c:
        v = c.scalar(text("SELECT last_used_at FROM api_token WHERE id = :i"), {"i": token_id})
    engine.dispose()
    return v if v is None or isinstance(v, datetime) else datetime.fromisoformat(str(v))


def test_a_token_answers_for_its_account_until_it_expires_or_is_revoked(db_url: str) -> None:
    db = open_database(db_url)
    ann = registration.register(db, "ann@example.org", PASSWORD, "Ann")
    scoped = api_tokens.create_token(
        db, "ann@example.org", PASSWORD, "127.0.0.1", scopes=["view_training"]
    ).token
    full = api_tokens.create_token(db, "ann@example.org", PASSWORD, "127.0.0.1").token

    p = api_tokens.token_principal(db, scoped)
    assert p is not None and p.via == "token"
    assert p.actor.user_id == ann.id and not p.actor.is_admin
    assert p.actor.scopes == frozenset({Scope.VIEW_TRAINING})
    q = api_tokens.token_principal(db, full)
    assert q is not None and q.actor.scopes is None and q.credential_id != p.credential_id
    assert api_tokens.token_principal(db, "not a token") is None

    # Used just now: stamped once, not again within the interval.
    first = _last_used(db_url, p.credential_id)
    assert first is not None
    _set(db_url, "UPDATE api_token SET last_used_at = :t WHERE id = :i",
         t=first - accounts.SEEN_EVERY - timedelta(seconds=1), i=p.credential_id)  # fmt: skip
    assert api_tokens.token_principal(db, scoped) is not None
    later = _last_used(db_url, p.credential_id)
    assert later is not None and later >= first  # stamped again (it was set back past the interval)

    _set(db_url, "UPDATE app_user SET is_admin = :yes WHERE id = :i", yes=True, i=ann.id)
    admin = api_tokens.token_principal(db, full)
    assert admin is not None and admin.actor.is_admin

    _set(db_url, "UPDATE api_token SET expires_at = :t WHERE id = :i",
         t=accounts.now() - timedelta(seconds=1), i=p.credential_id)  # fmt: skip
    assert api_tokens.token_principal(db, scoped) is None
    _set(db_url, "UPDATE api_token SET revoked_at = :t WHERE id = :i",
         t=accounts.now(), i=q.credential_id)  # fmt: skip
    assert api_tokens.token_principal(db, full) is None

    again = api_tokens.create_token(db, "ann@example.org", PASSWORD, "127.0.0.1").token
    assert api_tokens.token_principal(db, again) is not None
    _set(db_url, "UPDATE app_user SET password_hash = NULL WHERE id = :i", i=ann.id)
    assert api_tokens.token_principal(db, again) is None
