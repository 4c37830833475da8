"""Fuzzed files through every reader: clear InputErrors or valid articles, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

from fuzz_support import TARGETS, Target, read_file
from zitat.errors import InputError
from zitat.formats.readers import read_path

READER_TARGETS = [target for target in TARGETS if target.name != "pipeline"]


@pytest.mark.parametrize("target", READER_TARGETS, ids=lambda target: target.name)
def test_reader_survives_fuzzed_files(target: Target) -> None:
    given(target.strategy)(target.check)()


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\udc00x\\ud800"])
@pytest.mark.parametrize("field", ["text", "title", "id", "source"])
def test_lone_surrogate_escapes_in_json_are_refused(
    tmp_path: Path, escape: str, field: str
) -> None:
    """JSON may spell a lone surrogate; no UTF-8 writer (store, CLI, API) could output it."""
    fields = {"text": "„Ja“, sagte sie.", field: f"a{escape}b"}
    path = tmp_path / "article.jsonl"
    path.write_text(json.dumps(fields).replace("\\\\u", "\\u") + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="surrogate"):
        read_path(path)


def test_corpus_document_with_lone_surrogate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{"originalText": "Er sagte: \\"\\udbff\\"", "annotations": []}')
    with pytest.raises(InputError, match=r"doc\.json.*surrogate"):
        read_path(path)


@pytest.mark.parametrize("depth", [300, 5_000, 100_000])
@pytest.mark.parametrize("closed", [True, False])
def test_deeply_nested_html_is_read_or_refused(depth: int, closed: bool) -> None:
    """libxml2 stops building the tree at 256 levels: deeper text is lost, not a crash."""
    paragraph = "<p>„Wir werden das schaffen“, sagte die Kanzlerin am Montag in Berlin.</p>" * 3
    page = "<html><body>" + "<div>" * depth + paragraph + ("</div>" * depth if closed else "")
    read_file(page.encode("utf-8"), ".html")


def test_hundred_thousand_character_line_is_kept_exactly() -> None:
    text = "„" + "Wort, " * 20_000 + "“ sagte sie."
    articles = read_file(text.encode("utf-8"), ".txt")
    assert articles is not None and articles[0].text == text
