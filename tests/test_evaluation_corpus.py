from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zitat.errors import InputError
from zitat.evaluation.corpus import article_from_document
from zitat.formats.corpus_json import (
    CORPUS_ROLES,
    gold_quotations,
    iter_corpus,
    predicted_document,
    read_document,
    write_document,
)
from zitat.schema import Medium, Quotation, QuoteType, Role, Span

GOLD = Path(__file__).parent / "fixtures" / "eval_gold"


@pytest.fixture()
def doc() -> dict[str, Any]:
    return read_document(GOLD / "1 - Müller bleibt hart (2024-03-04).json")


def _quotation(text: str, quote: list[Span], **roles: list[Span]) -> Quotation:
    quotation = Quotation("p", QuoteType.INDIRECT, Medium.SPEECH, Role.from_spans(text, quote))
    for name, spans in roles.items():
        setattr(quotation, name, Role.from_spans(text, spans))
    return quotation


def test_article_takes_id_title_and_date_from_the_document_name(doc: dict[str, Any]) -> None:
    article = article_from_document(doc)
    assert article.id == "1 - Müller bleibt hart (2024-03-04)"
    assert article.title == "Müller bleibt hart"
    assert article.date == "2024-03-04"
    assert article.text == doc["originalText"]


def test_gold_quotations_keep_exact_char_spans_labels_and_nesting(doc: dict[str, Any]) -> None:
    text = doc["originalText"]
    quotations = gold_quotations(doc)
    assert [q.type for q in quotations] == [
        QuoteType.DIRECT,
        QuoteType.INDIRECT,
        QuoteType.INDIRECT,
        QuoteType.DIRECT,
    ]
    assert quotations[1].medium is Medium.SPEECH
    assert quotations[1].addressee is not None
    assert quotations[1].addressee.text == "den Journalisten"
    assert quotations[0].addressee is None
    assert [q.nested_in for q in quotations] == [None, None, None, quotations[2].id]
    for q in quotations:
        for role in (q.quote, q.cue, q.frame, q.speaker, q.addressee):
            for start, end in role.spans if role else ():
                assert text[start:end] in role.text  # type: ignore[union-attr]


def test_gold_written_back_reproduces_the_annotations(doc: dict[str, Any]) -> None:
    out = predicted_document(doc, gold_quotations(doc))
    assert {k: v for k, v in out.items() if k != "annotations"} == {
        k: v for k, v in doc.items() if k != "annotations"
    }
    assert out["annotations"] == doc["annotations"]


def test_partial_token_spans_widen_to_whole_tokens(doc: dict[str, Any]) -> None:
    text = doc["originalText"]
    start = text.index("Ministerin") + 3  # inside the token
    end = text.index("erklärte") + 2
    out = predicted_document(doc, [_quotation(text, [(start, end)])])
    quote = out["annotations"][0]["quote"]
    assert quote["text"] == "Ministerin erklärte"
    span = quote["spans"][0]
    assert text[span["charBegin"] : span["charEnd"]] == "Ministerin erklärte"
    assert [doc["tokens"][i]["text"] for i in quote["tokenIds"]] == ["Ministerin", "erklärte"]
    assert quote["tokenIds"] == list(range(span["begin"], span["end"]))


def test_roles_with_several_spans_and_whitespace_spans(doc: dict[str, Any]) -> None:
    text = doc["originalText"]
    gap = text.index(" sagte")  # a single space covers no token
    sagte = text.index("sagte")
    montag = text.index("Montag")
    quotation = _quotation(
        text, [(montag, montag + 6), (0, 5)], speaker=[(gap, gap + 1)], cue=[(sagte, sagte + 5)]
    )
    annotation = predicted_document(doc, [quotation])["annotations"][0]
    assert annotation["quote"]["text"] == "„Wir Montag"
    assert len(annotation["quote"]["spans"]) == 2
    assert annotation["speaker"] == {"spans": [], "text": "", "tokenIds": []}
    assert annotation["cue"]["text"] == "sagte"


def test_quotation_without_any_token_is_left_out(doc: dict[str, Any]) -> None:
    text = doc["originalText"]
    gap = text.index(" sagte")
    assert predicted_document(doc, [_quotation(text, [(gap, gap + 1)])])["annotations"] == []


@given(st.lists(st.tuples(st.integers(0, 160), st.integers(1, 40)), min_size=1, max_size=3))
def test_token_ids_are_exactly_the_overlapping_tokens(raw: list[tuple[int, int]]) -> None:
    doc = read_document(GOLD / "1 - Müller bleibt hart (2024-03-04).json")
    text = doc["originalText"]
    spans = [(s, min(s + n, len(text))) for s, n in raw if s < len(text)]
    if not spans:
        return
    out = predicted_document(doc, [_quotation(text, spans)])
    expected = sorted(
        t["id"]
        for t in doc["tokens"]
        if any(t["charBegin"] < e and t["charEnd"] > s for s, e in spans)
    )
    ids = out["annotations"][0]["quote"]["tokenIds"] if out["annotations"] else []
    assert ids == expected


def test_write_then_read_round_trips(tmp_path: Path, doc: dict[str, Any]) -> None:
    path = tmp_path / "x.json"
    write_document(path, doc)
    assert read_document(path) == doc
    assert "„" in path.read_text(encoding="utf-8")  # kept as UTF-8, not escaped


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a readable corpus JSON file"),
        ("[1, 2]", "expected a JSON object"),
        ('{"documentName": "x"}', "missing originalText, tokens"),
    ],
)
def test_bad_files_raise_one_line_input_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_spans_outside_the_text_are_rejected(doc: dict[str, Any]) -> None:
    doc["annotations"][0]["quote"]["spans"][0]["charEnd"] = 10_000
    with pytest.raises(InputError, match="outside the text"):
        gold_quotations(doc)


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        list(iter_corpus(tmp_path / "nope"))


def test_dev_split_round_trips_token_ids(quotation_dev: Path) -> None:
    for _, gold in iter_corpus(quotation_dev):
        text = gold["originalText"]
        quotations = gold_quotations(gold)
        for q in quotations:
            assert all(text[s:e] in q.quote.text for s, e in q.quote.spans)
        out = predicted_document(gold, quotations)
        for before, after in zip(gold["annotations"], out["annotations"], strict=True):
            for role in CORPUS_ROLES:
                assert after[role]["tokenIds"] == sorted(set(before[role]["tokenIds"]))
            assert (after["type"], after["medium"]) == (before["type"], before["medium"])
        json.dumps(out)
