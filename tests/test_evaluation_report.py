from __future__ import annotations

from pathlib import Path

import pytest

from zitat.evaluation.report import benchmark_parser, update_section


def test_creates_page_with_title_and_section(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "benchmarks.md"
    update_section(page, "eval", "| a | b |")
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n")
    assert "<!-- BEGIN:eval -->\n| a | b |\n<!-- END:eval -->" in text


def test_replaces_only_its_own_section(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    update_section(page, "eval", "old eval")
    update_section(page, "speed", "speed figures")
    update_section(page, "eval", "new eval")
    text = page.read_text(encoding="utf-8")
    assert "old eval" not in text
    assert text.count("<!-- BEGIN:eval -->") == 1
    assert "new eval" in text and "speed figures" in text
    assert text.index("new eval") < text.index("speed figures")


def test_keeps_hand_written_text_around_sections(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    page.write_text("# Mine\n\nintro\n\n<!-- BEGIN:x -->\n1\n<!-- END:x -->\n\ntail\n")
    update_section(page, "x", "2")
    assert page.read_text() == "# Mine\n\nintro\n\n<!-- BEGIN:x -->\n2\n<!-- END:x -->\n\ntail\n"


def test_rejects_names_that_would_break_the_markers(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="section name"):
        update_section(tmp_path / "b.md", "a -->", "x")


def test_benchmark_scripts_share_their_data_and_report_options(tmp_path: Path) -> None:
    parser = benchmark_parser("a benchmark", tmp_path / "checkout")
    defaults = parser.parse_args([])
    assert (defaults.data, defaults.report) == (
        tmp_path / "shared" / "data",
        tmp_path / "checkout" / "docs" / "benchmarks.md",
    )
    given = parser.parse_args(["--data", "d", "--report", "r.md"])
    assert (given.data, given.report) == (Path("d"), Path("r.md"))
