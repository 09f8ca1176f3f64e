"""Every error as an RFC 9457 problem document (``application/problem+json``).

A :class:`LegdayError` keeps its message and hint; validation errors name each field that was
wrong; anything unexpected answers a generic 500 with no stack trace (the log has it).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from legday.domain.errors import (
    Conflict,
    FileFormatError,
    InvalidInput,
    LegdayError,
    NotFound,
    StorageError,
)

PROBLEM_TYPE = "application/problem+json"
log = logging.getLogger("legday.web")

# Error class -> (HTTP status, problem type slug). Most specific first.
_STATUS: tuple[tuple[type[LegdayError], int, str], ...] = (
    (NotFound, 404, "not-found"),
    (Conflict, 409, "conflict"),
    (FileFormatError, 400, "file-format"),
    (InvalidInput, 400, "invalid-input"),
    (StorageError, 503, "storage"),
)


class FieldProblem(BaseModel):
    field: str
    problem: str


class Problem(BaseModel):
    """RFC 9457 problem details; ``hint`` says what would be right, ``errors`` names fields."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    hint: str | None = None
    errors: list[FieldProblem] | None = None


def _response(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_TYPE,
        headers=headers,
    )


def problem(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    slug: str | None = None,
    hint: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    kind = f"urn:legday:problem:{slug}" if slug else "about:blank"
    return _response(
        Problem(type=kind, title=title, status=status, detail=detail, hint=hint), headers
    )


class HTTPProblem(Exception):
    """Raised by the web layer for refusals that are not use-case errors (401, 403, 412, 429)."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        slug: str,
        hint: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.slug = status, title, detail, slug
        self.hint, self.headers = hint, headers


def status_of(exc: LegdayError) -> tuple[int, str]:
    for cls, status, slug in _STATUS:
        if isinstance(exc, cls):
            return status, slug
    return 400, "invalid-input"


_TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Invalid request",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


def title_of(status: int) -> str:
    return _TITLES.get(status, "Error")


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or str(loc[0] if loc else "request")


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem document."""

    from legday.app.accounts import SignInFailed, Throttled
    from legday.app.logbook import PreconditionFailed

    @app.exception_handler(PreconditionFailed)
    async def _stale(_request: Request, exc: PreconditionFailed) -> JSONResponse:
        return problem(412, title_of(412), exc.message, slug="stale", hint=exc.hint)

    @app.exception_handler(SignInFailed)
    async def _sign_in(_request: Request, exc: SignInFailed) -> JSONResponse:
        return problem(401, title_of(401), exc.message, slug="sign-in-failed", hint=exc.hint)

    @app.exception_handler(Throttled)
    async def _throttled(_request: Request, exc: Throttled) -> JSONResponse:
        return problem(
            429,
            title_of(429),
            exc.message,
            slug="throttled",
            hint=exc.hint,
            headers={"Retry-After": str(exc.retry_after)},
        )

    @app.exception_handler(LegdayError)
    async def _legday(_request: Request, exc: LegdayError) -> JSONResponse:
        from legday.web.words import for_api

        status, slug = status_of(exc)
        message, hint = for_api(exc)
        return problem(status, title_of(status), message, slug=slug, hint=hint)

    @app.exception_handler(HTTPProblem)
    async def _http_problem(_request: Request, exc: HTTPProblem) -> JSONResponse:
        return problem(
            exc.status, exc.title, exc.detail, slug=exc.slug, hint=exc.hint, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            FieldProblem(field=_field(e.get("loc", ())), problem=e["msg"]) for e in exc.errors()
        ]
        detail = "; ".join(f"{e.field}: {e.problem}" for e in errors[:5])
        return _response(
            Problem(
                type="urn:legday:problem:validation",
                title=title_of(422),
                status=422,
                detail=detail,
                errors=errors,
            )
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else None
        headers = dict(exc.headers) if exc.headers else None
        return problem(exc.status_code, title_of(exc.status_code), detail, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, title_of(500), "the server could not answer this request")


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries documenting problem answers, for a router's or route's ``responses``."""
    schema = {"$ref": "#/components/schemas/Problem"}
    return {
        s: {"description": title_of(s), "content": {PROBLEM_TYPE: {"schema": schema}}}
        for s in statuses
    }
