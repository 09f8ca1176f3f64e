"""Static files, the service worker and the web app manifest, served by legday itself (no CDN).

A route per kind rather than a mounted StaticFiles app: the pages router is included into the
server's app with ``include_router``, which carries routes but not mounts.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, Response

router = APIRouter(include_in_schema=False)

TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain; charset=utf-8",
}


def static_root() -> Path:
    return Path(str(resources.files("legday.web") / "static")).resolve()


@lru_cache(maxsize=1)
def assets_version() -> str:
    """A digest of every served file: a release or a changed file renews the worker's cache."""
    digest = hashlib.sha256()
    root = static_root()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in TYPES:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@router.get("/static/{path:path}")
def static_file(path: str) -> FileResponse:
    root = static_root()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file() or target.suffix not in TYPES:
        raise HTTPException(status_code=404, detail="no such file")
    return FileResponse(
        target,
        media_type=TYPES[target.suffix],
        headers={"Cache-Control": "public, max-age=3600"},
    )


@router.get("/sw.js")
def service_worker() -> Response:
    body = (static_root() / "js" / "sw.js").read_text(encoding="utf-8")
    body = body.replace("__LEGDAY_VERSION__", assets_version())
    # never cached by the HTTP cache, so a new version is seen on the next visit
    return Response(
        body,
        media_type=TYPES[".js"],
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def manifest() -> FileResponse:
    return FileResponse(
        static_root() / "manifest.webmanifest",
        media_type=TYPES[".webmanifest"],
        headers={"Cache-Control": "public, max-age=3600"},
    )
