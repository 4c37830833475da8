"""Candidate mentions and entity names (issue 15): no entity is named by a closed-class word,
one character or a fragment; role descriptions find the person the article names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speakers_support import enrich, quotation
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import Article, EntityKind, EntityMention, EntityRef
from zitat.speakers.antecedents import HORIZON, Candidate, nearest_first
from zitat.speakers.entities import EntitiesEnricher
from zitat.speakers.mentions import clean_mentions, is_entity_name, junk_names
from zitat.text.document import ParsedText

ROOT = Path(__file__).resolve().parents[1]


def tagged(text: str, *parts: tuple[str, str]) -> list[EntityMention]:
    """Mentions as a tagger gives them: (label, substring) in text order."""
    found, start = [], 0
    for label, part in parts:
        start = text.index(part, start)
        found.append(EntityMention(start, start + len(part), label, part))
        start += 1
    return found


def cleaned(text: str, *parts: tuple[str, str]) -> list[tuple[str, str]]:
    result = clean_mentions(tagged(text, *parts), ParsedText.from_text(text))
    for m in result:
        assert text[m.start : m.end] == m.text
    return [(m.label, m.text) for m in result]


def test_entity_names_are_never_closed_class_words_or_single_characters() -> None:
    for junk in (
        "die",
        "Der",
        "Es",
        "Ich",
        "Zumindest",
        "de",
        "„",
        "x",
        "-",
        "und die",
        "Kongress-",
        "Van",
        "De",
    ):
        assert not is_entity_name(junk), junk
    for name in (
        "Angela Merkel",
        "de Maizière",
        "n24",
        "BBC News",
        "Die Linke",
        "USA",
        "Van der Bellen",
        "Al Gore",
        "Le Pen",
    ):
        assert is_entity_name(name), name


def test_tagger_mentions_are_trimmed_to_their_names() -> None:
    text = "Der Flughafenmanager Vedat Muftuoglu sagte, Ein Reporter und der New York Times."
    assert cleaned(
        text,
        ("PER", "Der Flughafenmanager Vedat Muftuoglu"),
        ("PER", "Ein"),
        ("ORG", "der New York Times"),
    ) == [("PER", "Vedat Muftuoglu"), ("ORG", "New York Times")]
    text = "Wolfgang Schäuble (CDU) widersprach."
    assert cleaned(text, ("ORG", "Wolfgang Schäuble (CDU")) == [("ORG", "Wolfgang Schäuble")]


def test_descriptions_and_punctuation_are_no_mentions_but_organisation_nouns_are() -> None:
    text = "Nach Aussagen der Anwältin „ sprach die Polizei."
    assert cleaned(
        text, ("PER", "Aussagen"), ("ORG", "Anwältin"), ("MISC", "„"), ("ORG", "Polizei")
    ) == [("ORG", "Polizei")]


def test_split_names_join_and_place_genitives_before_a_role_drop() -> None:
    text = "Felipe Calderón und Mexikos Innenminister Francisco Ramirez reisten."
    assert cleaned(
        text,
        ("PER", "Felipe"),
        ("PER", "Calderón"),
        ("PER", "Mexikos"),
        ("PER", "Francisco Ramirez"),
    ) == [("PER", "Felipe Calderón"), ("PER", "Francisco Ramirez")]
    # two people side by side are not joined; a middle name after a first name is
    text = "Gestern traf Angela Merkel Emmanuel Macron, Hans Werner Sinn und Jean Paul."
    assert cleaned(
        text,
        ("PER", "Angela Merkel"),
        ("PER", "Emmanuel Macron"),
        ("PER", "Hans"),
        ("PER", "Werner Sinn"),
    ) == [("PER", "Angela Merkel"), ("PER", "Emmanuel Macron"), ("PER", "Hans Werner Sinn")]
    # counter-example: a genitive before a statement noun stays a person ("Celebis Angaben")
    text = "Nach Celebis Angaben sei es so."
    assert cleaned(text, ("PER", "Celebis")) == [("PER", "Celebis")]


def test_a_role_noun_after_a_first_name_is_a_surname() -> None:
    text = "Gerhard Richter, Franz Beckenbauer und der Richter Klaus sprachen."
    # counter-example: a role noun before the name is still no part of it
    assert cleaned(
        text, ("PER", "Gerhard Richter"), ("PER", "Franz Beckenbauer"), ("PER", "Richter Klaus")
    ) == [("PER", "Gerhard Richter"), ("PER", "Franz Beckenbauer"), ("PER", "Klaus")]


def test_two_surnames_tagged_as_one_person_are_the_two_persons_named_before() -> None:
    text = (
        "Heinz Mayer und Hans Peter Doskozil stritten. Danach hat Mayer Doskozil geklagt. "
        "Dann kam Peter Doskozil."
    )
    assert cleaned(
        text,
        ("PER", "Heinz Mayer"),
        ("PER", "Hans Peter Doskozil"),
        ("PER", "Mayer Doskozil"),
        ("PER", "Peter Doskozil"),
    ) == [
        ("PER", "Heinz Mayer"),
        ("PER", "Hans Peter Doskozil"),
        ("PER", "Mayer"),
        ("PER", "Doskozil"),
        ("PER", "Peter Doskozil"),  # counter-example: a first name and a surname
    ]
    # counter-example: without two full names the pair stays one person
    text = "Danach hat Mayer Doskozil geklagt."
    assert cleaned(text, ("PER", "Mayer Doskozil")) == [("PER", "Mayer Doskozil")]


def speaker_of(text: str, quote: str, speaker: str, nth: int = 1) -> tuple[str, str] | None:
    result = enrich(text, [quotation(text, "q", quote, speaker, nth)])
    entity = result.quotations[0].speaker.entity  # type: ignore[union-attr]
    return None if entity is None else (entity.kind.value, entity.name)


def test_a_first_name_is_never_cut_from_the_full_name() -> None:
    text = (
        "Sein Parteikollege Michele Romagnolo sagte, die Lage sei ernst. "
        "Romagnolo sagte später, man werde kämpfen."
    )
    assert speaker_of(text, "die Lage sei ernst", "Sein Parteikollege Michele Romagnolo") == (
        "person",
        "Michele Romagnolo",
    )
    assert speaker_of(text, "man werde kämpfen", "Romagnolo", 2) == ("person", "Michele Romagnolo")
    text = "Felipe Calderón kam. Felipe sagte, es sei ernst."
    result = enrich(text, [])
    result.mentions = tagged(text, ("PER", "Felipe Calderón"), ("PER", "Felipe"))
    result = EntitiesEnricher()(result, ParsedText.from_text(text))
    assert [e.name for e in result.entities] == ["Felipe Calderón"]


def test_role_nouns_refer_back_to_the_named_person() -> None:
    text = (
        "Der ukrainische Staatschef Wolodymyr Selenskyj reiste nach Berlin. "
        "Der 44-jährige Staatschef sagte, die Hilfe komme zu spät."
    )
    assert speaker_of(text, "die Hilfe komme zu spät", "Der 44-jährige Staatschef") == (
        "person",
        "Wolodymyr Selenskyj",
    )
    text = "Die Präsidentin des Verbands Cinzia Franchini sagte, die Preise seien zu hoch."
    assert speaker_of(
        text, "die Preise seien zu hoch", "Präsidentin des Verbands Cinzia Franchini"
    ) == ("person", "Cinzia Franchini")
    text = "Angela Merkel besuchte Paris. Die CDU-Vorsitzende sagte, Europa müsse zusammenhalten."
    assert speaker_of(text, "Europa müsse zusammenhalten", "Die CDU-Vorsitzende") == (
        "person",
        "Angela Merkel",
    )
    text = "Peter Müller wurde festgenommen. Der 44-Jährige sagte, er sei unschuldig."
    assert speaker_of(text, "er sei unschuldig", "Der 44-Jährige") == ("person", "Peter Müller")
    text = (
        "Jeremy Corbyn gab nur wenige Interviews. Der langjährige Hinterbänkler sagte, er sei "
        "kein Freund der Medien."
    )
    assert speaker_of(text, "er sei kein Freund der Medien", "Der langjährige Hinterbänkler") == (
        "person",
        "Jeremy Corbyn",
    )
    text = "Peter Hiddink blieb gelassen. Der 69-jährige Trainer sagte, man werde gewinnen."
    assert speaker_of(text, "man werde gewinnen", "Der 69-jährige Trainer") == (
        "person",
        "Peter Hiddink",
    )


def test_role_nouns_do_not_refer_back_where_the_article_does_not_say_so() -> None:
    # a spokesman after a named suspect is someone new; a male role is not a named woman
    text = "Peter Müller wurde festgenommen. Der Polizeisprecher sagte, er sei geständig."
    assert speaker_of(text, "er sei geständig", "Der Polizeisprecher") == (
        "anonymous",
        "Polizeisprecher (anonym)",
    )
    text = "Anna Schmidt wurde gewählt. Der SPD-Politiker sagte, es sei ein Fehler."
    assert speaker_of(text, "es sei ein Fehler", "Der SPD-Politiker") == (
        "anonymous",
        "SPD-Politiker (anonym)",
    )
    # a country's office describes someone new
    text = "Peter Müller traf Paris. Der französische Präsident sagte, es sei ein Erfolg."
    assert speaker_of(text, "es sei ein Erfolg", "Der französische Präsident") == (
        "anonymous",
        "französische Präsident (anonym)",
    )
    # a role noun followed by one capitalised word is no name ("Präsident Frankreichs")
    text = "Der Innenminister Frankreichs sagte, die Lage sei ruhig."
    assert speaker_of(text, "die Lage sei ruhig", "Der Innenminister Frankreichs") == (
        "anonymous",
        "Innenminister Frankreichs (anonym)",
    )


def test_abstract_nouns_nominalised_verbs_and_places_are_no_speakers() -> None:
    assert (
        speaker_of(
            "Dem Vernehmen nach soll der Vertrag platzen.",
            "soll der Vertrag platzen",
            "Dem Vernehmen",
        )
        is None
    )
    assert (
        speaker_of(
            "Der CO2-Ausstoß zeige, dass es eng werde.", "dass es eng werde", "Der CO2-Ausstoß"
        )
        is None
    )
    # counter-example: a party named by one plural word stays an organisation
    text = "Die Grünen kritisierten, der Plan sei teuer."
    assert speaker_of(text, "der Plan sei teuer", "Die Grünen") == ("organisation", "Grünen")
    # counter-examples: bodies whose nouns end like abstractions stay organisations
    for body in ("Die Regierung", "Die Stadtverwaltung", "Die Universität", "Das Bündnis"):
        text = f"{body} erklärte, der Plan sei teuer."
        assert speaker_of(text, "der Plan sei teuer", body) == ("organisation", body[4:]), body
    text = "Nach Angaben der Verwaltung sollen neue Wege entstehen."
    assert speaker_of(text, "sollen neue Wege entstehen", "Angaben der Verwaltung") == (
        "organisation",
        "Verwaltung",
    )


def test_a_tagged_place_speaks_only_when_it_is_a_state() -> None:
    def place(text: str, name: str) -> tuple[str, str] | None:
        said = [quotation(text, "q", "die Bank sei stabil", name)]
        result = enrich(text, said, mentions=tagged(text, ("LOC", name)))
        entity = result.quotations[0].speaker.entity  # type: ignore[union-attr]
        return None if entity is None else (entity.kind.value, entity.name)

    assert place("Zürich erklärte, die Bank sei stabil.", "Zürich") is None
    assert place("Island erklärte, die Bank sei stabil.", "Island") == ("organisation", "Island")


def test_candidates_come_nearest_first_within_the_horizon() -> None:
    def cand(position: int, name: str, speaker: bool = False) -> Candidate:
        return Candidate(position, EntityRef(name, name, EntityKind.PERSON), 0, speaker)

    speakers = [cand(10, "a", True), cand(50, "b", True)]
    mentions = [cand(5, "c"), cand(50, "d"), cand(70, "e"), cand(HORIZON + 200, "f")]
    order = [c.ref.id for c in nearest_first(speakers, mentions, 60)]
    assert order == ["b", "d", "a", "c"]  # a speaker before a mention at the same place
    assert [c.ref.id for c in nearest_first(speakers, mentions, HORIZON + 20)] == ["e", "b", "d"]


def bundled_texts() -> list[Article]:
    articles = [
        Article(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "examples").glob("*.txt"))
    ]
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        articles.append(Article(path.stem, doc["originalText"]))
    return articles


@pytest.mark.parametrize("model", ["rules", "learned"])
def test_no_entity_of_the_bundled_examples_is_named_by_junk(model: str) -> None:
    articles = bundled_texts()
    assert len(articles) >= 4
    pipeline = Pipeline(PipelineConfig(model=model))
    results = list(pipeline.analyze_many(articles))
    assert sum(len(r.entities) for r in results) > 5
    assert [name for r in results for name in junk_names(r)] == []


def test_a_broken_off_speaker_span_is_read_to_its_noun() -> None:
    text = "Nach Angaben von n24 sind die Gruppen mobil."
    assert speaker_of(text, "sind die Gruppen mobil", "Angaben von") == ("organisation", "n24")
    # counter-example: a span that ends in its noun is read as it is
    text = "Nach Angaben der Polizei von Lyon sind die Gruppen mobil."
    assert speaker_of(text, "sind die Gruppen mobil", "Angaben der Polizei") == (
        "organisation",
        "Polizei",
    )


def test_an_organisation_name_ends_where_its_description_begins() -> None:
    text = "Die Polizei von weniger Orten sprach, es sei ruhig."
    assert speaker_of(text, "es sei ruhig", "Die Polizei von weniger Orten") == (
        "organisation",
        "Polizei",
    )
    for name in (
        "Schutzvereinigung für Wertpapierbesitz",
        "Pressedienst des brasilianischen Außenministeriums",
    ):
        text = f"Der {name} sagte, es sei ruhig."
        assert speaker_of(text, "es sei ruhig", f"Der {name}") == ("organisation", name)
