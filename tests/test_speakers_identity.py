"""Entity ids that stay stable across articles; the corpus alias index."""

from __future__ import annotations

from speakers_support import enrich, quotation
from zitat.schema import EntityKind
from zitat.speakers.identity import EntityIndex, entity_id, slug


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


def test_corpus_index_links_a_surname_only_when_unambiguous() -> None:
    index = EntityIndex()
    first = enrich(
        "Kanzlerin Angela Merkel reiste ab. Merkel sagte, alles sei gut.",
        [],
    )
    index.observe(first)
    later_text = "Merkel sagte, der Gipfel sei gelungen."
    later = enrich(later_text, [quotation(later_text, "0", "der Gipfel sei gelungen", "Merkel")])
    unlinked = later.quotations[0].speaker.entity  # type: ignore[union-attr]
    assert unlinked is not None and unlinked.id != "per:angela-merkel"  # the article alone
    index.link(later)
    speaker = later.quotations[0].speaker.entity  # type: ignore[union-attr]
    assert speaker is not None and (speaker.id, speaker.name) == (
        "per:angela-merkel",
        "Angela Merkel",
    )

    index.add("Hans Merkel", EntityKind.PERSON)  # now two Merkels: no guessing
    other_text = "Merkel sagte, es gehe weiter."
    other = enrich(other_text, [quotation(other_text, "0", "es gehe weiter", "Merkel")])
    before = [e.id for e in other.entities]
    index.link(other)
    assert [e.id for e in other.entities] == before
    assert index.resolve("Merkel", EntityKind.PERSON) == "Merkel"
