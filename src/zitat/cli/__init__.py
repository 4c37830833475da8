"""The ``zitat`` command line: one typer app, one module per group of commands."""

from __future__ import annotations

import importlib
import sqlite3
import sys

import typer

# typer bundles its own click (0.29+): its usage errors are only exported from here
from typer._click.exceptions import NoArgsIsHelpError, UsageError

from zitat.errors import InputError, StoreError, ZitatError, first_line, validator_message

app = typer.Typer(
    name="zitat",
    help="Who said what, to whom, how and when: quotation attribution for German news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = {
    "analyze": "zitat.cli.analyze",
    "batch": "zitat.cli.batch",
    "entities": "zitat.cli.entities",
    "evaluate": "zitat.cli.evaluate",
    "predict": "zitat.cli.evaluate",
    "serve": "zitat.cli.serve",
    "ingest": "zitat.cli.store",
    "search": "zitat.cli.store",
    "stats": "zitat.cli.store",
    "export": "zitat.cli.store",
    "check": "zitat.cli.store",
}
"""The module that adds each command to ``app`` when imported. A run imports only its own
command's module (the others cost about 0.2 s); help and unknown commands import them all."""


@app.callback()
def _commands() -> None:
    # a callback keeps ``app`` a group when a single command is loaded: typer would
    # otherwise run that command without its name
    pass


def load_commands(argv: list[str]) -> None:
    """Import the module of the command named in ``argv`` (all of them if none is)."""
    command = argv[1] if len(argv) > 1 else ""
    modules = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else COMMAND_MODULES.values()
    for module in dict.fromkeys(modules):
        importlib.import_module(module)


USAGE_EXIT_CODE = InputError.exit_code
"""A bad option or argument exits as bad input does."""


def main() -> None:
    load_commands(sys.argv)
    try:
        # not standalone: click would print its usage errors as a framed block of text
        exit_code = app(prog_name="zitat", standalone_mode=False)
    except NoArgsIsHelpError as exc:
        exc.show()
        sys.exit(USAGE_EXIT_CODE)
    except UsageError as exc:
        _fail(InputError(usage_message(exc)))
    except typer.TyperException as exc:  # the framework's other errors, e.g. a file option
        _fail(InputError(" ".join(exc.format_message().split())))
    except sqlite3.Error as exc:  # a store's own calls say which file; this is the backstop
        _fail(StoreError(f"store database error: {first_line(exc)}"))
    except ZitatError as exc:
        _fail(exc)
    except (KeyboardInterrupt, typer.Abort):
        typer.secho("zitat: interrupted", err=True)
        sys.exit(130)
    sys.exit(exit_code if isinstance(exit_code, int) else 0)


def usage_message(exc: UsageError) -> str:
    """A usage error as one line, pointing to the command's help."""
    message = validator_message(" ".join(exc.format_message().split())).rstrip(".")
    if exc.ctx is None:
        return message
    return f"{message} (see {exc.ctx.command_path} --help)"


def _fail(exc: ZitatError) -> None:
    typer.secho(f"zitat: error: {exc}", err=True, fg="red")
    sys.exit(exc.exit_code)
