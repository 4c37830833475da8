"""The app that ``zitat serve`` runs: the JSON API and the web pages side by side.

>>> from zitat.server import ApiSettings, create_app
>>> app = create_app(ApiSettings(db="corpus.db"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zitat import __version__
from zitat.api.result_schema import RESULT_SCHEMA
from zitat.api.routes import router as api_router
from zitat.ui.pages import page_error
from zitat.ui.pages import router as page_router
from zitat.web.errors import install_error_handlers
from zitat.web.limits import BodyLimits
from zitat.web.services import Services
from zitat.web.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeaders:
    """Adds a strict Content-Security-Policy and friends to every response.

    Article text is escaped everywhere; the policy (no inline scripts, nothing from other
    origins) makes a slip in escaping harmless rather than exploitable.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    """Build the app; the store file is created on first use if ``settings.db`` is set."""
    settings = settings or ApiSettings()
    services = Services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = FastAPI(
        title="zitat",
        version=__version__,
        summary="Who said what, to whom, how and when: quotations in German news.",
        docs_url=None,  # Swagger UI would load its assets from a CDN; /docs is our own page
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = services
    services.create_store()
    install_error_handlers(app, page_error)
    app.include_router(api_router)
    app.include_router(page_router)
    if settings.allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(
        BodyLimits, max_bytes=settings.max_body_bytes, timeout_s=settings.body_timeout_s
    )
    app.add_middleware(SecurityHeaders)  # added last, so outermost: on the 400/408/413 too

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            schema.setdefault("components", {}).setdefault("schemas", {})
            schema["components"]["schemas"]["AnalysisResultV1"] = RESULT_SCHEMA
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
