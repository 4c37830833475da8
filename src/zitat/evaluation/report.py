"""docs/benchmarks.md is shared by several scripts; each owns one delimited section.

A section is the text between ``<!-- BEGIN:name -->`` and ``<!-- END:name -->``. A script
rewrites only its own section, so figures measured by different scripts can live side by
side in one page without overwriting each other.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

_TITLE = "# Benchmarks"
_INTRO = (
    "Every figure on this page is measured by a script in `scripts/`, never typed in by hand. "
    "Each section states the command that produced it, the machine and the threads used; "
    "rerunning that command rewrites only its own section."
)


def _markers(name: str) -> tuple[str, str]:
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        raise ValueError(f"section name {name!r} must be letters, digits, '_', '.' or '-'")
    return f"<!-- BEGIN:{name} -->", f"<!-- END:{name} -->"


def update_section(path: Path, name: str, markdown: str) -> None:
    """Replace the section ``name`` of the page at ``path`` with ``markdown``, or append it.

    The page is created with a title and an introduction when it does not exist yet.
    """
    begin, end = _markers(name)
    block = f"{begin}\n{markdown.strip()}\n{end}"
    page = path.read_text(encoding="utf-8") if path.exists() else f"{_TITLE}\n\n{_INTRO}\n"
    start = page.find(begin)
    stop = page.find(end, start) if start >= 0 else -1
    if start >= 0 and stop >= 0:
        page = page[:start] + block + page[stop + len(end) :]
    else:
        page = page.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")


def benchmark_parser(description: str | None, root: Path) -> argparse.ArgumentParser:
    """The options every benchmark script shares: ``--data``, the shared data folder beside
    the checkout at ``root``, and ``--report``, the page whose section the script writes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=root.parent / "shared" / "data")
    parser.add_argument("--report", type=Path, default=root / "docs" / "benchmarks.md")
    return parser
