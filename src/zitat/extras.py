"""The optional parts of zitat: which extra (``pip install 'zitat[NAME]'``) brings which
modules, and the one-line error that names the extra a command needs when it is missing.

The base install analyses, stores and runs the CLI; pyproject.toml lists the same extras.
"""

from __future__ import annotations

import importlib.util

from zitat.errors import MissingExtraError

EXTRAS: dict[str, tuple[str, ...]] = {
    "html": ("trafilatura",),
    "eval": ("scipy",),
    "parquet": ("pyarrow",),
    "pandas": ("pandas", "pyarrow"),
    "serve": ("fastapi", "uvicorn", "multipart", "jinja2", "trafilatura"),
    "batch": ("dask", "distributed", "pyarrow"),
    "plot": ("matplotlib",),
    "train": ("torch", "onnx"),
    "spacy": ("spacy",),
}
"""Extra -> the top-level modules it installs that zitat imports."""


def missing_module(extra: str) -> str | None:
    """The first module of ``extra`` that is not installed, if any."""
    return next((m for m in EXTRAS[extra] if importlib.util.find_spec(m) is None), None)


def require(feature: str, extra: str) -> None:
    """Raise :class:`MissingExtraError` if ``feature`` cannot run for want of ``extra``."""
    module = missing_module(extra)
    if module is not None:
        raise MissingExtraError(feature, extra, module)
