"""Exports: every format reads back to what the store holds, for all of it or a search."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from test_store_data import as_stored, make_result
from zitat.errors import InputError
from zitat.export import export
from zitat.formats.columnar import arrow_schema, table_rows
from zitat.formats.corpus_json import gold_quotations, read_document
from zitat.formats.tables import QUOTATION_COLUMNS, quotation_rows
from zitat.schema import AnalysisResult, result_from_dict
from zitat.store import SearchQuery, Store

RESULTS = [make_result(n, n_quotes=n % 3) for n in range(7)]  # a0 and a3 have no quotation


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "corpus.db") as opened:
        opened.add_results(RESULTS)
        yield opened


def test_jsonl_holds_every_article_as_zitat_1(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "all.jsonl"
    assert store.export(path, "jsonl") == len(RESULTS)
    lines = path.read_text(encoding="utf-8").splitlines()
    back = [result_from_dict(json.loads(line)) for line in lines]
    # result_to_dict carries no raw NER mentions, so compare without them
    assert back == [_without_mentions(as_stored(r)) for r in RESULTS]


def _without_mentions(result: AnalysisResult) -> AnalysisResult:
    return AnalysisResult(result.document, result.quotations, result.entities, result.model)


def test_a_search_exports_only_matching_quotations(store: Store, tmp_path: Path) -> None:
    query = SearchQuery(speaker="Merkel")
    path = tmp_path / "merkel.jsonl"
    hits = store.search(SearchQuery(speaker="Merkel", limit=100)).hits
    assert store.export(path, "jsonl", query) == len({hit.article_id for hit in hits})
    exported = [result_from_dict(json.loads(line)) for line in path.read_text().splitlines()]
    ids = {(r.document.id, q.id) for r in exported for q in r.quotations}
    assert ids == {(hit.article_id, hit.quotation.id) for hit in hits}


def _expected_rows() -> list[dict[str, object]]:
    return [row for result in RESULTS for row in quotation_rows(as_stored(result))]


def _key(row: dict[str, object]) -> tuple[str, str]:
    return str(row["article_id"]), str(row["quotation_id"])


def test_csv_has_the_shared_columns_and_values(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    expected = _expected_rows()
    assert store.export(path, "csv") == len(expected)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == QUOTATION_COLUMNS
        rows = sorted(reader, key=_key)
    for got, want in zip(rows, sorted(expected, key=_key), strict=True):
        assert got == {k: "" if v is None else str(v) for k, v in want.items()}


def test_parquet_has_the_shared_columns_and_values(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "q.parquet"
    expected = _expected_rows()
    assert store.export(path, "parquet") == len(expected)
    table = pq.read_table(path)
    assert table.schema == arrow_schema("quotations")  # the schema of zitat batch's table
    assert sorted(table_rows("quotations", table), key=_key) == sorted(expected, key=_key)


def test_corpus_export_writes_one_scorable_file_per_article(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    assert export(store, folder, "corpus") == len(RESULTS)
    files = sorted(folder.glob("*.json"))
    assert len(files) == len(RESULTS)
    for path in files:
        doc = read_document(path)
        original = next(r for r in RESULTS if r.document.id == doc["documentName"])
        assert doc["originalText"] == original.document.text
        gold = gold_quotations(doc)  # the corpus reader sees the quotes we stored
        assert [q.quote.text for q in gold] == [q.quote.text for q in original.quotations]


def test_bad_export_targets_are_input_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unknown export format 'xml'; .*parquet, corpus"):
        export(store, tmp_path / "x.xml", "xml")
    with pytest.raises(InputError, match="unknown export format 'corpus'"):
        store.export(tmp_path / "corpus", "corpus")  # the store writes its own formats only
    with pytest.raises(InputError, match="folder"):
        export(store, tmp_path, "csv")
    with pytest.raises(InputError, match="does not exist"):
        export(store, tmp_path / "missing" / "x.csv", "csv")
    with pytest.raises(InputError, match="does not exist"):
        export(store, tmp_path / "missing" / "corpus", "corpus")
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="is a file"):
        export(store, tmp_path / "file", "corpus")


@pytest.mark.parametrize("name", ["corpus.db", "corpus.db-wal", "corpus.db-shm"])
def test_an_export_never_overwrites_the_store_or_its_log(
    store: Store, tmp_path: Path, name: str
) -> None:
    before = (tmp_path / "corpus.db").read_bytes()
    (tmp_path / "sub").mkdir()
    for format in ("jsonl", "corpus"):
        with pytest.raises(InputError, match="it is the store itself"):
            export(store, tmp_path / "sub" / ".." / name, format)
    assert (tmp_path / "corpus.db").read_bytes() == before
    assert store.article_ids() == [r.document.id for r in RESULTS]


def test_quotations_frame_holds_the_parquet_export_typed(store: Store, tmp_path: Path) -> None:
    frame = store.quotations_frame()
    path = tmp_path / "q.parquet"
    store.export(path, "parquet")
    exported = pq.read_table(path)
    assert tuple(frame.columns) == QUOTATION_COLUMNS
    assert str(frame["quote_spans"].dtype.pyarrow_dtype) == str(
        exported.schema.field("quote_spans").type
    )
    assert str(frame["type"].dtype) == "category"
    assert str(frame["when_date"].dtype).startswith("datetime64")
    by_id = {(r["article_id"], r["quotation_id"]): r for r in exported.to_pylist()}
    assert len(frame) == len(by_id)
    for row in frame.itertuples():
        want = by_id[(row.article_id, row.quotation_id)]
        assert row.quote_spans == want["quote_spans"]
        assert row.when_date.date() == want["when_date"]
        assert row.type == want["type"]


def test_quotations_frame_takes_search_filters(store: Store) -> None:
    merkel = store.search(SearchQuery(speaker="Merkel", type="Direct", limit=100))
    assert merkel.total > 0
    by_keywords = store.quotations_frame(speaker="Merkel", type="Direct")
    by_query = store.quotations_frame(SearchQuery(speaker="Merkel"), type="Direct")
    expected = [(hit.article_id, hit.quotation.id) for hit in merkel.hits]
    for frame in (by_keywords, by_query):
        assert list(zip(frame["article_id"], frame["quotation_id"], strict=True)) == expected
    with pytest.raises(InputError):
        store.quotations_frame(type="Gossip")
