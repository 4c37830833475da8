"""Batch input streaming, deterministic partitions and the atomic output layout (no cluster)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from zitat.batch import (
    BatchConfig,
    BatchOutput,
    PipelineAnalyzer,
    analyze_partition,
    iter_inputs,
    partition,
    run_batch,
)
from zitat.batch.inputs import iter_parquet_articles
from zitat.batch.output import DONE_DIR, MANIFEST, SUCCESS
from zitat.errors import InputError, ModelError, ZitatError
from zitat.formats.columnar import arrow_schema
from zitat.formats.tables import TABLE_COLUMNS
from zitat.pipeline import PipelineConfig
from zitat.schema import Article


def _articles(count: int) -> list[Article]:
    return [Article(f"n{i}", f"„Satz {i}“, sagte Anna Berg.") for i in range(count)]


def test_partitions_are_fixed_runs_with_stable_fingerprints() -> None:
    parts = list(partition(_articles(7), 3))
    assert [p.name for p in parts] == ["part-000000", "part-000001", "part-000002"]
    assert [len(p.articles) for p in parts] == [3, 3, 1]
    again = list(partition(_articles(7), 3))
    assert [p.digest for p in parts] == [p.digest for p in again]
    edited = _articles(7)
    edited[4] = Article("n4", "anderer Text")
    assert [p.digest for p in partition(edited, 3)][1] != parts[1].digest
    with pytest.raises(InputError):
        list(partition(_articles(2), 0))


def test_parquet_input_is_read_with_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "in.parquet"
    table = pa.table(
        {
            "id": [1, 2, 3],
            "text": ["Erster Text.", "Zweiter Text.", "Dritter Text."],
            "date": [dt.date(2024, 1, 2), None, dt.date(2024, 3, 20)],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    articles = list(iter_parquet_articles(path, rows_per_read=1))
    assert [(a.id, a.text, a.date, a.title) for a in articles] == [
        ("1", "Erster Text.", "2024-01-02", None),
        ("2", "Zweiter Text.", None, None),
        ("3", "Dritter Text.", "2024-03-20", None),
    ]
    german_dates = tmp_path / "dates.parquet"
    pq.write_table(pa.table({"id": ["d"], "text": ["T."], "date": ["20.03.2024"]}), german_dates)
    assert [a.date for a in iter_parquet_articles(german_dates)] == ["2024-03-20"]


def test_parquet_folders_and_batch_output_are_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    pq.write_table(pa.table({"article_id": ["b"], "text": ["B."]}), folder / "part-1.parquet")
    pq.write_table(pa.table({"article_id": ["a"], "text": ["A."]}), folder / "part-0.parquet")
    pq.write_table(pa.table({"article_id": ["x"], "text": ["X."]}), folder / ".tmp.parquet")
    assert [a.id for a in iter_inputs([folder])] == ["a", "b"]


def test_bad_parquet_is_an_input_error_or_reported(tmp_path: Path) -> None:
    no_text = tmp_path / "no_text.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), no_text)
    with pytest.raises(InputError, match="columns 'id' and 'text'"):
        list(iter_inputs([no_text]))
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    errors: list[str] = []
    assert list(iter_inputs([broken], on_error=lambda p, e: errors.append(str(e)))) == []
    assert errors and "not a readable Parquet file" in errors[0]


def test_jsonl_streams_and_skips_bad_lines_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "x1", "text": "Ein Text."}), "{kaputt", "", '{"text": "Ohne Id."}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"feed.jsonl, line 2"):
        list(iter_inputs([path]))
    errors: list[tuple[Path, ZitatError]] = []
    articles = list(iter_inputs([path], on_error=lambda p, e: errors.append((p, e))))
    assert [a.id for a in articles] == ["x1", "feed:4"]
    assert [(p, "line 2" in str(e)) for p, e in errors] == [(path, True)]


def test_analyze_partition_writes_tables_then_marker(tmp_path: Path) -> None:
    output = BatchOutput(tmp_path)
    output.prepare({"model": "rules", "partition_size": 2})
    part = next(partition(_articles(2), 2))
    report = analyze_partition(part, str(tmp_path), PipelineAnalyzer(PipelineConfig("rules")))
    assert (report.name, report.articles, report.digest) == (part.name, 2, part.digest)
    assert report.quotations >= 2 and report.peak_rss_bytes > 0
    for table in TABLE_COLUMNS:
        written = pq.read_table(output.table_path(table, part.name))
        assert written.schema == arrow_schema(table)
    assert output.completed(part.name, part.digest) == report
    assert sorted(p.name for p in (tmp_path / DONE_DIR).iterdir()) == ["part-000000.json"]
    with pytest.raises(InputError, match="input changed"):
        output.completed(part.name, "0" * 32)


def test_prepare_removes_leftover_temporary_files(tmp_path: Path) -> None:
    output = BatchOutput(tmp_path)
    output.prepare({"model": "rules", "partition_size": 2})
    leftover = tmp_path / "quotations" / ".part-000000.parquet.0123.tmp"
    leftover.write_bytes(b"half written")
    output.prepare({"model": "rules", "partition_size": 2})
    assert not leftover.exists()
    with pytest.raises(InputError, match="model"):
        output.prepare({"model": "learned", "partition_size": 2})


def test_no_resume_into_output_with_spans_as_json_strings(tmp_path: Path) -> None:
    settings = {"model": "rules", "partition_size": 2}
    (tmp_path / MANIFEST).write_text(json.dumps({"schema": "zitat/1", **settings}))  # layout 1
    with pytest.raises(InputError, match="parquet_layout"):
        BatchOutput(tmp_path).prepare(settings)


def test_a_batch_without_readable_articles_or_with_an_unknown_model_fails_early(
    tmp_path: Path,
) -> None:
    config = BatchConfig(model="rules", workers=1)
    with pytest.raises(InputError, match=r"no readable articles.*no such file"):
        run_batch([tmp_path / "missing.jsonl"], tmp_path / "out", config)
    assert not (tmp_path / "out" / SUCCESS).exists()
    with pytest.raises(ModelError, match="unknown model 'nope'"):
        run_batch([tmp_path], tmp_path / "out2", BatchConfig(model="nope"))
    with pytest.raises(InputError, match="partition size"):
        BatchConfig(partition_size=0)
