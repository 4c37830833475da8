"""Each run of ``zitat`` imports only its own command's module; help still lists them all."""

from __future__ import annotations

import importlib
import subprocess
import sys

from zitat.cli import COMMAND_MODULES, app


def test_every_command_is_mapped_to_the_module_that_adds_it() -> None:
    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(module)
    added = {
        command.name or command.callback.__name__: command.callback.__module__
        for command in app.registered_commands
        if command.callback is not None
    }
    for group in app.registered_groups:
        assert group.name is not None and group.typer_instance is not None
        (first, *_) = group.typer_instance.registered_commands
        assert first.callback is not None
        added[group.name] = first.callback.__module__
    assert added == COMMAND_MODULES


def loaded_command_modules(*args: str) -> set[str]:
    """The command modules (not the helpers they share: rendering, progress) imported by
    ``zitat *args`` in a fresh interpreter."""
    script = (
        "import sys\n"
        f"sys.argv = ['zitat', *{list(args)!r}]\n"
        "from zitat.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in sys.modules if m.startswith('zitat.cli.')))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    loaded = set(run.stdout.splitlines()[-1].split())  # the help text comes first
    return loaded & set(COMMAND_MODULES.values())


def test_a_command_imports_only_its_module_and_help_imports_all() -> None:
    assert loaded_command_modules("analyze", "--help") == {"zitat.cli.analyze"}
    assert loaded_command_modules("stats", "--help") == {"zitat.cli.store", "zitat.cli.analyze"}
    assert loaded_command_modules("--help") == set(COMMAND_MODULES.values())
