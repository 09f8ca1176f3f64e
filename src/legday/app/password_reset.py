"""Password resets: a one-time secret for the admin to hand over, or mailed to the account's own
address when the server has a mail relay; using it sets the password once and ends every
session of the account. Secrets are stored only as their SHA-256 digest (see app/accounts.py)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from legday.app import access_log
from legday.app.accounts import (
    RESET_MAIL_EVERY,
    RESET_VALID,
    check_password,
    digest,
    hasher,
    normal_email,
    now,
)
from legday.app.db import Database
from legday.domain.errors import InvalidInput, NotFound
from legday.store import accounts as store
from legday.store.account_models import PasswordReset


@dataclass(frozen=True)
class ResetMail:
    """A reset to mail: the one-time secret and the account's own address (never shown to the
    person who asked, who gets the same answer whether or not the address has an account)."""

    secret: str
    address: str


def reset_link_token(db: Database, email: str) -> str:
    """A one-time password-reset secret for the account (the admin hands the link over)."""
    address = normal_email(email)
    secret = secrets.token_urlsafe(32)
    at = now()
    with db.write(db.local_actor()) as s:
        u = store.person_by_email(s, address)
        if u is None:
            raise NotFound(f"no account with the e-mail address {address}")
        s.add(
            PasswordReset(
                token_hash=digest(secret), user_id=u.id, created_at=at, expires_at=at + RESET_VALID
            )
        )
        access_log.record(s, actor_id=None, subject_user_id=u.id, action="reset_link")
    return secret


def request_reset(db: Database, email: str, ip: str | None = None) -> ResetMail | None:
    """A reset to mail to the account's own address, or None when no account has that address
    or one was mailed within ``RESET_MAIL_EVERY``. The caller answers the same either way (no
    one learns which addresses have accounts)."""
    try:
        address = normal_email(email)
    except InvalidInput:
        return None
    secret = secrets.token_urlsafe(32)
    at = now()
    with db.write(db.local_actor()) as s:
        u = store.person_by_email(s, address)
        if u is None:
            return None
        recent = store.reset_since(s, u.id, at - RESET_MAIL_EVERY)
        if recent is not None:
            return None
        s.add(
            PasswordReset(
                token_hash=digest(secret), user_id=u.id, created_at=at, expires_at=at + RESET_VALID
            )
        )
        access_log.record(s, actor_id=None, subject_user_id=u.id, action="reset_mail", ip=ip)
    return ResetMail(secret, address)


def reset_password(db: Database, secret: str, password: str) -> None:
    """Set a new password with a reset secret (once), and end every session of the account."""
    at = now()
    with db.write(db.local_actor()) as s:
        r = store.reset(s, digest(secret))
        if r is None or r.used_at is not None or r.expires_at <= at:
            raise NotFound(
                "this reset link is unknown, used or expired", "ask the admin for a new one"
            )
        u = store.user(s, r.user_id)
        assert u is not None  # the foreign key cascades
        check_password(password, u.email)
        u.password_hash = hasher().hash(password)
        r.used_at = at
        store.revoke_sessions_of(s, u.id, at)
        access_log.record(s, actor_id=u.id, subject_user_id=u.id, action="password_reset")
