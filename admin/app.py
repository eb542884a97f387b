"""The staff panel and its JSON API, built by ``create_app(settings)``; nothing at import time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from admin.api import create_api_router
from admin.auth import LoginThrottle
from admin.events import create_events_router
from admin.pages import TEMPLATES, LoginRequired, create_pages_router
from bot.channel import Attachment
from core.bootstrap import Core, create_core
from core.errors import DomainError
from core.settings import Settings

STATIC = Path(__file__).resolve().parent / "static"
Fetcher = Callable[[str], Awaitable[Attachment]]


def create_app(
    settings: Settings,
    core: Core | None = None,
    *,
    extra_routers: Iterable[APIRouter] = (),
    attachment_fetchers: dict[str, Fetcher] | None = None,
) -> FastAPI:
    owns_core = core is None
    the_core = core or create_core(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        if owns_core:
            await the_core.dispose()

    app = FastAPI(
        title="Aist API",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.core = the_core
    app.state.attachment_fetchers = dict(attachment_fetchers or {})
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key.get_secret_value(),
        session_cookie="aist_session",
        max_age=12 * 3600,
        same_site="lax",
        https_only=settings.session_https_only,
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    throttle = LoginThrottle()
    app.include_router(create_api_router(throttle))
    app.include_router(create_events_router())
    app.include_router(create_pages_router(throttle))
    for router in extra_routers:
        app.include_router(router)

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    async def docs(request: Request) -> Response:
        # Our own page from the OpenAPI document: Swagger UI would pull its JS from a CDN.
        return TEMPLATES.TemplateResponse(request, "api_docs.html", {"spec": app.openapi()})

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, error: DomainError) -> Response:
        locale = settings.default_locale
        key = f"panel-error-{error.code}"
        detail = the_core.i18n(locale, key, **error.params) if the_core.i18n.has(key) else error.code
        return JSONResponse({"detail": detail, "code": error.code}, status_code=error.status)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _: LoginRequired) -> Response:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if is_api(request):
            errors = [
                {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in error.errors()
            ]
            return JSONResponse({"detail": errors}, status_code=422)
        return HTMLResponse(
            the_core.i18n(settings.default_locale, "panel-error-invalid-input"), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if is_api(request) or request.url.path == "/events":
            return JSONResponse(
                {"detail": error.detail}, status_code=error.status_code, headers=error.headers
            )
        if error.status_code == 403 and error.detail == "csrf":
            request.session["flash"] = {
                "kind": "error",
                "text": the_core.i18n(settings.default_locale, "panel-error-csrf"),
            }
            return RedirectResponse(request.headers.get("referer") or "/", status_code=303)
        return HTMLResponse(str(error.detail), status_code=error.status_code)

    return app
