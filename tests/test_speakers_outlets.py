"""News outlets: one entity per outlet whatever the case, inflection or cut of its name."""

from __future__ import annotations

from dataclasses import replace

import pytest

from speakers_support import enrich, quotation, span_of, speaker_names
from zitat.lang.de.lexicon import outlet
from zitat.schema import AnalysisResult, EntityMention, Quotation, Role
from zitat.speakers.entities import build_entities


def test_an_outlet_is_found_in_any_case_inflection_and_with_or_without_its_article() -> None:
    def name(words: str) -> str | None:
        found = outlet(words)
        return found.name if found is not None else None

    assert name("der Süddeutschen Zeitung") == "Süddeutsche Zeitung"
    assert name("Süddeutscher Zeitung") == "Süddeutsche Zeitung"
    assert name("Frankfurter Allgemeinen Zeitung") == "Frankfurter Allgemeine Zeitung"
    assert name("dem STANDARD") == name("Standard") == "Der Standard"
    assert name("des Spiegels") == "Der Spiegel"
    assert name("„Le Monde“") == "Le Monde"
    assert name("DPA") == "dpa"  # an acronym is a name of its own, not "Deutsche Presse-Agentur"
    assert name("Times") == name("der Times") == "The Times"  # not "Time", whose key it shares
    assert name("Time") == "Time"


def test_common_words_and_generic_media_nouns_name_no_outlet() -> None:
    for name in ("Presse", "die Presse", "Zeitung", "Tageszeitung", "Heute", "Krone", "Welt Bank"):
        assert outlet(name) is None, name


def _entities(text: str, *mentions: tuple[str, str] | tuple[str, str, int]) -> dict[str, str]:
    """Entities of ``text`` from mentions given as (surface, label) or (surface, label, n)
    for the n-th occurrence of the surface."""
    found = []
    for surface, label, *nth in mentions:
        start = -1
        for _ in range(nth[0] if nth else 1):
            start = text.index(surface, start + 1)
        found.append(EntityMention(start, start + len(surface), label, surface))
    return {e.name: e.kind for e in build_entities(found, text)}


def test_inflected_mentions_of_an_outlet_are_one_organisation() -> None:
    text = (
        "„Wir gehen“, sagte Peter Huber der Süddeutschen Zeitung. Die Süddeutsche Zeitung "
        "berichtete auch, dem STANDARD liege ein Brief vor. Der Kurier schwieg."
    )
    entities = _entities(
        text,
        ("Peter Huber", "PER"),
        ("Süddeutschen Zeitung", "ORG"),
        ("Süddeutsche Zeitung", "ORG"),
        ("STANDARD", "ORG"),
        ("Kurier", "PER"),  # the tagger's person: an outlet
    )
    assert entities == {
        "Peter Huber": "person",
        "Süddeutsche Zeitung": "organisation",
        "Der Standard": "organisation",
        "Kurier": "organisation",
    }


def test_a_name_cut_by_the_name_finder_is_completed_from_the_text() -> None:
    text = "Das sagte er der Welt am Sonntag. Auch Spiegel Online und die Welt berichteten."
    entities = _entities(text, ("Welt", "ORG"), ("Spiegel", "ORG"), ("Welt", "ORG", 2))
    assert entities == {
        "Welt am Sonntag": "organisation",
        "Spiegel Online": "organisation",
        "Die Welt": "organisation",  # "Welt berichteten" names no longer outlet
    }


def test_a_surname_that_is_also_a_title_stays_the_person() -> None:
    text = "Der Autor Fritz Stern kam. Stern sagte, er sei müde."
    entities = _entities(text, ("Fritz Stern", "PER"), ("Stern sagte", "PER"))
    assert entities.get("Fritz Stern") == "person"
    assert "Stern" not in entities


def _resolved(text: str, said: list[Quotation], *tagged: tuple[str, str]) -> AnalysisResult:
    """The entities and speakers enrichers over ``said`` with the tagger's mentions
    ``tagged`` (surface, label; first occurrences)."""
    mentions = [EntityMention(*span_of(text, surface), label, surface) for surface, label in tagged]
    return enrich(text, said, mentions=mentions)


@pytest.mark.parametrize(
    ("text", "said", "tagged", "expected"),
    [
        (
            "Der Standard berichtete über den Plan. Laut der Zeitung soll er bald kommen. Laut "
            "der Zeitung „Le Monde“ bleibt es offen.",
            [("soll er bald kommen", "der Zeitung"), ("bleibt es offen", "der Zeitung „Le Monde“")],
            [("Standard", "ORG")],
            ["Der Standard", "Le Monde"],  # counter-example: a named outlet is that one
        ),
        (
            "Der Guardian und die BBC berichteten über die Firma. Cameron habe Anteile gehalten, "
            "schrieb die Zeitung. Das sei legal, meldete der Sender.",
            [("Cameron habe Anteile gehalten", "die Zeitung"), ("Das sei legal", "der Sender")],
            [("Guardian", "ORG"), ("BBC", "ORG")],
            ["Guardian", "BBC"],  # the latest outlet of the noun's kind
        ),
    ],
)
def test_a_bare_medium_noun_means_the_latest_outlet_of_its_kind_in_any_role(
    text: str, said: list[tuple[str, str]], tagged: list[tuple[str, str]], expected: list[str]
) -> None:
    quotations = [quotation(text, str(k), *pair) for k, pair in enumerate(said)]
    result = _resolved(text, quotations, *tagged)
    assert speaker_names(result) == [(name, "organisation") for name in expected]


def test_a_bare_medium_noun_means_the_outlet_whose_name_the_addressee_span_cut() -> None:
    """The addressee span "der Welt" stops before "am Sonntag": it is still that outlet, and
    so is the later "laut Zeitung"; not the newspaper "Die Welt"."""
    text = (
        "„Wir gehen davon aus“, sagte Staatsanwalt Jan Holzner der Welt am Sonntag. Die "
        "Anklageschrift umfasst laut Zeitung 270 Seiten."
    )
    told = replace(
        quotation(text, "0", "Wir gehen davon aus", "Jan Holzner"),
        addressee=Role.from_spans(text, [span_of(text, "der Welt")]),
    )
    said = [told, quotation(text, "1", "270 Seiten", "Zeitung")]
    result = _resolved(text, said, ("Jan Holzner", "PER"), ("Welt", "ORG"))  # the tagger's cut
    addressee = result.quotations[0].addressee
    assert addressee is not None and addressee.entity is not None
    assert addressee.entity.name == "Welt am Sonntag"
    assert speaker_names(result) == [
        ("Jan Holzner", "person"),
        ("Welt am Sonntag", "organisation"),
    ]
