"""Exports of the store or of a search result: JSONL, CSV, Parquet and the corpus format."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zitat.errors import InputError
from zitat.formats.corpus_json import corpus_document, write_document
from zitat.formats.tables import QUOTATION_COLUMNS
from zitat.schema import result_to_dict
from zitat.store.search import SearchQuery

if TYPE_CHECKING:
    import pandas as pd

    from zitat.store.core import Store

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "corpus")


def quotation_table(store: Store, query: SearchQuery | None) -> Iterator[dict[str, Any]]:
    """Matching quotations as rows with exactly the columns of zitat.formats.tables."""
    for row in store.quotation_rows(query):
        values = {name: row[name] for name in QUOTATION_COLUMNS}
        flag = values["when_from_article_date"]
        values["when_from_article_date"] = None if flag is None else bool(flag)
        yield values


def quotations_frame(store: Store, query: SearchQuery | None) -> pd.DataFrame:
    """Matching quotations as a typed pandas DataFrame (see zitat.frames)."""
    from zitat.formats.columnar import arrow_table
    from zitat.frames import frame

    return frame(arrow_table("quotations", quotation_table(store, query)))


def _write_jsonl(store: Store, path: Path, query: SearchQuery | None) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for result in store.iter_results(query):
            out.write(json.dumps(result_to_dict(result), ensure_ascii=False) + "\n")
            count += 1
    return count


def _write_csv(store: Store, path: Path, query: SearchQuery | None) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=QUOTATION_COLUMNS)
        writer.writeheader()
        for row in quotation_table(store, query):
            writer.writerow(row)
            count += 1
    return count


def _write_parquet(store: Store, path: Path, query: SearchQuery | None) -> int:
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


_UNSAFE = re.compile(r"[^\w.,() -]+")


def _write_corpus(store: Store, folder: Path, query: SearchQuery | None) -> int:
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file; the corpus format needs a folder")
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for result in store.iter_results(query):
        stem = _UNSAFE.sub("_", result.document.id).strip(" .") or "article"
        name, n = stem, 1
        while name.casefold() in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name.casefold())
        write_document(folder / f"{name}.json", corpus_document(result))
    return len(used)


_WRITERS = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
    "corpus": _write_corpus,
}


def export(store: Store, path: Path, format: str, query: SearchQuery | None) -> int:
    """Write ``store`` (or what ``query`` matches) to ``path`` in ``format``."""
    writer = _WRITERS.get(format)
    if writer is None:
        raise InputError(f"unknown export format {format!r}; choose one of: {', '.join(FORMATS)}")
    if format != "corpus" and path.is_dir():
        raise InputError(f"{path} is a folder; the {format} export writes one file")
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path}: folder {path.parent} does not exist")
    store_file = store.path.resolve()
    if path.resolve() in {
        store_file.with_name(store_file.name + end) for end in ("", "-wal", "-shm")
    }:
        raise InputError(f"cannot export to {path}: it is the store itself (or its log)")
    return writer(store, path, query)
