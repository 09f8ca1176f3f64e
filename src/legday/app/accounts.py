"""Accounts of the server: passwords (argon2id), sign-in with a throttle kept in the database,
server-side sessions, sign-out and account deletion. Registration is in app/registration.py,
personal API tokens in app/api_tokens.py, password resets in app/password_reset.py.

Every secret handed out (session id, token, reset link) is 256 bits from ``secrets`` and stored
only as its SHA-256 digest. Sessions end after 7 days idle or 30 days in all (the ASVS 5.0
V7.3 proposal for a health-data app); a new session id is issued at every sign-in.

Units of work that no signed-in account owns yet (sign-in, looking up a credential) run as the
database's local user: they touch only account tables, and read athlete rows only through the
Core table by owner, never through the filtered ORM classes.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from legday.app import access_log
from legday.app.db import Database
from legday.domain.access import Actor, Scope
from legday.domain.errors import InvalidInput, LegdayError, NotFound
from legday.store import accounts as store
from legday.store.account_models import LoginAttempt, WebSession
from legday.store.models import User

SESSION_IDLE = timedelta(days=7)
SESSION_ABSOLUTE = timedelta(days=30)
# last_seen_at is written at most this often, so reads stay reads.
SEEN_EVERY = timedelta(minutes=5)
TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX = 90, 365
RESET_VALID = timedelta(hours=24)
# At most one reset mail per account in this window: a stranger cannot flood someone's inbox.
RESET_MAIL_EVERY = timedelta(minutes=5)
# Sign-in throttle: failures counted over the window, per account and address, and per address.
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_ACCOUNT = 5
MAX_FAILURES_ADDRESS = 50
# ASVS 5.0 V6.2.1 / V6.2.9: at least 8 characters, long passphrases welcome, no composition rules.
PASSWORD_MIN, PASSWORD_MAX = 8, 1024


class SignInFailed(LegdayError):
    """Wrong e-mail or password (one message for both: no account oracle)."""


class Throttled(LegdayError):
    """Too many failed sign-ins; ``retry_after`` seconds until the oldest one leaves the window."""

    def __init__(self, message: str, hint: str | None, retry_after: int) -> None:
        super().__init__(message, hint)
        self.retry_after = retry_after


@dataclass(frozen=True)
class UserView:
    id: int
    email: str | None
    name: str
    is_admin: bool
    athlete_id: int | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "email": self.email,
            "name": self.name,
            "is_admin": self.is_admin,
            "athlete_id": self.athlete_id,
        }


@dataclass(frozen=True)
class SignedIn:
    """A new session: ``token`` goes into the cookie, ``csrf_token`` into forms and headers."""

    user: UserView
    token: str
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True)
class Principal:
    """Who a request's credential belongs to."""

    actor: Actor
    via: str  # "session" | "token"
    credential_id: int
    csrf_token: str | None = None


def now() -> datetime:
    """UTC wall time without a zone (the DateTime columns are naive, in UTC for these tables)."""
    return datetime.now(UTC).replace(tzinfo=None)


def utc_text(at: datetime) -> str:
    """An account timestamp (stored naive, in UTC) as RFC 3339 with its offset."""
    return at.replace(tzinfo=UTC).isoformat()


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def hasher() -> Any:
    from argon2 import PasswordHasher

    # argon2id at the OWASP Password Storage Cheat Sheet's first configuration (19 MiB, 2
    # passes, 1 lane): RFC 9106's 64 MiB x 4 lanes took 0.75 s a hash on these shared 2-core
    # machines, which would let a burst of sign-ins starve the set logging.
    return PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so both cost the same."""
    if not _DUMMY:
        _DUMMY.append(hasher().hash(secrets.token_urlsafe(16)))
    return _DUMMY[0]


def normal_email(email: str) -> str:
    clean = email.strip().lower()
    local, at, domain = clean.partition("@")
    if (
        not at
        or not local
        or "." not in domain
        or len(clean) > 320
        or any(c.isspace() for c in clean)
    ):
        raise InvalidInput(f"{email.strip()[:80]!r} is not an e-mail address", "name@example.org")
    return clean


def check_password(password: str, email: str | None = None) -> None:
    if len(password) < PASSWORD_MIN:
        raise InvalidInput(
            f"a password needs at least {PASSWORD_MIN} characters",
            "a few unrelated words make a long password that is easy to remember",
        )
    if len(password) > PASSWORD_MAX:
        raise InvalidInput(f"a password has at most {PASSWORD_MAX} characters")
    if email is not None and password.strip().lower() == email.strip().lower():
        raise InvalidInput("the password cannot be the e-mail address")


def view_of(s: Session, u: User) -> UserView:
    athlete_id = store.first_owned_athlete(s, u.id)  # the owner's own profile, whoever asks
    return UserView(u.id, u.email, u.display_name, bool(u.is_admin), athlete_id)


def _throttle(s: Session, address: str, ip: str, at: datetime) -> None:
    since = at - THROTTLE_WINDOW
    failures = store.failures(s, since, ip, address)
    by_address = store.failures(s, since, ip, None)
    for (count, oldest), limit in (
        (failures, MAX_FAILURES_ACCOUNT),
        (by_address, MAX_FAILURES_ADDRESS),
    ):
        if count >= limit:
            wait = int((oldest + THROTTLE_WINDOW - at).total_seconds()) + 1
            raise Throttled(
                f"too many failed sign-ins ({count} in {THROTTLE_WINDOW.seconds // 60} minutes)",
                f"try again in {max(wait, 1)} seconds",
                retry_after=max(wait, 1),
            )


def failed_guess(
    s: Session, address: str, ip: str | None, at: datetime, holder_id: int | None, action: str
) -> None:
    """A wrong guess at an account (a failed sign-in, a registration with a taken address): the
    throttle counts it from its address, and the holder's access log shows it refused."""
    if ip is not None:
        s.add(LoginAttempt(email=address, ip=ip[:64], at=at))
    access_log.record(
        s, actor_id=None, subject_user_id=holder_id, action=action, outcome="refused", ip=ip
    )


