"""Exports of the store or of a search result in its own formats: JSONL, CSV and Parquet.

The corpus format is written above the store, by :mod:`zitat.export`.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from zitat.errors import InputError
from zitat.formats.tables import QUOTATION_COLUMNS
from zitat.schema import AnalysisResult, result_to_dict
from zitat.store.search import SearchQuery

if TYPE_CHECKING:
    import pandas as pd

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


class Exportable(Protocol):
    """What an export reads of a store (zitat.store.Store is one)."""

    @property
    def path(self) -> Path: ...

    def iter_results(self, query: SearchQuery | None = None) -> Iterator[AnalysisResult]: ...

    def quotation_rows(self, query: SearchQuery | None = None) -> list[sqlite3.Row]: ...


def quotation_table(store: Exportable, query: SearchQuery | None) -> Iterator[dict[str, Any]]:
    """Matching quotations as rows with exactly the columns of zitat.formats.tables."""
    for row in store.quotation_rows(query):
        values = {name: row[name] for name in QUOTATION_COLUMNS}
        flag = values["when_from_article_date"]
        values["when_from_article_date"] = None if flag is None else bool(flag)
        yield values


def quotations_frame(store: Exportable, query: SearchQuery | None) -> pd.DataFrame:
    """Matching quotations as a typed pandas DataFrame (see zitat.frames)."""
    from zitat.formats.columnar import arrow_table
    from zitat.frames import frame

    return frame(arrow_table("quotations", quotation_table(store, query)))


def _write_jsonl(store: Exportable, path: Path, query: SearchQuery | None) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for result in store.iter_results(query):
            out.write(json.dumps(result_to_dict(result), ensure_ascii=False) + "\n")
            count += 1
    return count


def _write_csv(store: Exportable, path: Path, query: SearchQuery | None) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=QUOTATION_COLUMNS)
        writer.writeheader()
        for row in quotation_table(store, query):
            writer.writerow(row)
            count += 1
    return count


def _write_parquet(store: Exportable, path: Path, query: SearchQuery | None) -> int:
    import pyarrow.parquet as pq

    from zitat.formats.columnar import arrow_schema, arrow_table

    count = 0
    with pq.ParquetWriter(path, arrow_schema("quotations")) as writer:
        batch: list[dict[str, Any]] = []
        for row in quotation_table(store, query):
            batch.append(row)
            if len(batch) == 10_000:
                writer.write_table(arrow_table("quotations", batch))
                count, batch = count + len(batch), []
        writer.write_table(arrow_table("quotations", batch))
    return count + len(batch)


_WRITERS = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
}


def check_format(format: str, formats: Sequence[str] = FORMATS) -> None:
    if format not in formats:
        raise InputError(f"unknown export format {format!r}; choose one of: {', '.join(formats)}")


def check_target(store: Exportable, path: Path, format: str, *, folder: bool = False) -> None:
    """Refuse a ``path`` the export cannot write: a folder for a one-file export (a
    ``folder`` export makes its own), a missing parent folder, the store itself."""
    if not folder and path.is_dir():
        raise InputError(f"{path} is a folder; the {format} export writes one file")
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path}: folder {path.parent} does not exist")
    store_file = store.path.resolve()
    if path.resolve() in {
        store_file.with_name(store_file.name + end) for end in ("", "-wal", "-shm")
    }:
        raise InputError(f"cannot export to {path}: it is the store itself (or its log)")


def export(store: Exportable, path: Path, format: str, query: SearchQuery | None) -> int:
    """Write ``store`` (or what ``query`` matches) to ``path`` in ``format``."""
    check_format(format)
    check_target(store, path, format)
    return _WRITERS[format](store, path, query)
