"""The built web front end (ui/dist), served at `/` beside the API.

Hashed assets are cached for a year as immutable; index.html is never cached, so a release
reaches every browser at its next page load. Any other path that is not a file is a client
route (`/contacts/MNC-2026-000123`, `/invitation?token=...`) and gets the app.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

IMMUTABLE = "public, max-age=31536000, immutable"
NEVER_CACHED = "no-cache, no-store, must-revalidate"
NOT_BUILT = (
    "The web front end has not been built. Run scripts/demo, or "
    "`npm --prefix ui ci && npm --prefix ui run build`, then reload."
)


def default_ui_directory() -> Path:
    """ui/dist of the source tree this package runs from."""
    return Path(__file__).resolve().parents[2] / "ui" / "dist"


class WebUi:
    """An ASGI app answering GET and HEAD from the built front end."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory.resolve()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = self._respond(request)
        await response(scope, receive, send)

    def _respond(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return PlainTextResponse("Method not allowed", 405, headers={"allow": "GET, HEAD"})
        index = self.directory / "index.html"
        if not index.is_file():
            return PlainTextResponse(NOT_BUILT, 503, headers={"cache-control": NEVER_CACHED})
        asset = self._file(request.url.path)
        if asset is not None:
            hashed = asset.parent.name == "assets"
            cache = IMMUTABLE if hashed else "public, max-age=3600"
            return FileResponse(asset, headers={"cache-control": cache})
        if request.url.path.startswith("/assets/"):
            # A missing hashed asset is an old page asking for a file gone since a release.
            return PlainTextResponse("Not found", 404, headers={"cache-control": NEVER_CACHED})
        return FileResponse(index, headers={"cache-control": NEVER_CACHED})

    def _file(self, path: str) -> Path | None:
        relative = path.lstrip("/")
        if not relative or relative == "index.html":
            return None
        if any(part.startswith(".") for part in relative.split("/")):
            return None  # the build's manifest and other dotfiles are not for browsers
        candidate = (self.directory / relative).resolve()
        if not candidate.is_relative_to(self.directory) or not candidate.is_file():
            return None
        return candidate
