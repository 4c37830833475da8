"""Every error leaves the API as ``{"error": {"code": ..., "message": ...}}`` with the right status.

Messages are one line and never echo request bodies or tokens back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from zitat.errors import InputError, ModelError, StoreError, ZitatError, validator_message

log = logging.getLogger("zitat.api")

ERROR_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(Exception):
    """An error with its HTTP status; raised by routes and dependencies."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def error_response(
    status: int, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=ERROR_CODES.get(status, "error"), message=message))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting the error body for ``statuses``."""
    return {
        status: {"model": ErrorBody, "description": ERROR_CODES[status].replace("_", " ")}
        for status in statuses
    }


_ZITAT_STATUS: tuple[tuple[type[ZitatError], int], ...] = (
    (InputError, 400),
    (ModelError, 503),
    (StoreError, 503),
)


def validation_message(errors: Sequence[Any]) -> str:
    """The first validation error as one line: ``where: what``."""
    first = errors[0] if errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("body", "query"))
    what = validator_message(str(first.get("msg", "invalid request")))
    return f"{where}: {what}" if where else what


PageErrorRenderer = Callable[[Request, int, str], Response]
"""Renders an error as an HTML page for the browser-facing routes."""


def install_error_handlers(app: FastAPI, page_error: PageErrorRenderer | None = None) -> None:
    """JSON errors under ``/api``; HTML pages elsewhere when ``page_error`` is given."""

    def respond(
        request: Request, status: int, message: str, headers: dict[str, str] | None = None
    ) -> Response:
        if page_error is not None and not request.url.path.startswith("/api"):
            return page_error(request, status, message)
        return error_response(status, message, headers)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(ZitatError)
    async def _zitat_error(request: Request, exc: ZitatError) -> Response:
        status = next((code for kind, code in _ZITAT_STATUS if isinstance(exc, kind)), 500)
        return respond(request, status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 422, validation_message(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        return respond(request, exc.status_code, message, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal error")
