"""Errors the user can act on. The CLI prints them as one line and exits non-zero."""


class ZitatError(Exception):
    """Base class of every error zitat reports to the user instead of a traceback."""

    exit_code = 1


class InputError(ZitatError):
    """The input cannot be read as an article (empty, binary, undecodable, malformed)."""

    exit_code = 2


class ModelError(ZitatError):
    """A model or its weights are missing, corrupt or incompatible."""

    exit_code = 3


class StoreError(ZitatError):
    """The article store cannot be opened or written."""

    exit_code = 4


_VALIDATOR_PREFIX = "Value error, "


def validator_message(message: str) -> str:
    """A pydantic validator's message (also typer's, which parses options with pydantic)
    without the prefix pydantic puts before it."""
    return message.replace(_VALIDATOR_PREFIX, "")


def first_line(exc: BaseException) -> str:
    """The gist of a library's error as one line (torch's and ONNX Runtime's run over several)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else f"{type(exc).__name__} (file empty or cut short?)"


class MissingExtraError(ZitatError, ImportError):
    """An optional dependency of the feature used is not installed (see :mod:`zitat.extras`)."""

    def __init__(self, feature: str, extra: str, module: str) -> None:
        super().__init__(
            f"{feature} needs the '{extra}' extra ({module} is not installed): "
            f"pip install 'zitat[{extra}]'",
            name=module,
        )
        self.extra = extra
