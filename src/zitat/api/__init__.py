"""The web app: ``create_app(ApiSettings(...))`` builds the FastAPI app that ``zitat serve`` runs.

``create_app`` is imported on first use, so that loading the CLI (which reads the settings)
does not pull in FastAPI, Jinja2 and the pages for every other command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zitat.api.settings import ApiSettings

if TYPE_CHECKING:
    from zitat.api.app import create_app

__all__ = ["ApiSettings", "create_app"]


def __getattr__(name: str) -> object:
    if name == "create_app":
        from zitat.api.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
