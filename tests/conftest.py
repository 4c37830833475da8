"""Shared fixtures. Tests that need ../shared/data skip when it is absent; test modules that
need an extra that is not installed skip, naming it."""

from __future__ import annotations

import os
import re
from collections.abc import Generator
from pathlib import Path

import pytest

from zitat.extras import EXTRAS

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ZITAT_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The training-data folder; skips the test when it is not there."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"training data not found at {SHARED_DATA} (set ZITAT_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def quotation_dev(shared_data: Path) -> Path:
    path = shared_data / "news_quotation_2024" / "dev"
    if not path.is_dir():
        pytest.skip(f"quotation corpus dev split not found at {path}")
    return path


@pytest.fixture(scope="session")
def example_text() -> str:
    return (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")


_MISSING = re.compile(
    r"(?:No module named '|import of )(?P<module>\w+)|needs the '(?P<extra>\w+)' extra"
)
"""How a missing module reads in an import error (``import of X halted``: a simulated one)."""


def missing_extra(error: str) -> str | None:
    """The extra whose absence made a test module fail to import, if that is why."""
    found = _MISSING.search(error)
    if found is None or found["extra"]:
        return found and found["extra"]
    return next((extra for extra, modules in EXTRAS.items() if found["module"] in modules), None)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """A test module that cannot be imported for want of an extra is skipped, with the reason."""
    report = yield
    extra = missing_extra(str(report.longrepr)) if report.failed else None
    if extra is not None and isinstance(collector, pytest.Module):
        report.outcome = "skipped"
        reason = f"Skipped: needs the '{extra}' extra (pip install 'zitat[{extra}]')"
        report.longrepr = (str(collector.path), None, reason)
    return report
