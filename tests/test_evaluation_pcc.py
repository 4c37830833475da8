"""The PCC reader and pronoun score on a tiny MMAX2 folder written here (no shared data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zitat.errors import InputError
from zitat.evaluation.pcc import read_documents, score_pronouns

WORDS = "Angela Merkel besuchte Paris . Sie lobte die Stadt .".split()


def _folder(tmp_path: Path, antecedent: str = "markable_1") -> Path:
    base, marks = tmp_path / "basedata", tmp_path / "markables"
    base.mkdir()
    marks.mkdir()
    words = "".join(f'<word id="word_{k}">{w}</word>' for k, w in enumerate(WORDS, start=1))
    (base / "doc-1_words.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE words SYSTEM "words.dtd"><words>{words}</words>'
    )
    (marks / "doc-1_sentence_level.xml").write_text(
        '<markables xmlns="www.eml.org/NameSpaces/sentence">'
        '<markable id="s1" span="word_1..word_5"/><markable id="s2" span="word_6..word_10"/>'
        "</markables>"
    )
    (marks / "doc-1_primmark_level.xml").write_bytes(
        (
            '<markables xmlns="www.eml.org/NameSpaces/primmark">'
            '<markable id="markable_1" span="word_1..word_2" np_form="ne" '
            'anaphor_antecedent="empty"/>'
            '<markable id="markable_2" span="word_6" np_form="pper" '
            f'anaphor_antecedent="{antecedent}"/>'
            '<markable id="markable_3" span="word_4" np_form="ne" '
            'anaphor_antecedent="empty" comment="Städte"/>'
            "</markables>"
        ).encode("latin-1")
    )
    return tmp_path


def test_markables_are_spans_of_the_rebuilt_text(tmp_path: Path) -> None:
    (document,) = read_documents(_folder(tmp_path))
    assert document.text.startswith("Angela Merkel besuchte Paris .\n\nSie lobte")
    spans = {k: document.text[m.start : m.end] for k, m in document.markables.items()}
    assert spans == {"markable_1": "Angela Merkel", "markable_2": "Sie", "markable_3": "Paris"}
    assert [m.form for m in document.chain("markable_2")] == ["ne"]


def test_a_pronoun_resolved_to_its_chain_counts_as_right(tmp_path: Path) -> None:
    score = score_pronouns(read_documents(_folder(tmp_path)))
    assert (score.pronouns, score.resolvable, score.right) == (1, 1, 1)


def test_a_pronoun_whose_chain_the_resolver_cannot_name_is_not_scored(tmp_path: Path) -> None:
    score = score_pronouns(read_documents(_folder(tmp_path, antecedent="markable_3")))
    assert (score.pronouns, score.resolvable) == (1, 0)  # a place is no speaker antecedent


def test_a_folder_without_basedata_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="basedata"):
        list(read_documents(tmp_path))
