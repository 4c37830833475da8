"""The examples of docs/batch.md that read batch output with pandas, polars and DuckDB run,
and each library sees the spans as lists of [start, end] pairs of 32-bit integers."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from zitat.batch.output import BatchOutput
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Article

DOC = Path(__file__).resolve().parents[1] / "docs" / "batch.md"
SECTION = "### Reading the output with pandas, polars and DuckDB"
ARTICLES = [
    Article(
        "a1",
        "„Wir bleiben hart“, sagte Innenministerin Nancy Faeser am Montag in Berlin. "
        "Sie wolle die Grenzkontrollen verlängern.",
        date="2024-03-12",
    ),
    Article(
        "a2",
        "Bürgermeister Klaus Weber erklärte, die Stadt werde sparen müssen. "
        "„Es gibt keine Alternative“, sagte er.",
        date="2024-03-13",
    ),
]


def examples() -> dict[str, str]:
    """The Python blocks of the section, by the library each one imports."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index(SECTION)
    section = text[start : text.index("\n## ", start)]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    return {re.match(r"import (\w+)", block)[1]: block for block in blocks}  # type: ignore[index]


@pytest.fixture(scope="module")
def results() -> list[AnalysisResult]:
    return list(Pipeline(PipelineConfig(model="rules")).analyze_many(ARTICLES))


@pytest.fixture(scope="module")
def batch_folder(tmp_path_factory: pytest.TempPathFactory, results: list[AnalysisResult]) -> Path:
    root = tmp_path_factory.mktemp("batch")
    output = BatchOutput(root / "results")
    output.prepare({"model": "rules", "partition_size": 1})
    for n, result in enumerate(results):  # two partitions: the folders read as one dataset
        output.write_tables(f"part-{n:06d}", [result])
    return root


@pytest.fixture
def run_example(batch_folder: Path) -> Iterator[Any]:
    before = Path.cwd()
    os.chdir(batch_folder)

    def run(library: str) -> dict[str, Any]:
        namespace: dict[str, Any] = {}
        exec(examples()[library], namespace)
        return namespace

    try:
        yield run
    finally:
        os.chdir(before)


def expected_spans(results: list[AnalysisResult]) -> dict[tuple[str, str], list[list[int]]]:
    return {
        (r.document.id, q.id): [list(span) for span in q.quote.spans]
        for r in results
        for q in r.quotations
    }


def expected_pieces(results: list[AnalysisResult]) -> list[tuple[str, str, str]]:
    return sorted(
        (r.document.id, q.id, r.document.text[s:e])
        for r in results
        for q in r.quotations
        for s, e in q.quote.spans
    )


def test_the_section_has_one_example_per_library() -> None:
    assert sorted(examples()) == ["duckdb", "pandas", "polars"]


def test_pandas(run_example: Any, results: list[AnalysisResult]) -> None:
    found = run_example("pandas")
    quotations = found["quotations"]
    spans_type = quotations["quote_spans"].dtype.pyarrow_dtype
    assert pa.types.is_list(spans_type) and pa.types.is_list(spans_type.value_type)
    assert spans_type.value_type.value_type == pa.int32()
    assert quotations["when_date"].dtype.pyarrow_dtype == pa.date32()
    spans = {
        (a, q): [list(span) for span in s]
        for a, q, s in zip(
            quotations["article_id"],
            quotations["quotation_id"],
            quotations["quote_spans"],
            strict=True,
        )
    }
    assert spans == expected_spans(results)
    pieces = sorted(
        (a, q, piece)
        for a, q, parts in zip(
            quotations["article_id"], quotations["quotation_id"], found["pieces"], strict=True
        )
        for piece in parts
    )
    assert pieces == expected_pieces(results)


def test_polars(run_example: Any, results: list[AnalysisResult]) -> None:
    import polars as pl

    found = run_example("polars")
    quotations = found["quotations"]
    assert quotations.schema["quote_spans"] == pl.List(pl.List(pl.Int32))
    assert quotations.schema["type"] == pl.Categorical
    assert quotations.schema["article_date"] == pl.Date
    rows = quotations.select("article_id", "quotation_id", "quote_spans").rows()
    assert {(a, q): s for a, q, s in rows} == expected_spans(results)
    speakers = Counter(
        q.speaker.entity.name if q.speaker and q.speaker.entity else None
        for r in results
        for q in r.quotations
    )
    assert dict(found["by_speaker"].rows()) == speakers


def test_duckdb(run_example: Any, results: list[AnalysisResult]) -> None:
    found = run_example("duckdb")
    quotations = found["quotations"]
    types = dict(zip(quotations.columns, map(str, quotations.types), strict=True))
    assert types["quote_spans"] == "INTEGER[][]"
    assert types["when_date"] == "DATE"
    rows = quotations.select("article_id", "quotation_id", "quote_spans").fetchall()
    assert {(a, q): s for a, q, s in rows} == expected_spans(results)
    assert sorted(found["pieces"].fetchall()) == expected_pieces(results)
