"""Entity ids that stay stable across articles; the corpus alias index."""

from __future__ import annotations

from speakers_support import enrich, quotation
from zitat.schema import Entity, EntityKind, EntityRef
from zitat.speakers.identity import (
    ARTICLE_SCOPED_KINDS,
    CorpusLink,
    Target,
    article_scoped_id,
    canonical_name,
    corpus_link,
    entity_id,
    slug,
    surname_key,
    target_key,
)


def test_ids_ignore_initials_titles_case_and_umlauts() -> None:
    assert entity_id("Donald Trump", EntityKind.PERSON) == "per:donald-trump"
    assert entity_id("Donald J. Trump", EntityKind.PERSON) == "per:donald-trump"
    assert entity_id("Dr. Gülsen Çelebi", EntityKind.PERSON) == "per:guelsen-celebi"
    assert slug("GEWERKSCHAFT der Polizei") == "gewerkschaft-der-polizei"


def test_mentions_in_one_article_merge_to_the_longest_full_name() -> None:
    text = (
        "US-Präsident Donald Trump kam nach Berlin. Donald J. Trump lobte die Stadt. "
        "Trump sagte, er komme wieder."
    )
    result = enrich(text, [quotation(text, "0", "er komme wieder", "Trump", nth=3)])
    (trump,) = [e for e in result.entities if e.kind == "person"]
    assert (trump.id, trump.name) == ("per:donald-trump", "Donald J. Trump")
    assert {"Donald Trump", "Trump"} <= set(trump.aliases)
    assert len(trump.mentions) >= 3
    speaker = result.quotations[0].speaker.entity  # type: ignore[union-attr]
    assert speaker is not None and speaker.id == "per:donald-trump"
    assert speaker.role == "US-Präsident"


def test_two_people_sharing_a_surname_stay_apart() -> None:
    text = "Hillary Clinton traf Bill Clinton. Bill Clinton sagte, es sei ein guter Tag."
    result = enrich(text, [quotation(text, "0", "es sei ein guter Tag", "Bill Clinton", nth=2)])
    ids = sorted(e.id for e in result.entities if e.kind == "person")
    assert ids == ["per:bill-clinton", "per:hillary-clinton"]


def test_a_bare_surname_links_to_the_one_full_name_of_the_corpus() -> None:
    assert surname_key("Merkel", EntityKind.PERSON) == "merkel"
    assert surname_key("Merkel", EntityKind.ORGANISATION) == "merkel"  # "Merkel sagte …"
    assert surname_key("Angela Merkel", EntityKind.PERSON) is None
    assert surname_key("Deutsche Bahn", EntityKind.ORGANISATION) is None
    assert target_key("Dr. Angela Merkel", EntityKind.PERSON) == "merkel"
    assert target_key("Merkel", EntityKind.PERSON) is None
    # a lower-case last word is no surname: "der" does not join "Stimmen der"
    assert surname_key("der", EntityKind.ORGANISATION) is None
    assert target_key("Stimmen der", EntityKind.PERSON) is None
    assert target_key("Ursula von der Leyen", EntityKind.PERSON) == "leyen"

    merkel = Target("per:angela-merkel", "Angela Merkel")
    link = corpus_link("org:merkel", "Merkel", EntityKind.ORGANISATION, "a1", merkel)
    assert link == CorpusLink("per:angela-merkel", "Angela Merkel")
    bare = EntityRef("org:merkel", "Merkel", EntityKind.ORGANISATION, role="Kanzlerin")
    assert link.ref(bare) == EntityRef(
        "per:angela-merkel", "Angela Merkel", EntityKind.PERSON, role="Kanzlerin"
    )
    entity = link.entity(Entity("org:merkel", "Merkel", "organisation", aliases=["Merkels"]))
    assert (entity.id, entity.name, entity.kind) == ("per:angela-merkel", "Angela Merkel", "person")
    assert entity.aliases == ["Merkel", "Merkels"]
    # an organisation becomes a person only with a first name as evidence
    medien = Target("per:verschiedene-medien", "Verschiedene Medien")
    assert corpus_link("org:medien", "Medien", "organisation", "a1", medien).linked_name is None
    assert corpus_link("per:medien", "Medien", "person", "a1", medien).linked_name is not None
    # no full name, or two of them (Anna and Peter Schmidt): the bare name stays itself
    assert corpus_link("per:merkel", "Merkel", "person", "a1", None) == CorpusLink("per:merkel")
    full = corpus_link("per:angela-merkel", "Angela Merkel", "person", "a1", merkel)
    assert full == CorpusLink("per:angela-merkel")


def test_descriptions_are_entities_of_their_article_only() -> None:
    for kind in sorted(ARTICLE_SCOPED_KINDS):
        ident = entity_id("Augenzeugin", kind)
        first = corpus_link(ident, "Augenzeugin", kind, "a1", None)
        assert first == corpus_link(ident, "Augenzeugin", kind, "a1", None)
        assert first.entity_id.startswith(ident + "@")
        assert first != corpus_link(ident, "Augenzeugin", kind, "a2", None)
        assert first.entity_id == article_scoped_id(ident, "a1") != article_scoped_id(ident, "A1")
        assert article_scoped_id(first.entity_id, "a1") == first.entity_id  # read back, added again


def test_the_shown_name_is_the_longest_then_the_first_alphabetically() -> None:
    assert canonical_name(["Donald Trump", "Donald J. Trump", "Donald X. Trump"]) == (
        "Donald J. Trump"
    )
