"""The staff panel and its JSON API, built by ``create_app``; nothing happens at import time.

    app = create_app(
        settings,
        core,                                   # optional: built from settings when omitted
        extra_routers=[web_chat_router],        # included as they are (the demo's /chat)
        attachment_fetchers={"telegram": adapter.fetch_attachment},
        lifespan_hooks=[worker_lifespan],       # fn(app) -> async context manager
    )

Routes: pages (``/``, ``/login``, ``/cases/…``, ``/closed``, ``/duty``, ``/rental/…``,
``/courses/…``, ``/audit``), ``/events`` (SSE),
``/static/…``, ``/api/v1/…`` and the API reference at ``/api/docs`` (``/api/openapi.json``).
``/chat`` and everything under it is left free for the runtime's routers.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from admin import (
    account_pages,
    api,
    audit_api,
    audit_pages,
    course_api,
    course_pages,
    events,
    pages,
    rental_api,
    rental_pages,
    replies_api,
    replies_pages,
    staff_api,
    staff_pages,
)
from admin.auth import (
    SESSION_COOKIE,
    AuthError,
    Caller,
    LoginThrottle,
    SignedSessionMiddleware,
    caller_from,
    derived_key,
    local_path,
)
from admin.common import error_text
from admin.deps import ENROL_PATH, EnrolmentRequired, LoginRequired, PageCaller, StreamCaller
from admin.limits import BodyLimit, ResponseHeaders
from admin.pages import create_templates, error_page, flash, page_headers, render
from bot.bootstrap import create_core
from bot.channel import Attachment
from core.bootstrap import Core
from core.errors import DomainError
from core.services.health import UNAVAILABLE_ERRORS
from core.settings import Settings

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
Fetcher = Callable[[str], Awaitable[Attachment]]
LifespanHook = Callable[[FastAPI], AbstractAsyncContextManager[object]]
# The panel's own routers, in the order the app includes them.
ROUTERS = (
    # First: its /login (with the second step) and /logout are the ones that answer.
    account_pages.router,
    staff_pages.router,
    staff_api.router,
    api.router,
    events.router,
    pages.router,
    rental_api.router,
    rental_pages.router,
    course_api.router,
    course_pages.router,
    audit_api.router,
    audit_pages.router,
    replies_api.router,
    replies_pages.router,
)
docs_router = APIRouter(include_in_schema=False)


@docs_router.get("/api/docs")
async def docs(request: Request, caller: PageCaller) -> Response:
    # Our own page from the OpenAPI document: Swagger UI and ReDoc would fetch their JS
    # and CSS from a CDN, which docs/architecture.md rules out for a panel holding health data.
    # Staff only: the map of the API is no business of a visitor's.
    return render(request, "api_docs.html", caller, spec=request.app.openapi())


@docs_router.get("/api/openapi.json")
async def openapi_document(request: Request, caller: StreamCaller) -> JSONResponse:
    """The OpenAPI document, for a logged-in staff member (the session or a bearer token)."""
    return JSONResponse(request.app.openapi())


class SecurityHeaders:
    """Headers every response gets unless it set its own (pure ASGI: streams stay streams)."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in self.HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    settings: Settings,
    core: Core | None = None,
    *,
    extra_routers: Iterable[APIRouter] = (),
    attachment_fetchers: dict[str, Fetcher] | None = None,
    lifespan_hooks: Iterable[LifespanHook] = (),
) -> FastAPI:
    """The panel and the API on ``core`` (built from ``settings`` when not given, and then
    disposed of when the app stops).

    ``extra_routers`` are included after the panel's own routes (the demo's ``/chat``).
    ``attachment_fetchers`` map a channel name to ``async fn(reference) -> Attachment`` for
    the files people send. ``lifespan_hooks`` are ``fn(app) -> async context manager``,
    entered in order when the app starts and left in reverse order when it stops.
    """
    owns_core = core is None
    the_core = core or create_core(settings)
    hooks = list(lifespan_hooks)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            for hook in hooks:
                await stack.enter_async_context(hook(app))
            yield
        if owns_core:
            await the_core.dispose()

    app = FastAPI(
        title="Aist API",
        version="1",
        description=(
            "The JSON API of the Aist staff panel. Log in with `POST /api/v1/auth/token` "
            "(form fields `username`, `password`), then send `Authorization: Bearer <token>`."
        ),
        docs_url=None,  # our own page at /api/docs: Swagger UI and ReDoc load from a CDN
        redoc_url=None,
        openapi_url=None,  # served by docs_router to staff only (FastAPI's own would be public)
        lifespan=lifespan,
    )
    app.state.core = the_core
    app.state.templates = create_templates()
    app.state.attachment_fetchers = dict(attachment_fetchers or {})
    _install_sessions(app, the_core, settings)
    app.add_middleware(SecurityHeaders)
    # Outermost: a body over the limit is refused before the session or a route reads it.
    app.add_middleware(BodyLimit, core=the_core)
    app.add_middleware(ResponseHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in (*ROUTERS, *extra_routers, docs_router):
        app.include_router(router)
    _install_error_handlers(app, the_core)
    return app


def _install_sessions(app: FastAPI, core: Core, settings: Settings) -> None:
    """The failed-login counter and the signed cookie that carries the session's token (the
    session itself is a row: ``core/services/sessions.py``)."""
    app.state.login_throttle = LoginThrottle(
        per_login=settings.login_fails_per_login,
        per_address=settings.login_fails_per_address,
        window_s=settings.login_window_s,
    )
    app.add_middleware(
        SignedSessionMiddleware,
        secret_key=derived_key(core, "session"),
        session_cookie=SESSION_COOKIE,
        max_age=int(settings.panel_session_hours * 3600),
        same_site="lax",
        https_only=settings.secure_cookies,
    )


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/events"


def _problem(
    core: Core, status_code: int, code: str, params: dict[str, object] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"detail": error_text(core, code, params), "code": code}, status_code=status_code
    )


