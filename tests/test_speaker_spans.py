"""The edges of a chosen speaker span follow the corpus convention."""

from __future__ import annotations

import pytest

from zitat.quotations.speaker_candidates import Segment
from zitat.quotations.speaker_spans import addressee_after_name, edges


def tidy(words: list[str], sentence_starts: frozenset[int], span: Segment) -> Segment:
    """The chosen span with the corpus' edges (the first half of ``edges``)."""
    return edges(words, sentence_starts, span)[0]


def _tidy(text: str, chosen: str) -> str:
    words = text.split()
    first = text.split(chosen)[0].split()
    start = len(first)
    span = tidy(words, frozenset({0}), (start, start + len(chosen.split())))
    return " ".join(words[span[0] : span[1]])


@pytest.mark.parametrize(
    ("text", "chosen", "tidied"),
    [
        (
            "Wolfgang Hürter , Chef von SWB , nennt es so",
            "Wolfgang Hürter , Chef von SWB ,",
            "Wolfgang Hürter , Chef von SWB",
        ),
        (
            "Das isländische Fischereiministerium teilte mit",
            "isländische Fischereiministerium",
            "Das isländische Fischereiministerium",
        ),
        ("Ein Konvoi , dem die Polizei folgte", "dem die Polizei", "die Polizei"),
        (
            "so Kongress- und Verteidigungskreise .",
            "Kongress-",
            "Kongress- und Verteidigungskreise",
        ),
        ("Von der Leyen betonte das", "der Leyen", "Von der Leyen"),
        ("sagte er der Süddeutschen Zeitung", "er der Süddeutschen Zeitung", "er"),
        ("erklärten sie im Fachjournal PNAS", "sie im Fachjournal PNAS", "sie"),
        # no speaker ends in a preposition: the tagger's run went on into the next phrase
        (
            "hieß es nach Angaben aus Justizkreisen vom Montag",
            "Angaben aus Justizkreisen vom",
            "Angaben aus Justizkreisen",
        ),
        # nor opens with a weekday or an adverb of the Vorfeld
        (
            "teilte am Mittwoch ein Sprecher der Bahn mit",
            "Mittwoch ein Sprecher der Bahn",
            "ein Sprecher der Bahn",
        ),
        ("Zumindest Schmid sieht das so", "Zumindest Schmid", "Schmid"),
        # counter-example: a preposition inside the phrase stays
        (
            "sagte ein Sprecher des Krankenhauses in Herat",
            "ein Sprecher des Krankenhauses in Herat",
            "ein Sprecher des Krankenhauses in Herat",
        ),
    ],
)
def test_edges_follow_the_corpus(text: str, chosen: str, tidied: str) -> None:
    assert _tidy(text, chosen) == tidied


@pytest.mark.parametrize(
    ("text", "chosen"),
    [
        ("Ein Bericht von der Polizei sagt das", "der Polizei"),  # "von" inside the sentence
        ("Die Polizei sagte , die Lage sei ruhig", "Die Polizei"),  # already whole
        ("Er nannte die Kritik übertrieben", "Er"),
        ("der Sprecher sagte es", "der Sprecher"),
        ("Ihr Anwalt sagte es", "Ihr Anwalt"),  # a possessive, not the pronoun
        ("Einer der 13 Feuerwehrmänner sagte es", "Einer der 13 Feuerwehrmänner"),
        ("Von der Opposition kam Kritik", "der Opposition"),  # no "Von der Leyen"
        (
            "Roswitha Müller-Piepenkötter , die nordrhein-westfälische Justizministerin",
            "Roswitha Müller-Piepenkötter , die nordrhein-westfälische Justizministerin",
        ),
    ],
)
def test_spans_that_need_nothing_stay(text: str, chosen: str) -> None:
    assert _tidy(text, chosen) == chosen


def test_a_relative_clause_and_a_final_determiner_are_no_part_of_the_speaker() -> None:
    words = "Frank Sichau , der als Sprecher der Fraktion sagte".split()
    assert tidy(words, frozenset({0}), (0, 7)) == (0, 2)
    words = "ein Reporter des Senders das".split()
    assert tidy(words, frozenset({0}), (0, 5)) == (0, 4)
    # an apposition stays: "Celebi, die Anwältin der Frau", also with an adjective
    words = "Celebi , die Anwältin der Frau".split()
    assert tidy(words, frozenset({0}), (0, 6)) == (0, 6)
    words = "Albrecht Conze , der politische Direktor der UN-Mission".split()
    assert tidy(words, frozenset({0}), (0, 8)) == (0, 8)
    words = "Frank Sichau , der heute sagte".split()  # an adverb in -e: a relative clause
    assert tidy(words, frozenset({0}), (0, 6)) == (0, 2)


def test_the_addressee_after_a_name_is_cut_off_after_a_verb_of_saying() -> None:
    words = "sagte Staatsanwalt Jan Holzner der Welt am Sonntag .".split()
    assert addressee_after_name(words, (1, 8)) == (4, 8)
    assert tidy(words, frozenset({0}), (1, 8)) == (1, 4)
    # counter-examples: a genitive after a name with no verb of saying before it, and the
    # genitive object of "beschuldigen"
    words = "Angaben des Gouverneurs Nasser Baoum der Provinz Schabwa".split()
    assert addressee_after_name(words, (2, 8)) is None
    words = "beschuldigte Präsident Robert Mugabe der Vorbereitung eines Betrugs".split()
    assert addressee_after_name(words, (1, 8)) is None


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("sagte Habeck der Süddeutschen Zeitung .", "der Süddeutschen Zeitung"),
        ("sagte Merkel der Nachrichtenagentur dpa .", "der Nachrichtenagentur dpa"),
        ("sagte Habeck dem Spiegel .", "dem Spiegel"),
        ("sagte Johnson der britischen Zeitung Guardian .", "der britischen Zeitung Guardian"),
        # counter-examples: after a name alone "der" opens a genitive unless an outlet follows
        ("sagten Angehörige der Opfer .", None),
        ("sagten Teilnehmer der Demonstration .", None),
        ("sagte Sprecher der Polizei .", None),
    ],
)
def test_the_addressee_after_a_name_alone_is_an_outlet_or_a_dative(
    text: str, addressee: str | None
) -> None:
    words = text.split()
    found = addressee_after_name(words, (1, len(words) - 1))
    assert (None if found is None else " ".join(words[found[0] : found[1]])) == addressee


@pytest.mark.parametrize(
    ("text", "chosen", "tidied"),
    [
        (
            "Daher stoppte das Innenministerium die Maßnahme .",
            "das Innenministerium die Maßnahme",
            "das Innenministerium",
        ),
        ("Das sagte er der Wiener Zeitung die CIA .", "Wiener Zeitung die CIA", "Wiener Zeitung"),
        # counter-examples: a list after a comma, a genitive "der", a
        # capitalised article in a name, and a sentence's first word before an object
        (
            "Es sprachen die Gewerkschaft , die Partei und die Kirche .",
            "die Gewerkschaft , die Partei und die Kirche",
            None,
        ),
        ("Es sprach die Gewerkschaft der Polizei .", "die Gewerkschaft der Polizei", None),
        ("Es sprach die Partei Die Linke .", "die Partei Die Linke", None),
        ("Ist das Prinzip gut ?", "Ist das Prinzip", None),
    ],
)
def test_a_second_noun_phrase_is_no_part_of_the_speaker(
    text: str, chosen: str, tidied: str | None
) -> None:
    assert _tidy(text, chosen) == (tidied or chosen)
