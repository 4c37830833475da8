"""zitat.to_frame: analysis results as pandas DataFrames with typed columns."""

from __future__ import annotations

import sys

import pandas as pd
import pyarrow as pa
import pytest

import zitat
from zitat.errors import MissingExtraError
from zitat.formats.tables import TABLE_COLUMNS
from zitat.schema import AnalysisResult, Article


@pytest.fixture(scope="module")
def result(example_text: str) -> AnalysisResult:
    return zitat.analyze(Article("example", example_text, date="2024-03-05"), model="rules")


def test_one_row_per_quotation_with_typed_columns(result: AnalysisResult) -> None:
    frame = zitat.to_frame(result)
    assert tuple(frame.columns) == TABLE_COLUMNS["quotations"]
    assert len(frame) == len(result.quotations) > 0
    assert frame["quote_spans"].dtype == pd.ArrowDtype(
        pa.list_(pa.field("element", pa.list_(pa.field("element", pa.int32()))))
    )
    assert isinstance(frame["type"].dtype, pd.CategoricalDtype)
    assert frame["article_date"].dtype.kind == "M"
    assert str(frame["score"].dtype) == "Float64"
    assert str(frame["when_from_article_date"].dtype) == "boolean"
    text = result.document.text
    for row, quotation in zip(frame.itertuples(), result.quotations, strict=True):
        assert [tuple(span) for span in row.quote_spans] == list(quotation.quote.spans)
        assert [text[s:e] for s, e in row.quote_spans] == [
            text[s:e] for s, e in quotation.quote.spans
        ]
        assert row.type == quotation.type.value
        speaker = quotation.speaker.entity if quotation.speaker is not None else None
        assert (None if pd.isna(row.speaker_name) else row.speaker_name) == (
            speaker.name if speaker is not None else None
        )
        assert row.article_date == pd.Timestamp("2024-03-05")


def test_articles_and_entities_tables(result: AnalysisResult) -> None:
    articles = zitat.to_frame([result, result], table="articles")
    assert list(articles["n_quotations"]) == [len(result.quotations)] * 2
    entities = zitat.to_frame(result, table="entities")
    assert list(entities["entity_id"]) == [e.id for e in result.entities]
    assert list(entities["aliases"]) == [e.aliases for e in result.entities]
    with pytest.raises(ValueError, match="unknown table"):
        zitat.to_frame(result, table="speakers")


def test_no_results_give_an_empty_typed_frame() -> None:
    frame = zitat.to_frame([])
    assert frame.empty and tuple(frame.columns) == TABLE_COLUMNS["quotations"]
    assert isinstance(frame["medium"].dtype, pd.CategoricalDtype)


def test_without_pandas_the_error_names_the_extra(
    result: AnalysisResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(MissingExtraError, match=r"pip install 'zitat\[pandas\]'") as caught:
        zitat.to_frame(result)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ImportError)
