"""Exports of a store or of a search result in every format: the store's own (JSONL, CSV,
Parquet) and the news quotation corpus' JSON format, which needs the corpus writer above
the store."""

from __future__ import annotations

import re
from pathlib import Path

from zitat.errors import InputError
from zitat.formats.corpus_json import corpus_document, write_document
from zitat.store import SearchQuery, Store
from zitat.store.export import FORMATS as STORE_FORMATS
from zitat.store.export import check_format, check_target

CORPUS = "corpus"
FORMATS: tuple[str, ...] = (*STORE_FORMATS, CORPUS)


def export(
    store: Store, path: str | Path, format: str = "jsonl", query: SearchQuery | None = None
) -> int:
    """Write ``store``, or what ``query`` matches, to ``path``; returns the records written.

    Formats: ``jsonl`` (one zitat/1 result per article), ``csv`` and ``parquet`` (one
    row per quotation, the columns of zitat.formats.tables), as :meth:`Store.export` writes them,
    and ``corpus`` (a folder with one corpus-format JSON per article).
    """
    check_format(format, FORMATS)
    if format != CORPUS:
        return store.export(path, format, query)
    folder = Path(path)
    check_target(store, folder, format, folder=True)
    return _write_corpus(store, folder, query)


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