def _back(request: Request) -> RedirectResponse:
    """After a refused form: back to the page it came from (on this panel only)."""
    return RedirectResponse(local_path(request.headers.get("referer"), request), status_code=303)


def _install_error_handlers(app: FastAPI, core: Core) -> None:
    async def caller_or_none(request: Request) -> Caller | None:
        try:
            return await caller_from(request)
        except Exception:  # the error page must render even when the database is down
            return None

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, error: DomainError) -> Response:
        if _is_api(request):
            return _problem(core, error.status, error.code, error.params)
        if request.method != "GET":
            flash(request, error_text(core, error.code, error.params))
            return _back(request)
        return error_page(request, await caller_or_none(request), error.status, error.code)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _: LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(EnrolmentRequired)
    async def enrolment_required(request: Request, _: EnrolmentRequired) -> Response:
        return RedirectResponse(ENROL_PATH, status_code=303)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if _is_api(request):
            errors = [
                {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))}
                for e in error.errors()
            ]
            return JSONResponse({"detail": errors, "code": "invalid-input"}, status_code=422)
        if request.method != "GET":
            flash(request, error_text(core, "invalid-input"))
            return _back(request)
        # A malformed address (/cases/abc) is a page that does not exist.
        return error_page(request, await caller_or_none(request), 404, "not-found")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        code = error.code if isinstance(error, AuthError) else _HTTP_CODES.get(error.status_code)
        if _is_api(request):
            response = _problem(core, error.status_code, code or "generic")
            if not code:
                response = JSONResponse({"detail": error.detail}, status_code=error.status_code)
            response.headers.update(error.headers or {})
            return response
        if code == "csrf":
            flash(request, error_text(core, "csrf"))
            return _back(request)
        return error_page(
            request,
            await caller_or_none(request),
            error.status_code,
            code or "generic",
        )

    async def unavailable(request: Request, error: Exception) -> Response:
        log.error("database unavailable: %s", error)
        if _is_api(request):
            return _problem(core, 503, "unavailable")
        response = error_page(request, None, 503, "unavailable")
        response.headers.update(page_headers())
        return response

    for kind in UNAVAILABLE_ERRORS:
        app.add_exception_handler(kind, unavailable)


_HTTP_CODES = {404: "not-found", 405: "method-not-allowed", 401: "not-authenticated"}
