"""Bearer-token checks for writing (and, on public binds, reading) endpoints."""

from __future__ import annotations

import hmac

from fastapi import Request

from zitat.web.errors import ApiError
from zitat.web.settings import ApiSettings

_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def token_matches(presented: str, expected: str) -> bool:
    """Constant-time comparison, so response timing says nothing about the token."""
    return hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8"))


def check_bearer(request: Request, settings: ApiSettings) -> None:
    """Raise 401 unless the request carries ``Authorization: Bearer <the configured token>``."""
    if settings.token is None:
        raise ApiError(401, "writing is disabled: the server has no API token configured")
    scheme, _, presented = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not presented:
        raise ApiError(401, "missing bearer token", _CHALLENGE)
    if not token_matches(presented.strip(), settings.token):
        raise ApiError(401, "invalid bearer token", _CHALLENGE)
