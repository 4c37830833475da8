"""Results back from the Parquet output of ``zitat batch``, one partition at a time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from zitat.batch.output import BatchOutput
from zitat.errors import InputError
from zitat.formats.columnar import table_rows
from zitat.formats.tables import TABLE_COLUMNS, results_from_tables
from zitat.schema import AnalysisResult


def iter_batch_results(root: Path) -> Iterator[AnalysisResult]:
    """Every result of the completed partitions of a batch output folder.

    A partition is complete once ``zitat batch`` wrote its marker; half-written partitions
    of an interrupted run are left out.
    """
    import pyarrow.parquet as pq

    output = BatchOutput(root)
    articles = root / "articles"
    if not articles.is_dir():
        raise InputError(f"{root} is not the output of zitat batch (no articles/ folder)")
    for path in sorted(articles.glob("*.parquet")):
        partition = path.stem
        if not output.marker_path(partition).exists():
            continue
        try:
            tables = {
                table: table_rows(table, pq.read_table(output.table_path(table, partition)))
                for table in TABLE_COLUMNS
            }
        except (OSError, ValueError) as exc:
            raise InputError(f"{root}: partition {partition} cannot be read ({exc})") from exc
        yield from results_from_tables(tables["articles"], tables["quotations"], tables["entities"])
