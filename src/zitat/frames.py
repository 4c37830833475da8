"""pandas DataFrames of the flat tables, with typed columns (needs ``zitat[pandas]``).

The columns are those of :mod:`zitat.formats.tables` (and of the Parquet files of ``zitat batch``
and ``zitat export``), with these dtypes:

========================  ==========================================================
column kind               pandas dtype
========================  ==========================================================
text                      ``string``
form, medium, kind, ...   ``category``
date                      ``datetime64[ms]`` (``NaT`` when unknown)
spans                     ``list<list<int32>>[pyarrow]``: ``[[start, end], ...]``
integer / real / flag     ``Int64`` / ``Float64`` / ``boolean`` (nullable)
aliases, mentions         ``list<...>[pyarrow]``
========================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from zitat.errors import MissingExtraError
from zitat.formats.columnar import arrow_table
from zitat.formats.tables import check_table, rows_by_table
from zitat.schema import AnalysisResult

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise MissingExtraError("DataFrames", "pandas", "pandas") from exc
    return pandas


def frame(data: pa.Table) -> pd.DataFrame:
    """An Arrow table of :func:`zitat.formats.columnar.arrow_table` as a typed DataFrame."""
    import pyarrow as pa

    pd = _pandas()
    scalar_types = {
        pa.string(): pd.StringDtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.float64(): pd.Float64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }

    def pandas_type(arrow: pa.DataType) -> Any:
        if pa.types.is_list(arrow):
            return pd.ArrowDtype(arrow)
        return scalar_types.get(arrow)  # None: pyarrow's default (dictionary → category)

    return data.to_pandas(types_mapper=pandas_type, date_as_object=False)


def to_frame(
    results: AnalysisResult | Iterable[AnalysisResult], table: str = "quotations"
) -> pd.DataFrame:
    """The quotations of ``results`` as a DataFrame, one row per quotation; with ``table=``
    ``"articles"`` or ``"entities"``, one row per article or per entity instead."""
    check_table(table)
    _pandas()  # fail before the work when pandas is missing
    if isinstance(results, AnalysisResult):
        results = [results]
    return frame(arrow_table(table, rows_by_table(results)[table]))
