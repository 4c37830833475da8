"""Searching the store: German-aware words, speakers, filters, paging and hostile input."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_store_data import PEOPLE, as_stored, make_result
from zitat.errors import InputError
from zitat.store import SearchQuery, Store

N_ARTICLES = 12  # two quotations each, speakers rotating over the four PEOPLE


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("search") / "corpus.db"
    with Store.open(path) as opened:
        for number in range(N_ARTICLES):
            opened.add_result(make_result(number, source="taz" if number % 3 else "FAZ"))
        yield opened


def _expected(predicate: object) -> int:
    """How many made quotations satisfy ``predicate(result, quotation)``, counted directly."""
    return sum(
        1
        for number in range(N_ARTICLES)
        for result in [as_stored(make_result(number))]
        for q in result.quotations
        if predicate(result, q)  # type: ignore[operator]
    )


@pytest.mark.parametrize(
    ("words", "needle"),
    [
        ("Straße", "Straße"),
        ("strasse", "Straße"),
        ("STRASSE", "Straße"),
        ("größer", "größer"),
        ("groesser", "größer"),
        ("GRÖSSER", "größer"),
        ("klimaschutz vorrang", "Klimaschutz hat Vorrang"),
    ],
)
def test_words_are_found_whatever_the_case_umlauts_or_sharp_s(
    store: Store, words: str, needle: str
) -> None:
    expected = _expected(lambda r, q: needle in q.quote.text)
    assert expected > 0
    page = store.search(SearchQuery(text=words, limit=100))
    assert page.total == expected
    assert all(needle in hit.quotation.quote.text for hit in page.hits)


def test_all_words_must_occur(store: Store) -> None:
    assert store.search(SearchQuery(text="Klimaschutz Herbst")).total == 0


@pytest.mark.parametrize(
    ("speaker", "name"),
    [
        ("Merkel", "Angela Merkel"),
        ("angela merkel", "Angela Merkel"),
        ("Kanzlerin", "Angela Merkel"),
        ("Mueller", "Jürgen Müller"),
        ("JÜRGEN", "Jürgen Müller"),
        ("Sprecher Ministeriums", "Sprecher des Ministeriums (anonym)"),
    ],
)
def test_speakers_are_found_by_mention_name_or_alias(store: Store, speaker: str, name: str) -> None:
    expected: Counter[str] = Counter(
        q.speaker.entity.id
        for number in range(N_ARTICLES)
        for q in as_stored(make_result(number)).quotations
        if q.speaker is not None and q.speaker.entity is not None and q.speaker.entity.name == name
    )
    page = store.search(SearchQuery(speaker=speaker, limit=100))
    assert page.total == expected.total() > 0
    assert {hit.quotation.speaker.entity.id for hit in page.hits if hit.quotation.speaker} == set(
        expected
    )
    for entity_id, n in expected.items():
        assert store.search(SearchQuery(entity_id=entity_id)).total == n


def test_filters_combine(store: Store) -> None:
    query = SearchQuery(
        type="indirect", source="faz", speaker_kind="PERSON", date_from="2024-02", limit=100
    )
    expected = _expected(
        lambda r, q: (
            int(r.document.id[1:]) % 3 == 0  # the FAZ articles
            and q.type.value == "Indirect"
            and q.speaker.entity.kind.value == "person"
            and q.when.date >= "2024-02-01"
        )
    )
    page = store.search(query)
    assert page.total == expected > 0
    assert all(hit.source == "FAZ" and hit.quotation.type.value == "Indirect" for hit in page.hits)


def test_date_range_is_inclusive_at_both_ends(store: Store) -> None:
    page = store.search(SearchQuery(date_from="2024-03", date_to="2024-04", limit=100))
    dates = sorted(hit.date or "" for hit in page.hits)
    assert dates and dates[0] >= "2024-03-01" and dates[-1] <= "2024-04-30"
    assert page.total == _expected(lambda r, q: "2024-03" <= q.when.date[:7] <= "2024-04")


def test_pages_cover_every_hit_once_newest_first(store: Store) -> None:
    total = store.search(SearchQuery()).total
    assert total == 2 * N_ARTICLES
    seen = []
    for offset in range(0, total, 5):
        page = store.search(SearchQuery(limit=5, offset=offset))
        assert page.total == total
        seen.extend(page.hits)
    keys = [(hit.article_id, hit.quotation.id) for hit in seen]
    assert len(set(keys)) == total
    dates = [hit.date for hit in seen]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        '"Straße',
        "Straße OR Wetter",
        "NEAR(Straße Wetter)",
        "quote: Straße",
        "{speaker}: Merkel",
        "Stra*",
        "^Straße",
        "'; DROP TABLE quotations; --",
        "1) OR 1=1 --",
        "\x00",
        "-Straße",
        "AND",
    ],
)
def test_hostile_search_strings_are_literal_words(store: Store, hostile: str) -> None:
    for query in (SearchQuery(text=hostile), SearchQuery(speaker=hostile)):
        page = store.search(query)
        assert page.total <= 2 * N_ARTICLES
    assert store.search(SearchQuery()).total == 2 * N_ARTICLES  # nothing was dropped


def test_operators_do_not_widen_a_search(store: Store) -> None:
    assert store.search(SearchQuery(text="Straße OR Wetter")).total == 0  # "or" is a word here
    assert store.search(SearchQuery(text="Stra*")).total == 0  # no prefix search
    straße = store.search(SearchQuery(text="Straße")).total
    assert store.search(SearchQuery(text='"Straße"')).total == straße


def test_empty_words_mean_no_filter_and_punctuation_matches_nothing(store: Store) -> None:
    everything = store.search(SearchQuery()).total
    assert store.search(SearchQuery(text="")).total == everything
    assert store.search(SearchQuery(text="   ", speaker="")).total == everything
    assert store.search(SearchQuery(text="!!! ???")).total == 0


def test_an_unknown_speaker_finds_nothing(store: Store) -> None:
    assert store.search(SearchQuery(speaker="Niemand Unbekannt")).total == 0
    assert store.search(SearchQuery(entity_id="per:nobody")).hits == []
    assert store.speaker("per:nobody") is None


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(type="Quoted"),
        SearchQuery(medium="Telepathy"),
        SearchQuery(speaker_kind="robot"),
        SearchQuery(speaker_gender="x"),
        SearchQuery(date_from="yesterday"),
        SearchQuery(date_to="2024-13"),
        SearchQuery(date_to="2024-02-30"),
        SearchQuery(limit=0),
        SearchQuery(limit=10**6),
        SearchQuery(offset=-1),
    ],
)
def test_invalid_filters_are_input_errors(store: Store, query: SearchQuery) -> None:
    with pytest.raises(InputError):
        store.search(query)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_string_is_safe_as_words_or_speaker(store: Store, text: str) -> None:
    for query in (SearchQuery(text=text), SearchQuery(speaker=text)):
        page = store.search(query)
        assert 0 <= page.total <= 2 * N_ARTICLES
        assert len(page.hits) == min(page.total, query.limit)


def test_every_person_is_findable_by_surname(store: Store) -> None:
    for ref in PEOPLE:
        if ref.kind.value == "person":
            surname = ref.name.split()[-1]
            assert store.search(SearchQuery(speaker=surname)).total > 0


def test_speaker_and_words_count_and_list_the_same_quotations(store: Store) -> None:
    page = store.search(SearchQuery(speaker="Merkel", text="strasse", limit=100))
    expected = _expected(
        lambda r, q: q.speaker.entity.id == PEOPLE[0].id and "Straße" in q.quote.text
    )
    assert page.total == len(page.hits) == expected > 0
