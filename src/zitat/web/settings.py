"""Configuration of the web app: one frozen dataclass, filled from arguments or the environment."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from zitat.errors import InputError

TOKEN_ENV = "ZITAT_API_TOKEN"
MODEL_ENV = "ZITAT_MODEL"
DB_ENV = "ZITAT_DB"

MIN_TOKEN_LENGTH = 16


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Everything ``create_app`` needs; defaults suit one person on localhost."""

    db: Path | None = None
    """The article store; without one only the analysis endpoints and pages work."""
    model: str = "learned"
    token: str | None = None
    """Bearer token for writing endpoints; without one, writing is refused (401)."""
    open_reads: bool = True
    """Reading endpoints need no token (the default on localhost)."""
    max_body_bytes: int = 2 * 1024 * 1024
    body_timeout_s: float = 30.0
    """Time a client has to send its request body (408 after it)."""
    analysis_timeout_s: float = 30.0
    max_concurrent_analyses: int = max(1, os.cpu_count() or 1)
    max_waiting_analyses: int = 64
    """Requests allowed to queue for a free analysis slot before answering 429."""
    max_page_size: int = 200
    allowed_hosts: tuple[str, ...] | None = None
    """Host header values the app answers (others get 400); None: any. ``zitat serve`` on a
    loopback address allows only loopback names, so a DNS-rebinding page cannot read it."""

    def __post_init__(self) -> None:
        if self.token is not None and len(self.token) < MIN_TOKEN_LENGTH:
            raise InputError(f"the API token must be at least {MIN_TOKEN_LENGTH} characters long")
        if self.max_concurrent_analyses < 1 or self.max_waiting_analyses < 0:
            raise InputError("analysis limits must be positive")

    def __repr__(self) -> str:
        # never let the token reach a log line or a traceback
        token = "set" if self.token else "unset"
        return f"ApiSettings(db={self.db!r}, model={self.model!r}, token={token})"


def read_token(token_file: Path | None = None) -> str | None:
    """The API token from ``token_file`` (first line) or, failing that, ``$ZITAT_API_TOKEN``."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise InputError(f"cannot read token file {token_file}: {exc.strerror}") from exc
        if not token:
            raise InputError(f"token file {token_file} is empty")
        return token
    return os.environ.get(TOKEN_ENV) or None


LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the app reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
