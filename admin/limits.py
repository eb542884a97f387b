"""What the edge lets in and how its answers may be kept: two pure ASGI middlewares, installed
by ``create_app`` (issue #16).

``BodyLimit`` refuses a request body over its limit before anything parses it: at once by its
``Content-Length``, and by counting the bytes of a chunked body as the app reads them. The
answer is ``413 {"detail": ..., "code": "body-too-large"}``. One limit for JSON and forms
(``BODY_LIMIT``), a larger one only for the routes that take a file: a rental item's photo
(``UPLOAD_LIMIT``) and the web chat's attachment (its own setting, and room for the form).

``ResponseHeaders`` marks what must not be kept or framed:

- ``Cache-Control: no-store`` on every response but the static files and the health check
  (cases, a booking's phone, the audit journal, every panel page);
- the panel's pages: ``X-Frame-Options: DENY`` and ``frame-ancestors 'none'`` (added to the
  page's own Content-Security-Policy when it has one); the API: a CSP of ``default-src
  'none'; frame-ancestors 'none'`` unless the response set its own (``/api/docs`` does);
- the web chat (``/chat`` and under it, served by ``bot/web.py``): ``CHAT_CSP`` with the
  hashes of the inline script and style of ``bot/templates/webchat.html``, computed from the
  template itself (never from a response, which could carry injected markup), ``X-Frame-Options:
  DENY``, ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from admin.common import error_text
from bot.web import TEMPLATES as CHAT_TEMPLATES
from core.bootstrap import Core
from core.services.rental import MAX_PHOTO_BYTES

# The largest legitimate JSON or form body, with room to spare: a course group with its 60
# sessions, each with a 300-character place and topic in Cyrillic, is about 80 KB as UTF-8
# and 230 KB with every letter escaped (\u0416, Python's json default); the web chat's longest
# message (20 000 characters) is 40 KB from the browser; a reply from the panel (4 000
# characters, every one percent-encoded as an emoji) under 50 KB.
BODY_LIMIT = 256 * 1024
# A photo (the core refuses one over MAX_PHOTO_BYTES with its own message) and the other
# fields of the form it comes with.
UPLOAD_LIMIT = MAX_PHOTO_BYTES + BODY_LIMIT
UPLOAD_ROUTES = (
    ("POST", re.compile(r"/rental/items")),
    ("POST", re.compile(r"/rental/items/\d+/photo")),
)
# The web chat's file (bot/web.py checks its own limit, AIST_WEB_ATTACHMENT_MAX_BYTES).
CHAT_ATTACH = ("POST", re.compile(r"/chat/api/attach"))
TOO_LARGE = "body-too-large"

CHAT_PAGE = "webchat.html"
CHAT_CSP = (
    "default-src 'self'; script-src 'self' {scripts}; style-src 'self' {styles}; "
    "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
_INLINE = {
    "scripts": re.compile(r"<script>(.*?)</script>", re.S),
    "styles": re.compile(r"<style>(.*?)</style>", re.S),
}


class _TooLarge(Exception):
    """Raised from ``receive`` once a streamed body passes the limit."""


def upload_limits(core: Core) -> list[tuple[str, re.Pattern[str], int]]:
    """The routes that take a file, each with its limit (the file and the form around it)."""
    routes = [(method, pattern, UPLOAD_LIMIT) for method, pattern in UPLOAD_ROUTES]
    chat_file = getattr(core.settings, "web_attachment_max_bytes", None)
    if isinstance(chat_file, int):
        routes.append((*CHAT_ATTACH, chat_file + BODY_LIMIT))
    return routes


class BodyLimit:
    """Refuses a request body over its route's limit with 413, before the app parses it."""

    def __init__(self, app: ASGIApp, *, core: Core) -> None:
        self.app = app
        self.core = core
        self.uploads = upload_limits(core)

    def limit_for(self, scope: Scope) -> int:
        method, path = scope.get("method", ""), scope["path"]
        for route_method, pattern, limit in self.uploads:
            if method == route_method and pattern.fullmatch(path):
                return limit
        return BODY_LIMIT

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(send)
            return
        received = 0
        state = {"over": False, "started": False}

        async def counted() -> Message:
            nonlocal received
            if state["over"]:
                raise _TooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    state["over"] = True
                    raise _TooLarge
            return message

        async def guarded(message: Message) -> None:
            # Once the body was cut short, whatever the app answers about it is dropped.
            if state["over"] and not state["started"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            # The app may turn the cut into its own error (FastAPI: 400, "error parsing the
            # body") or let it out; either way the answer is ours.
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {"detail": error_text(self.core, TOO_LARGE), "code": TOO_LARGE}, ensure_ascii=False
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", b"no-store"),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


def _hashes(blocks: Iterable[str]) -> str:
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()}'" for b in blocks
    )


@cache
def chat_csp(template: Path = CHAT_TEMPLATES / CHAT_PAGE) -> str:
    """The web chat page's policy: its inline script and style allowed by their hashes.

    The blocks hold no template markup, so the page serves them exactly as the file has them
    (tests/integration/test_bounds.py checks the served page against this policy)."""
    source = template.read_text(encoding="utf-8").replace("\r\n", "\n")
    found = {kind: _hashes(pattern.findall(source)) for kind, pattern in _INLINE.items()}
    return CHAT_CSP.format(**found)


class ResponseHeaders:
    """``Cache-Control``, framing and CSP headers by kind of path (see the module's text)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path or path.startswith("/static/") or path == "/api/v1/health":
            await self.app(scope, receive, send)
            return
        chat = path == "/chat" or path.startswith("/chat/")
        api = path.startswith("/api/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = _Headers(message.get("headers", []))
                headers.default(b"cache-control", b"no-store")
                if chat:
                    headers.set(b"content-security-policy", chat_csp().encode())
                    headers.set(b"x-frame-options", b"DENY")
                    headers.set(b"x-content-type-options", b"nosniff")
                    headers.set(b"referrer-policy", b"no-referrer")
                else:
                    headers.default(b"x-frame-options", b"DENY")
                    headers.default(b"x-content-type-options", b"nosniff")
                    headers.forbid_framing(API_CSP if api else "frame-ancestors 'none'")
                message["headers"] = headers.items
            await send(message)

        await self.app(scope, receive, with_headers)


class _Headers:
    def __init__(self, items: Iterable[tuple[bytes, bytes]]) -> None:
        self.items = list(items)

    def get(self, name: bytes) -> bytes | None:
        return next((v for k, v in self.items if k.lower() == name), None)

    def set(self, name: bytes, value: bytes) -> None:
        self.items = [(k, v) for k, v in self.items if k.lower() != name] + [(name, value)]

    def default(self, name: bytes, value: bytes) -> None:
        if self.get(name) is None:
            self.items.append((name, value))

    def forbid_framing(self, policy: str) -> None:
        """``policy`` when the response has no CSP; else ``frame-ancestors 'none'`` added."""
        present = self.get(b"content-security-policy")
        if present is None:
            self.set(b"content-security-policy", policy.encode())
        elif b"frame-ancestors" not in present:
            self.set(b"content-security-policy", present + b"; frame-ancestors 'none'")
