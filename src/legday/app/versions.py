"""Versions of editable resources: an ETag over the resource's JSON document, and the If-Match
check an edit makes inside its unit of work, so that an edit based on an older read is refused
(412) instead of overwriting someone else's newer change (RFC 9110, section 13.1.1)."""

from __future__ import annotations

from legday.app.logbook import PreconditionFailed, etag_of

__all__ = ["PreconditionFailed", "etag_of", "require"]


def require(current: str | None, if_match: str | None, what: str) -> None:
    """Refuse unless ``if_match`` (the request's If-Match, None when it sent none) names
    ``current``, the ETag of ``what`` now (None when it does not exist: then even ``*`` fails,
    as RFC 9110 says)."""
    if if_match is None:
        return
    wanted = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if current is not None and ("*" in wanted or current in wanted):
        return
    raise PreconditionFailed(
        f"{what} changed since you read it" if current is not None else f"{what} does not exist",
        "read it again (GET) and apply your change to the new version",
    )
