"""The flat tables round-trip: rows (and their Parquet form) rebuild the same results."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from zitat.errors import InputError
from zitat.formats.columnar import arrow_schema, arrow_table, table_rows
from zitat.formats.tables import (
    TABLE_COLUMNS,
    article_row,
    entity_rows,
    quotation_rows,
    results_from_tables,
)
from zitat.schema import (
    AnalysisResult,
    Article,
    Entity,
    EntityKind,
    EntityRef,
    Gender,
    Medium,
    Mention,
    Quotation,
    QuoteType,
    Role,
    TimeAnchor,
    result_to_dict,
)

TEXT = (
    "„Wir bleiben“, sagte Kanzlerin Anna Berg am Montag den Reportern. "
    "Der Verband schrieb, man prüfe den Vorschlag."
)


def _span(part: str, start: int = 0) -> tuple[int, int]:
    begin = TEXT.index(part, start)
    return begin, begin + len(part)


def _full_result() -> AnalysisResult:
    """A result that uses every field the tables carry."""
    berg = EntityRef("e1", "Anna Berg", EntityKind.PERSON, Gender.FEMALE, "Kanzlerin")
    press = EntityRef("e2", "Reporter", EntityKind.GROUP)
    direct = Quotation(
        id="q1",
        type=QuoteType.DIRECT,
        medium=Medium.SPEECH,
        quote=Role.from_spans(TEXT, [_span("Wir bleiben")]),
        cue=Role.from_spans(TEXT, [_span("sagte")]),
        frame=Role.from_spans(TEXT, [_span("sagte Kanzlerin"), _span("am Montag")]),
        speaker=Role("Kanzlerin Anna Berg", (_span("Kanzlerin Anna Berg"),), berg),
        addressee=Role("den Reportern", (_span("den Reportern"),), press),
        score=0.875,
        when=TimeAnchor("am Montag", (_span("am Montag"),), date="2024-03-04"),
    )
    reported = Quotation(
        id="q2",
        type=QuoteType.INDIRECT,
        medium=Medium.WRITING,
        quote=Role.from_spans(TEXT, [_span("man prüfe den Vorschlag")]),
        speaker=Role.from_spans(TEXT, [_span("Der Verband")]),
        nested_in="q1",
        when=TimeAnchor(None, (), date="2024-03-05", from_article_date=True),
    )
    entity = Entity(
        "e1",
        "Anna Berg",
        "person",
        [Mention("Anna Berg", (_span("Anna Berg"),))],
        Gender.FEMALE,
        ["Berg"],
    )
    article = Article("a1", TEXT, title="Berg bleibt", date="2024-03-05", source="test")
    return AnalysisResult(article, [direct, reported], [entity], model="rules@1")


def _empty_result() -> AnalysisResult:
    return AnalysisResult(Article("a2", "Nichts gesagt."), [], model="rules@1")


Rows = list[dict[str, Any]]


def _tables(results: list[AnalysisResult]) -> tuple[Rows, Rows, Rows]:
    quotations = [row for r in results for row in quotation_rows(r)]
    entities = [row for r in results for row in entity_rows(r)]
    return [article_row(r) for r in results], quotations, entities


def test_rows_rebuild_the_same_results() -> None:
    results = [_full_result(), _empty_result()]
    rebuilt = list(results_from_tables(*_tables(results)))
    assert [result_to_dict(r) for r in rebuilt] == [result_to_dict(r) for r in results]


def test_parquet_round_trip_keeps_types_and_nulls(tmp_path: Path) -> None:
    results = [_full_result(), _empty_result()]
    read_back = []
    for name, rows in zip(TABLE_COLUMNS, _tables(results), strict=True):
        path = tmp_path / f"{name}.parquet"
        pq.write_table(arrow_table(name, rows), path)
        table = pq.read_table(path)
        assert table.schema == arrow_schema(name)
        read_back.append(table_rows(name, table))
    rebuilt = list(results_from_tables(*read_back))
    assert [result_to_dict(r) for r in rebuilt] == [result_to_dict(r) for r in results]


def test_empty_tables_are_typed() -> None:
    table = arrow_table("quotations", [])
    assert table.num_rows == 0
    assert str(table.schema.field("score").type) == "double"
    assert str(table.schema.field("when_from_article_date").type) == "bool"


def test_columns_hold_native_types() -> None:
    articles, quotations, entities = (
        arrow_table(name, rows)
        for name, rows in zip(TABLE_COLUMNS, _tables([_full_result()]), strict=True)
    )
    spans = pa.list_(pa.list_(pa.int32()))
    assert quotations.schema.field("frame_spans").type.equals(spans, check_metadata=False)
    assert quotations.column("frame_spans").to_pylist()[0] == [
        list(_span("sagte Kanzlerin")),
        list(_span("am Montag")),
    ]
    for name in ("type", "medium", "speaker_kind", "speaker_gender"):
        assert pa.types.is_dictionary(quotations.schema.field(name).type), name
    assert quotations.column("type").to_pylist() == ["Direct", "Indirect"]
    for name in ("when_date", "when_start", "when_end", "article_date"):
        assert quotations.schema.field(name).type == pa.date32(), name
    assert quotations.column("when_date").to_pylist() == [date(2024, 3, 4), date(2024, 3, 5)]
    assert articles.column("date").to_pylist() == [date(2024, 3, 5)]
    assert entities.column("aliases").to_pylist() == [["Berg"]]
    assert entities.column("mentions").to_pylist() == [
        [{"text": "Anna Berg", "spans": [list(_span("Anna Berg"))]}]
    ]


def test_a_date_that_is_no_calendar_date_is_null_in_arrow() -> None:
    result = _empty_result()
    result.document.date = "Frühjahr 2005"
    assert arrow_table("articles", [article_row(result)]).column("date").to_pylist() == [None]


def test_parquet_with_spans_as_json_strings_still_reads() -> None:
    """Batch output written before spans were native (layout 1: spans, aliases, mentions
    and dates as strings) still loads into a store."""
    results = [_full_result()]
    tables = [
        table_rows(name, pa.Table.from_pylist(rows))  # strings stay strings
        for name, rows in zip(TABLE_COLUMNS, _tables(results), strict=True)
    ]
    assert isinstance(tables[1][0]["quote_spans"], str)
    rebuilt = list(results_from_tables(*tables))
    assert [result_to_dict(r) for r in rebuilt] == [result_to_dict(r) for r in results]


def test_rows_without_their_article_are_rejected() -> None:
    _, quotations, entities = _tables([_full_result()])
    with pytest.raises(InputError, match="no article row"):
        list(results_from_tables([], quotations, entities))


def test_unknown_table_name() -> None:
    with pytest.raises(ValueError, match="unknown table"):
        arrow_schema("speakers")
    with pytest.raises(ValueError, match="unknown table"):
        arrow_table("speakers", [])
