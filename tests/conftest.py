"""Shared fixtures. Tests that need ../shared/data skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
