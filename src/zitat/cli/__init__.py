"""The ``zitat`` command line: one typer app, one module per group of commands."""

from __future__ import annotations

import importlib
import sqlite3
import sys

import typer

from zitat.errors import StoreError, ZitatError, first_line

app = typer.Typer(
    name="zitat",
    help="Who said what, to whom, how and when: quotation attribution for German news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module adds its commands to ``app`` when imported.
COMMAND_MODULES = (
    "zitat.cli.analyze",
    "zitat.cli.batch",
    "zitat.cli.entities",
    "zitat.cli.evaluate",
    "zitat.cli.serve",
    "zitat.cli.store",
)


def main() -> None:
    for module in COMMAND_MODULES:
        importlib.import_module(module)
    try:
        app()
    except sqlite3.Error as exc:  # a store's own calls say which file; this is the backstop
        _fail(StoreError(f"store database error: {first_line(exc)}"))
    except ZitatError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        typer.secho("zitat: interrupted", err=True)
        sys.exit(130)


def _fail(exc: ZitatError) -> None:
    typer.secho(f"zitat: error: {exc}", err=True, fg="red")
    sys.exit(exc.exit_code)
