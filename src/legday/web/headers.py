"""Security headers on every response, as a plain ASGI middleware (no per-request task).

The CSP allows scripts and styles only from legday itself (no inline script: the pages vendor
htmx and their own files); frames are refused; nothing is cached unless a route says otherwise
(athlete data must not sit in a shared or back-button cache).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
ALWAYS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
)
HSTS = "max-age=31536000; includeSubDomains"
# The same, encoded once: the header list is rebuilt with these on every response (starlette's
# MutableHeaders encodes and scans the whole list for each header set).
_ALWAYS_RAW = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in ALWAYS]
_ALWAYS_NAMES = frozenset(k for k, _ in _ALWAYS_RAW)
_NO_STORE = (b"cache-control", b"no-store")
_HSTS_RAW = (b"strict-transport-security", HSTS.encode("latin-1"))


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = [(k.lower(), v) for k, v in message.get("headers", ())]
                headers = [h for h in raw if h[0] not in _ALWAYS_NAMES]
                headers += _ALWAYS_RAW
                if not any(k == b"cache-control" for k, _ in headers):
                    headers.append(_NO_STORE)
                if https:
                    headers = [h for h in headers if h[0] != _HSTS_RAW[0]]
                    headers.append(_HSTS_RAW)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
