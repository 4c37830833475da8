"""Typography variants keep the text's length, so the corpus' gold annotations stay valid."""

from __future__ import annotations

from typing import Any

import pytest

from zitat.evaluation.variants import restyle_quotes, rewrap, variant_document, variants

TEXT = "Er sagte: „Wir kommen morgen wieder, wenn es geht.“ Dann ging er nach Hause.\n\nEnde."


def _doc() -> dict[str, Any]:
    start = TEXT.index("„")
    return {
        "originalText": TEXT,
        "tokens": [{"charBegin": start, "charEnd": start + 1, "text": "„"}],
        "sentences": [{"charBegin": 0, "charEnd": 9, "text": TEXT[:9]}],
        "annotations": [{"quote": {"tokenIds": [0]}}],
    }


def test_every_variant_keeps_length_and_recuts_token_texts() -> None:
    for name, rewrite in variants().items():
        doc = variant_document(_doc(), rewrite)
        assert len(doc["originalText"]) == len(TEXT), name
        token = doc["tokens"][0]
        assert token["text"] == doc["originalText"][token["charBegin"] : token["charEnd"]]
        assert doc["annotations"] == _doc()["annotations"]


def test_restyle_and_rewrap() -> None:
    assert restyle_quotes(TEXT, "«", "»").count("«") == 1
    wrapped = rewrap(TEXT, 30)
    assert all(len(line) <= 30 for line in wrapped.split("\n"))
    assert wrapped.replace("\n", " ") == TEXT.replace("\n", " ")
    with pytest.raises(ValueError, match="one character"):
        restyle_quotes(TEXT, "<<", ">>")
