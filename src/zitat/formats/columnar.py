"""The flat tables in Arrow: native column types for Parquet and DataFrames.

Every column's Arrow type follows from its :class:`~zitat.formats.tables.ColumnKind`: spans are
``list<list<int32>>`` (``[[start, end], ...]``), forms, media, kinds and genders are
dictionary-encoded strings, dates are ``date32``, aliases ``list<string>`` and entity
mentions ``list<struct<text, spans>>``. Batch output, the Parquet export and
:func:`zitat.to_frame` all go through :func:`arrow_table`, so they share one schema.

pyarrow is imported inside the functions: it costs about 0.2 s, and only Parquet and
DataFrame users need it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from zitat.formats.tables import TABLE_SCHEMAS, ColumnKind, check_table, spans_to_json

if TYPE_CHECKING:
    import pyarrow as pa

PARQUET_LAYOUT = 2
"""Version of the column types in Parquet: 1 kept spans, aliases and mentions as JSON
strings and dates as strings; 2 holds them natively. A batch run resumes only into output
of the same layout."""

# Parquet names the item of a list "element"; naming it so here too makes the schema read
# back from a file equal to the one written.
_ITEM = "element"


def _list_of(item: pa.DataType) -> pa.DataType:
    import pyarrow as pa

    return pa.list_(pa.field(_ITEM, item))


def _spans_type() -> pa.DataType:
    import pyarrow as pa

    return _list_of(_list_of(pa.int32()))


def arrow_type(kind: ColumnKind) -> pa.DataType:
    """The Arrow type of a column of ``kind``."""
    import pyarrow as pa

    types: dict[ColumnKind, Callable[[], pa.DataType]] = {
        ColumnKind.TEXT: pa.string,
        ColumnKind.CATEGORY: lambda: pa.dictionary(pa.int32(), pa.string()),
        ColumnKind.DATE: pa.date32,
        ColumnKind.SPANS: _spans_type,
        ColumnKind.INTEGER: pa.int64,
        ColumnKind.REAL: pa.float64,
        ColumnKind.FLAG: pa.bool_,
        ColumnKind.TEXTS: lambda: _list_of(pa.string()),
        ColumnKind.MENTIONS: lambda: _list_of(
            pa.struct([pa.field("text", pa.string()), pa.field("spans", _spans_type())])
        ),
    }
    return types[kind]()


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of one of the three tables (so that empty Parquet files are typed too)."""
    import pyarrow as pa

    check_table(table)
    return pa.schema(
        [pa.field(name, arrow_type(kind)) for name, kind in TABLE_SCHEMAS[table].items()]
    )


def _iso_date(value: str) -> dt.date | None:
    """The date of a ``YYYY-MM-DD`` string; None for a date zitat could not read (an
    article's date is kept as written when it is not a calendar date)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# From the row form (JSON and ISO strings) to Arrow's Python values, and back; columns of
# the kinds not named here hold the same value in both.
_TO_ARROW: dict[ColumnKind, Callable[[Any], Any]] = {
    ColumnKind.DATE: _iso_date,
    ColumnKind.SPANS: json.loads,
    ColumnKind.TEXTS: json.loads,
    ColumnKind.MENTIONS: json.loads,
}


def _unless_text(convert: Callable[[Any], str]) -> Callable[[Any], str]:
    """``convert``, except that a string is kept: Parquet written before zitat stored
    native types holds these columns in row form already (spans as JSON strings)."""
    return lambda value: value if isinstance(value, str) else convert(value)


_FROM_ARROW: dict[ColumnKind, Callable[[Any], Any]] = {
    ColumnKind.DATE: _unless_text(dt.date.isoformat),
    ColumnKind.SPANS: _unless_text(spans_to_json),
    ColumnKind.TEXTS: _unless_text(_json_text),
    ColumnKind.MENTIONS: _unless_text(_json_text),
}


def _converted(
    table: str, rows: Iterable[Mapping[str, Any]], codecs: dict[ColumnKind, Callable[[Any], Any]]
) -> list[dict[str, Any]]:
    convert = {name: codecs[kind] for name, kind in TABLE_SCHEMAS[table].items() if kind in codecs}
    out = []
    for row in rows:
        values = dict(row)
        for name, codec in convert.items():
            value = values.get(name)
            if value is not None:
                values[name] = codec(value)
        out.append(values)
    return out


def arrow_table(table: str, rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Rows of ``table`` (as :mod:`zitat.formats.tables` makes them) as an Arrow table of
    :func:`arrow_schema` (extra keys of the rows are ignored)."""
    import pyarrow as pa

    check_table(table)
    return pa.Table.from_pylist(_converted(table, rows, _TO_ARROW), schema=arrow_schema(table))


def table_rows(table: str, data: pa.Table) -> list[dict[str, Any]]:
    """The rows of an Arrow ``table`` in the form of :mod:`zitat.formats.tables` (inverse of
    :func:`arrow_table`)."""
    check_table(table)
    return _converted(table, data.to_pylist(), _FROM_ARROW)
