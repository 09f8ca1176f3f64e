"""Registration: a new account and the athlete profile it owns, in one transaction, and what
a registration with a taken address does instead
(docs/server.md#registration-and-account-enumeration).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from legday.app import access_log, accounts

# The clock is read as accounts.now(), so a test that moves it moves it for every account rule.
from legday.app.accounts import (
    RESET_MAIL_EVERY,
    THROTTLE_WINDOW,
    Throttled,
    UserView,
    check_password,
    failed_guess,
    hasher,
    normal_email,
    view_of,
)
from legday.app.db import Database
from legday.domain.access import Actor
from legday.domain.errors import Conflict, InvalidInput
from legday.store import access_log as log_store
from legday.store import accounts as store
from legday.store import care_links as links
from legday.store.models import Athlete, User
from legday.store.tenancy import ACTOR_KEY

# Failed guesses from one address after which registering waits too: few enough that testing a
# list of addresses is slow, many more than someone who forgot they had an account makes.
MAX_GUESSES_REGISTER = 10


class AddressTaken(Conflict):
    """A registration with an address that has an account. ``notify`` is that address when its
    holder should be told by mail (at most once per RESET_MAIL_EVERY), else None."""

    def __init__(self, notify: str | None) -> None:
        super().__init__("an account with that e-mail address already exists", "sign in instead")
        self.notify = notify


def _clean_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise InvalidInput("an account needs a name", "the name coaches and athletes will see")
    if len(clean) > 200:
        raise InvalidInput("a name is at most 200 characters")
    return clean


def register(
    db: Database,
    email: str,
    password: str,
    name: str,
    *,
    is_admin: bool = False,
    ip: str | None = None,
) -> UserView:
    """A new account and the athlete profile it owns (one transaction).

    A taken address answers AddressTaken, a Conflict
    (docs/server.md#registration-and-account-enumeration): the attempt is stored as a failed
    guess from ``ip`` (the sign-in throttle counts it) and in the holder's access log, and names
    the address to tell by mail unless its holder was told within RESET_MAIL_EVERY; an address
    that guessed too often is throttled before anything is looked up, so a list of addresses
    cannot be tested at speed."""
    address = normal_email(email)
    check_password(password, address)
    clean = _clean_name(name)
    hashed = hasher().hash(password)
    at = accounts.now()
    taken: Conflict | None = None
    with db.write(db.local_actor()) as s:
        if ip is not None:
            _throttle_registration(s, ip, at)
        holder = store.person_by_email(s, address)
        if holder is not None or store.email_in_use(s, address):
            told = holder is not None and log_store.seen_since(
                s, holder.id, "register", "refused", at - RESET_MAIL_EVERY
            )
            taken = AddressTaken(address if holder is not None and not told else None)
            failed_guess(s, address, ip, at, holder.id if holder is not None else None, "register")
        else:
            view = _new_account(s, address, clean, hashed, is_admin)
    # raised after the unit of work committed: the throttle must count the refused attempt
    if taken is not None:
        raise taken
    return view


def _new_account(s: Session, address: str, name: str, hashed: str, is_admin: bool) -> UserView:
    u = User(
        email=address,
        display_name=name,
        kind="person",
        is_admin=is_admin,
        password_hash=hashed,
    )
    s.add(u)
    s.flush()
    # The new account owns its athlete: the unit of work continues as that account.
    s.info[ACTOR_KEY] = Actor(user_id=u.id)
    own = Athlete(name=name, owner_id=u.id, level="beginner", unit="kg", limitations=[])
    s.add(own)
    s.flush()
    access_log.record(s, actor_id=u.id, subject_user_id=u.id, action="register")
    # Invitations sent to this address before it had an account now reach its athlete
    # (they still wait for the athlete to accept, and expire as any invitation).
    links.attach_waiting(s, address, own.id)
    return view_of(s, u)


def _throttle_registration(s: Session, ip: str, at: datetime) -> None:
    """Registration from an address with MAX_GUESSES_REGISTER failed guesses (sign-ins and
    taken addresses) within THROTTLE_WINDOW waits, like a sign-in."""
    count, oldest = store.failures(s, at - THROTTLE_WINDOW, ip, None)
    if count >= MAX_GUESSES_REGISTER:
        wait = max(int((oldest + THROTTLE_WINDOW - at).total_seconds()) + 1, 1)
        raise Throttled(
            f"too many failed sign-ins or registrations ({count} in "
            f"{THROTTLE_WINDOW.seconds // 60} minutes)",
            f"try again in {wait} seconds",
            retry_after=wait,
        )
