"""What counts as a fragment: a few words without quotation marks."""

from __future__ import annotations

import pytest

from zitat.quotations.fragments import is_fragment, is_marked, is_quoted_name, quote_words
from zitat.text.tokenize import split_sentences


def _span(text: str, part: str) -> list[tuple[int, int]]:
    start = text.index(part)
    return [(start, start + len(part))]


def test_fragments_are_short_and_unmarked() -> None:
    text = "Er nannte das „ganz schlecht“, auch Trump wird kommen."
    assert quote_words(text, _span(text, "auch Trump wird")) == 3
    assert is_fragment(text, _span(text, "auch Trump wird"))
    assert not is_fragment(text, _span(text, "auch Trump wird kommen"))
    assert is_marked(text, _span(text, "ganz schlecht")) and is_marked(text, _span(text, "„ganz"))
    assert not is_fragment(text, _span(text, "ganz schlecht"))


@pytest.mark.parametrize(
    ("text", "quote", "name"),
    [
        ("Er sagte dem „Spiegel“, er gehe.", "„Spiegel“", True),
        ("Das schrieb die «Neue Zürcher Zeitung».", "«Neue Zürcher Zeitung»", True),
        ("Laut der „Bild“-Zeitung ist das falsch.", "„Bild“", True),
        ('Das sagte er im Ö1-"Morgenjournal".', '"Morgenjournal"', True),
        ("Das sagte er im „Standard“.", "„Standard“", True),
        ("Das sagte er der „Bild am Sonntag“.", "„Bild am Sonntag“", True),
        ("Er sitzt wegen des „Aufrufs zu Subversion“ in Haft.", "„Aufrufs zu Subversion“", False),
        # counter-examples: a quoted word after "den" or "als", lower-case or long quotes
        ("Er kämpfe gegen den „Terrorismus“ in der Region.", "„Terrorismus“", False),
        ("Er nannte sie als „Gesindel“.", "„Gesindel“", False),
        ("Er sprach im „kleinen Kreis“ davon.", "„kleinen Kreis“", False),
        ("Er sprach von der „schönsten Stadt“.", "„schönsten Stadt“", False),
        ("Es blieb das „Wir Schaffen Das Schon Noch“.", "„Wir Schaffen Das Schon Noch“", False),
    ],
)
def test_a_name_in_marks_after_an_article_is_no_quotation(
    text: str, quote: str, name: bool
) -> None:
    assert is_quoted_name(text, _span(text, quote)) is name


def test_a_short_first_person_statement_after_a_label_is_whole() -> None:
    text = "Merkel: Wir schaffen das. Die Bilanz: drei Tote. Er sagte: das geht."
    assert not is_fragment(text, _span(text, "Wir schaffen das."))
    assert is_fragment(text, _span(text, "drei Tote."))  # a colon, but no one speaks
    assert is_fragment(text, _span(text, "das geht."))  # no first person
    assert is_fragment(text, _span(text, "schaffen das."))  # not right after the colon


def test_a_short_clause_closing_its_sentence_after_a_comma_is_whole() -> None:
    text = "Der Minister sagte, er werde zurücktreten. Die Ziele, die bis 2030 geschafft werden."
    assert not is_fragment(text, _span(text, "er werde zurücktreten"))
    assert is_fragment(text, _span(text, "geschafft werden"))  # cut from its clause
    assert is_fragment(text, _span(text, "er werde"))  # the sentence goes on


def test_an_ordinal_before_a_noun_ends_no_sentence() -> None:
    text = "Im 3. Quartal des 21. Jahrhunderts sank der Absatz. Dann stieg er."
    assert len(split_sentences(text)) == 2


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Das hieß es aus dem Büro des zuständigen LHStv. Thomas Stelzer (ÖVP). Gut.", 2),
        ("Bgm. Michael Ludwig und Ing. Peter Huber, geb. Maier, kamen. Dann gingen sie.", 2),
        # counter-examples: a verb, or an abbreviation's letters ending a longer word
        ("Er tut, was er mag. Dann geht er.", 2),
        ("Sie kam vom Meeting. Dann ging sie.", 2),
    ],
)
def test_titles_before_austrian_names_end_no_sentence(text: str, sentences: int) -> None:
    assert len(split_sentences(text)) == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Es geht bergauf, meinte Gruber, der die 15. Laufzeit verzeichnet hatte. Dann ging er.",
            2,
        ),
        ("Er feierte mit seinem 60. Geburtstag. Dann ging er.", 2),
        ("Später setzte er ein 13. Monatsgehalt durch. Dann ging er.", 2),
        ("Hertha BSC spielt gegen den 1. FC Köln. Dann ging er.", 2),
        # counter-examples: a number after a verb or noun may end its sentence
        ("Sie wurde 15. Der Rest fiel zurück.", 2),
        ("Das Spiel endete 2:1. Der Trainer war froh.", 2),
    ],
)
def test_a_number_after_an_article_is_an_ordinal(text: str, sentences: int) -> None:
    assert len(split_sentences(text)) == sentences


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Wien – Der Bürgermeister sagte, die Stadt sei bereit.", "Wien –"),
        ("Es regnet. Addis Abeba/Bujumbura – Die AU zieht ab.", "Es regnet."),
        ("Es regnet. Wien/Linz – Die Kammer dementiert.", "Es regnet."),
        # counter-examples: a dash inside the sentence, or before a lower-case word
        ("Merkel – die Kanzlerin – sagte, es gehe.", "Merkel – die Kanzlerin – sagte, es gehe."),
        ("Der Minister – Sozialdemokrat – sagte nichts.", None),
    ],
)
def test_a_dateline_is_a_sentence_of_its_own(text: str, first: str | None) -> None:
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    if first is None:
        assert sentences == [text]
    else:
        assert sentences[0] == first
    if "Addis" in text or "Linz" in text:
        assert sentences[1].endswith("–") and len(sentences) == 3
