"""The analysis reads quotation marks of any style as „…“ and hard-wrapped lines as running
text, in a copy of the same length, while spans still slice the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zitat.evaluation.variants import rewrap
from zitat.lang.de.punctuation import QUOTE_MARKS
from zitat.pipeline import analyze
from zitat.text.document import ParsedText
from zitat.text.quotemarks import normalize_quote_marks
from zitat.text.wraps import unwrap_lines

GERMAN = "Er sagte: „Wir schaffen das.“ Dann ging er."


@pytest.mark.parametrize(
    ("opening", "closing"),
    [('"', '"'), ("»", "«"), ("«", "»"), ("‚", "‘"), ("›", "‹"), ("‹", "›"), ("“", "”")],
)
def test_every_style_reads_as_german(opening: str, closing: str) -> None:
    styled = GERMAN.replace("„", opening).replace("“", closing)
    assert normalize_quote_marks(styled) == GERMAN


def test_inner_quotes_become_single_marks_and_german_text_is_unchanged() -> None:
    assert (
        normalize_quote_marks('Er: "Sie sagte "nein" dazu" ok') == "Er: „Sie sagte ‚nein‘ dazu“ ok"
    )
    assert (
        normalize_quote_marks("»Das ist ›falsch‹«, sagte sie.") == "„Das ist ‚falsch‘“, sagte sie."
    )
    german = "„Wir ‚schaffen‘ das“, sagte sie. „People's Party“ und „geht’s“."
    assert normalize_quote_marks(german) == german


@pytest.mark.parametrize(
    "text",
    [
        "Andreas' Buch und D'Alema, geht's, O’Leary.",
        "Er ging ins Campus' Westend.",
        "Kindern''(sic!)''.",
        "Geändert: 'Arbeitgeber' zahlen weniger.",
    ],
)
def test_apostrophes_stay(text: str) -> None:
    assert normalize_quote_marks(text) == text


def test_quotes_do_not_pair_across_paragraphs() -> None:
    text = '"Erster Absatz ohne Ende.\n\n"Zweiter Absatz", sagte er.'
    assert normalize_quote_marks(text) == "„Erster Absatz ohne Ende.\n\n„Zweiter Absatz“, sagte er."


def test_wrapped_lines_read_as_running_text() -> None:
    paragraph = (
        "Die Ministerin sagte am Montag in Berlin, man werde die Lage sehr genau prüfen und "
        "dann entscheiden. Die Opposition kritisierte das Vorgehen der Regierung scharf und "
        "verlangte eine Debatte im Parlament noch in dieser Woche."
    )
    text = paragraph + "\n\n" + paragraph
    wrapped = rewrap(text, 50)
    assert wrapped.count("\n") > 6 and len(wrapped) == len(text)
    assert unwrap_lines(wrapped) == text


def test_short_lines_are_not_unwrapped() -> None:
    text = "Erste Zeile.\nZweite Zeile hier.\nDritte.\nVierte Zeile ist das."
    assert unwrap_lines(text) == text


def test_spans_slice_the_original_text() -> None:
    text = "Sie sagte: «Wir bleiben hier, egal was kommt.» Dann ging sie nach Hause."
    doc = ParsedText.from_text(text)
    assert doc.text == text and len(doc.normalized) == len(text)
    assert "„" in [t.text for t in doc.tokens]
    result = analyze(text, model="rules")
    (quotation,) = result.quotations
    assert quotation.quote.text == "«Wir bleiben hier, egal was kommt.»"
    for start, end in quotation.quote.spans:
        assert text[start:end] in quotation.quote.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=list("„“”\"»«‚‘’'›‹ab .,\n"), max_size=80))
def test_normalising_changes_only_marks_and_line_breaks(text: str) -> None:
    marks = normalize_quote_marks(text)
    assert len(marks) == len(text)
    assert all(
        a == b or (a in QUOTE_MARKS and b in "„“‚‘") for a, b in zip(text, marks, strict=True)
    )
    unwrapped = unwrap_lines(text)
    assert len(unwrapped) == len(text)
    assert all(a == b or (a == "\n" and b == " ") for a, b in zip(text, unwrapped, strict=True))
