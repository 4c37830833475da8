"""Running the real `zitat` entry point in-process, as the CLI tests do."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from zitat.cli import main


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


Runner = Callable[..., Outcome]


def cli_runner(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *command: str
) -> Runner:
    """Runs ``zitat *command *args`` with its error handling and captures what it prints."""

    def invoke(*args: str | Path, stdin: bytes | None = None) -> Outcome:
        monkeypatch.setattr(sys, "argv", ["zitat", *command, *map(str, args)])
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(stdin)))
        with pytest.raises(SystemExit) as exited:
            main()
        out, err = capsys.readouterr()
        return Outcome(int(exited.value.code or 0), out, err)

    return invoke