def verify(db: Database, email: str, password: str, ip: str) -> UserView:
    """The account behind ``email`` and ``password``, or SignInFailed / Throttled.

    A failure is committed (the throttle counts it) before the error is raised."""
    try:
        address = normal_email(email)
    except InvalidInput:
        address = email.strip().lower()[:320]
    at = now()
    failed: LegdayError | None = None
    with db.write(db.local_actor()) as s:
        _throttle(s, address, ip, at)
        u = store.person_by_email(s, address)
        ok = _password_ok(u.password_hash if u is not None else None, password)
        if u is None or not ok or u.password_hash is None:
            failed_guess(s, address, ip, at, u.id if u is not None else None, "login")
            failed = SignInFailed("wrong e-mail address or password", "check both and try again")
        else:
            h = hasher()
            if h.check_needs_rehash(u.password_hash):
                u.password_hash = h.hash(password)
            store.forget_failures(s, address, ip)
            access_log.record(s, actor_id=u.id, subject_user_id=u.id, action="login", ip=ip)
            view = view_of(s, u)
    if failed is not None:
        raise failed
    return view


def _password_ok(stored: str | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(hasher().verify(stored or _dummy_hash(), password)) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def sign_in(
    db: Database,
    email: str,
    password: str,
    ip: str,
    *,
    replacing: str | None = None,
    user_agent: str | None = None,
) -> SignedIn:
    """Verify, then open a NEW session (a session id from before sign-in is revoked: no
    fixation)."""
    user = verify(db, email, password, ip)
    token, csrf, at = secrets.token_urlsafe(32), secrets.token_urlsafe(32), now()
    with db.write(db.local_actor()) as s:
        if replacing:
            store.revoke_session(s, digest(replacing), at)
        s.add(
            WebSession(
                token_hash=digest(token),
                user_id=user.id,
                csrf_token=csrf,
                created_at=at,
                last_seen_at=at,
                expires_at=at + SESSION_ABSOLUTE,
                user_agent=(user_agent or "")[:300] or None,
            )
        )
    return SignedIn(user, token, csrf, at + SESSION_ABSOLUTE)


def _actor(u: User, scopes: frozenset[Scope] | None = None) -> Actor:
    return Actor(user_id=u.id, is_admin=bool(u.is_admin), scopes=scopes)


def session_principal(db: Database, token: str) -> Principal | None:
    """The live session behind a cookie value, or None (unknown, revoked, idle or expired)."""
    at = now()
    with db.read(db.local_actor(), primary=True) as s:
        row = store.session_and_user(s, digest(token))
        if row is None:
            return None
        ws, u = row
        if (
            ws.revoked_at is not None
            or ws.expires_at <= at
            or ws.last_seen_at + SESSION_IDLE <= at
            or u.password_hash is None
        ):
            return None
        principal = Principal(_actor(u), "session", ws.id, ws.csrf_token)
        stale = ws.last_seen_at + SEEN_EVERY <= at
    if stale:
        with db.write(db.local_actor()) as s:
            store.session_seen(s, principal.credential_id, at)
    return principal


def sign_out(db: Database, token: str) -> None:
    with db.write(db.local_actor()) as s:
        store.revoke_session(s, digest(token), now())


def sign_out_everywhere(db: Database, user_id: int) -> int:
    """Revoke every session of the account; how many were live."""
    with db.write(db.local_actor()) as s:
        ended = store.revoke_sessions_of(s, user_id, now())
        access_log.record(
            s, actor_id=user_id, subject_user_id=user_id, action="sign_out_everywhere"
        )
        return ended


def me(db: Database, actor: Actor) -> UserView:
    with db.read(actor, primary=True) as s:
        u = store.user(s, actor.user_id)
        if u is None:
            raise NotFound("this account no longer exists")
        return view_of(s, u)


def sign_out_everywhere_by_email(db: Database, email: str) -> int:
    address = normal_email(email)
    with db.read(db.local_actor(), primary=True) as s:
        user_id = store.user_id_by_email(s, address)
    if user_id is None:
        raise NotFound(f"no account with the e-mail address {address}")
    return sign_out_everywhere(db, user_id)


def delete_account(db: Database, actor: Actor, password: str, ip: str) -> None:
    """Delete the account and everything it owns (its athletes, their sessions, sets, tests,
    plans and care links), after the password is given again. The access log stays: it names
    ids, not training data, and holds the history of the consents given and revoked."""
    with db.read(actor, primary=True) as s:
        email = store.email_of(s, actor.user_id)
    if email is None:
        raise NotFound("this account no longer exists")
    user = verify(db, email, password, ip)
    if user.id != actor.user_id:  # another account's password: refuse as a wrong one
        raise SignInFailed("wrong password", "give this account's password")
    with db.write(actor) as s:
        store.delete_user(s, actor.user_id)
        access_log.record(
            s, actor_id=actor.user_id, subject_user_id=actor.user_id, action="account_delete", ip=ip
        )
