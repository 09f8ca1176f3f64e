"""What a database error means to the user: a driver's exception turned into legday's errors
(Conflict for a clash with what is stored, StorageError for a database that is busy, damaged,
unreachable or not legday's), worded with the URL's password hidden.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

from legday.domain.errors import Conflict, StorageError
from legday.store.engine import busy_timeout_ms

RESTORE_HINT = "run `legday db check`, then restore a copy made with `legday db backup`"


@contextmanager
def translate_errors(url: str) -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) in _RETRYABLE:
            raise Conflict(
                "another change to the same data was made at the same moment",
                "nothing was stored; try again",
            ) from None
        if _damaged(exc):
            raise StorageError(describe_damage(exc, url), RESTORE_HINT) from None
        raise StorageError(describe(exc, url), hint(url, exc)) from None
    except IntegrityError as exc:
        raise _conflict(exc) from None
    except DataError as exc:
        raise StorageError(
            f"the database at {safe(url)} refused a value ({_first_line(exc)})",
            "nothing was stored; report this to legday's maintainers",
        ) from None
    except DBAPIError as exc:  # DatabaseError: a damaged file, a malformed page
        raise StorageError(describe_damage(exc, url), RESTORE_HINT) from None


# PostgreSQL's serialization failure and deadlock: the other transaction won.
_RETRYABLE = ("40001", "40P01")

# What a unique index or check means to the user, by the constraint's name.
_CONSTRAINTS = {
    "uq_athlete_owner_name": "an athlete with that name already exists (names are compared "
    "without regard to case)",
    "uq_app_user_email": "an account with that e-mail address already exists",
    "uq_session_source_key": "that session was already stored",
    "uq_set_dedupe": "that set was already stored",
    "uq_mapping_raw": "that exercise name already has a mapping",
}


def _conflict(exc: IntegrityError) -> Conflict:
    """A unique index or CHECK the database enforced: the request clashed with what is stored
    (often a second writer that got there first), so it is a Conflict, not a crash."""
    return conflict_of(str(exc.orig) if exc.orig else type(exc).__name__)


def conflict_of(error: str) -> Conflict:
    """The Conflict for a driver's integrity error text (either driver)."""
    for name, message in _CONSTRAINTS.items():
        if name in error:
            return Conflict(message, "nothing was stored")
    detail = error.strip().splitlines()[0] if error.strip() else "a constraint"
    return Conflict(f"the database refused the change ({detail})", "nothing was stored")


def _first_line(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__


def _damaged(exc: DBAPIError) -> bool:
    detail = _first_line(exc)
    return "malformed" in detail or "not a database" in detail or "corrupt" in detail


def describe_damage(exc: DBAPIError, url: str) -> str:
    return f"the database at {safe(url)} is damaged ({_first_line(exc)})"


def describe(exc: DBAPIError, url: str) -> str:
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    return describe_detail(detail, url)


def describe_detail(detail: str, url: str) -> str:
    """:func:`describe` for the first line of a driver's error (the standard driver's too)."""
    if busy(detail):
        waited = busy_timeout_ms() / 1000
        return (
            f"the database at {safe(url)} stayed busy for {waited:g} s: another legday command "
            "(a large import?) is writing to it"
        )
    return f"cannot use the database at {safe(url)}: {detail}"


def busy(detail: str) -> bool:
    return "database is locked" in detail or "database is busy" in detail


def hint(url: str, exc: DBAPIError | None = None) -> str:
    if exc is not None and busy(str(exc.orig)):
        return "run the command again when the other one has finished"
    if url.startswith("sqlite"):
        return "check that the file is a legday database and its folder is writable"
    return "check that the server is running and the URL, user and database are right"


def safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the given URL"
