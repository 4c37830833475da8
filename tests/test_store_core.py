"""Writing to the store: round trips, unchanged and changed articles, ingest from files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from test_store_data import PEOPLE, QuotePipeline, as_stored, make_result
from zitat.errors import StoreError
from zitat.ingest import ingest
from zitat.schema import AnalysisResult, Role
from zitat.store import SearchQuery, Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "corpus.db")
    yield opened
    opened.close()


def test_a_result_comes_back_exactly_as_added(store: Store) -> None:
    result = make_result(3, n_quotes=3)
    assert store.add_result(result)
    assert store.get_article("a3") == as_stored(result)
    assert store.get_article("missing") is None


def test_the_same_content_again_is_a_no_op(store: Store) -> None:
    result = make_result(1)
    assert store.add_result(result)
    assert not store.add_result(make_result(1))
    assert len(store) == 1
    assert store.stats().n_quotations == 2


def test_changed_content_replaces_every_old_row(store: Store) -> None:
    store.add_result(make_result(1, n_quotes=3))
    changed = make_result(1, n_quotes=1, model="test@2")
    assert store.add_result(changed)
    assert store.get_article("a1") == changed
    assert store.stats().n_quotations == 1
    assert store.search(SearchQuery(text="Klimaschutz")).total == 0  # was quotation 3
    assert store.integrity_problems() == []


def test_an_entity_nobody_refers_to_any_more_is_dropped(store: Store) -> None:
    result = make_result(0, n_quotes=1)
    speaker = result.quotations[0].speaker
    assert speaker is not None and speaker.entity is not None
    store.add_result(result)
    assert store.speaker(speaker.entity.id) is not None
    unattributed = replace(result.quotations[0], speaker=None)
    store.add_result(replace(result, quotations=[unattributed], model="test@2"))
    assert store.speaker(speaker.entity.id) is None


def test_an_entity_keeps_the_names_it_went_by(store: Store) -> None:
    merkel = PEOPLE[0]
    store.add_result(make_result(0))
    profile = store.speaker(merkel.id)
    assert profile is not None
    assert profile.entity == merkel
    assert {"Angela Merkel", "Merkel"} <= set(profile.aliases)
    assert [hit.article_id for hit in profile.quotations] == ["a0"]


def test_speaker_quotations_come_in_date_order(store: Store) -> None:
    for number in (4, 0, 8):  # all quote Angela Merkel first, on different days
        store.add_result(make_result(number, n_quotes=1))
    profile = store.speaker(PEOPLE[0].id)
    assert profile is not None
    dates = [hit.date for hit in profile.quotations]
    assert len(dates) == 3 and dates == sorted(dates)


def test_a_readonly_store_refuses_writes(tmp_path: Path) -> None:
    Store.open(tmp_path / "c.db").close()
    with Store.open(tmp_path / "c.db", readonly=True) as store, pytest.raises(StoreError):
        store.add_result(make_result(1))


def test_add_results_counts_what_it_did(store: Store) -> None:
    results = [make_result(n) for n in range(3)]
    store.add_results(results[:2])
    report = store.add_results([*results, replace(results[0], model="test@2")])
    assert (report.added, report.replaced, report.unchanged) == (1, 1, 2)


def _write_jsonl(path: Path, texts: list[str]) -> None:
    lines = [
        json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ingest_reads_folders_skips_unreadable_files_and_is_idempotent(
    store: Store, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    _write_jsonl(inputs / "a.jsonl", ["Er sagte: „Eins.“", "Sie sagte: „Zwei.“ Und „Drei.“"])
    (inputs / "sub" / "b.txt").write_text("Man hört: „Vier.“", encoding="utf-8")
    (inputs / "sub" / "empty.txt").write_text("   ", encoding="utf-8")
    (inputs / "sub" / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")

    report = ingest(store, [inputs], pipeline=QuotePipeline())
    assert report.added == 3
    assert sorted(Path(path).name for path, _ in report.failed) == ["binary.txt", "empty.txt"]
    assert store.stats().n_quotations == 4

    again = ingest(store, [inputs], pipeline=QuotePipeline())
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 3)
    assert len(store) == 3

    other_model = ingest(store, [inputs], pipeline=QuotePipeline(model_id="quotes@2"))
    assert other_model.replaced == 3 and len(store) == 3


def test_ingest_reports_an_id_seen_twice(store: Store, tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "one.jsonl", ["„Eins.“"])
    _write_jsonl(tmp_path / "two.jsonl", ["„Zwei.“"])  # same ids d0
    report = ingest(
        store, [tmp_path / "one.jsonl", tmp_path / "two.jsonl"], pipeline=QuotePipeline()
    )
    assert report.duplicate_ids == ["d0"]
    stored = store.get_article("d0")
    assert isinstance(stored, AnalysisResult)
    assert [q.quote for q in stored.quotations] == [Role("Zwei.", ((1, 6),))]


def test_an_article_the_model_fails_on_is_reported_and_the_rest_stored(
    store: Store, tmp_path: Path
) -> None:
    texts = [f"Sie sagte: „Satz {i}.“" for i in range(40)]
    texts[17] = "Hier geht es „BOOM“ schief."
    _write_jsonl(tmp_path / "in.jsonl", texts)
    pipeline = QuotePipeline(fail_on="BOOM")
    report = ingest(store, [tmp_path / "in.jsonl"], pipeline=pipeline)
    assert report.added == 39
    assert [article_id for article_id, _ in report.failed] == ["d17"]
    assert "analysis failed" in report.failed[0][1]
    assert store.get_article("d17") is None and store.get_article("d18") is not None


def test_a_surname_alone_joins_the_one_full_name_the_corpus_knows(tmp_path: Path) -> None:
    """Corpus identity: "Trump" in a later article is the Donald Trump stored before, while a
    surname two stored people share stays apart."""
    from zitat.pipeline import Pipeline, PipelineConfig
    from zitat.schema import Article

    pipeline = Pipeline(PipelineConfig(model="rules"))
    texts = {
        "a": "„Wir werden gewinnen“, sagte US-Präsident Donald Trump am Montag.",
        "b": "„Das ist ein großer Tag“, sagte Trump.",
        "c": "„Ich bin dagegen“, sagte Anna Schmidt. „Ich auch“, sagte Peter Schmidt.",
        "d": "„Nein“, sagte Schmidt.",
    }
    with Store.open(tmp_path / "ids.db") as store:
        for article_id, text in texts.items():
            store.add_result(pipeline.analyze(Article(id=article_id, text=text)))
        hits = store.search(SearchQuery(limit=50)).hits
    speakers = {
        hit.article_id: hit.quotation.speaker.entity.id
        for hit in hits
        if hit.quotation.speaker is not None and hit.quotation.speaker.entity is not None
    }
    assert speakers["a"] == speakers["b"] == "per:donald-trump"
    assert speakers["d"] not in {"per:anna-schmidt", "per:peter-schmidt"}
