"""Statistics: counts agree with the stored results, with filters, and as charts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from test_store_data import as_stored, make_result
from zitat.cli.plots import plot_stats
from zitat.errors import InputError
from zitat.ingest import ingest
from zitat.schema import EntityKind
from zitat.store import SearchQuery, Store
from zitat.store.stats import NO_SPEAKER

RESULTS = [make_result(n, n_quotes=n % 4) for n in range(20)]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(tmp_path_factory.mktemp("stats") / "corpus.db") as opened:
        opened.add_results(RESULTS)
        yield opened


def _speaker_ids(results: list) -> Counter[str]:  # type: ignore[type-arg]
    return Counter(
        q.speaker.entity.id
        for r in results
        for q in r.quotations
        if q.speaker is not None and q.speaker.entity is not None
    )


def test_counts_equal_what_was_stored(store: Store) -> None:
    stats = store.stats()
    quotations = [q for r in RESULTS for q in r.quotations]
    assert stats.n_articles == len(RESULTS)
    assert stats.n_quotations == len(quotations)
    assert stats.by_type == dict(Counter(q.type.value for q in quotations))
    assert stats.by_medium == {"Speech": len(quotations)}
    kinds = Counter(
        q.speaker.entity.kind.value for q in quotations if q.speaker and q.speaker.entity
    )
    assert stats.by_kind == dict(kinds)
    assert stats.anonymous == kinds[EntityKind.ANONYMOUS.value]
    assert stats.anonymous_share == pytest.approx(stats.anonymous / len(quotations))
    persons = [q for q in quotations if q.speaker.entity.kind is EntityKind.PERSON]
    assert stats.by_gender == dict(Counter(q.speaker.entity.gender.value for q in persons))
    months = Counter(q.when.date[:7] for q in quotations)
    assert stats.per_month == dict(sorted(months.items()))
    top = [(s.entity_id, s.quotations) for s in stats.top_speakers]
    assert sorted(top) == sorted(_speaker_ids([as_stored(r) for r in RESULTS]).items())
    assert [n for _, n in top] == sorted((n for _, n in top), reverse=True)


def test_stats_follow_a_filter(store: Store) -> None:
    stats = store.stats(SearchQuery(speaker_kind="person", date_to="2024-06"))
    quotations = [
        q
        for r in RESULTS
        for q in r.quotations
        if q.speaker.entity.kind is EntityKind.PERSON and q.when.date < "2024-07"
    ]
    assert stats.n_quotations == len(quotations) > 0
    assert set(stats.by_kind) == {"person"}
    assert stats.n_articles == len(
        {r.document.id for r in RESULTS for q in r.quotations if q in quotations}
    )


def test_quotations_without_speaker_are_their_own_bucket(tmp_path: Path) -> None:
    result = make_result(1, n_quotes=1)
    result.quotations[0].speaker = None
    with Store.open(tmp_path / "c.db") as store:
        store.add_result(result)
        stats = store.stats()
    assert stats.by_kind == {NO_SPEAKER: 1}
    assert stats.top_speakers == []


def test_an_empty_store_has_zero_counts(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        stats = store.stats()
    assert (stats.n_articles, stats.n_quotations, stats.anonymous_share) == (0, 0, 0.0)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_charts_are_drawn(store: Store, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"stats{suffix}"
    plot_stats(store.stats(), path)
    head = path.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in path.read_bytes()
    assert len(head) > 0


def test_charts_need_a_known_image_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.png or \.svg"):
        plot_stats(store.stats(), tmp_path / "stats.pdf")


@pytest.mark.shared_data
@pytest.mark.slow
def test_stats_count_what_the_rules_model_finds_on_the_dev_split(
    quotation_dev: Path, tmp_path: Path
) -> None:
    from zitat.formats.readers import iter_articles
    from zitat.pipeline import Pipeline, PipelineConfig

    pipeline = Pipeline(PipelineConfig(model="rules"))
    found = sum(len(r.quotations) for r in pipeline.analyze_many(iter_articles([quotation_dev])))
    with Store.open(tmp_path / "dev.db") as store:
        first = ingest(store, [quotation_dev], pipeline=pipeline)
        second = ingest(store, [quotation_dev], pipeline=pipeline)
        stats = store.stats()
    n_files = len(list(quotation_dev.glob("*.json")))
    assert (first.added, first.failed) == (n_files, [])
    assert (second.added, second.replaced, second.unchanged) == (0, 0, n_files)
    assert stats.n_articles == n_files
    assert stats.n_quotations == found > 0


def test_undated_quotations_are_counted_and_left_out_of_the_months(tmp_path: Path) -> None:
    dated = make_result(1, n_quotes=3)
    undated = make_result(2, n_quotes=2)
    undated = replace(
        undated,
        document=replace(undated.document, date=None),
        quotations=[replace(q, when=None) for q in undated.quotations],
    )
    with Store.open(tmp_path / "c.db") as store:
        store.add_results([dated, undated])
        stats = store.stats()
    assert stats.n_quotations == 5 and stats.n_undated == 2
    assert sum(stats.per_month.values()) == 3
