"""Streaming article input for batch runs: Parquet read by row groups, everything else by
:func:`zitat.formats.readers.iter_articles`, and deterministic partitions of fixed size."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from zitat.errors import InputError, ZitatError
from zitat.schema import Article

PARQUET_SUFFIXES = (".parquet", ".pq")
_OPTIONAL_FIELDS = ("title", "date", "source")
_ID_COLUMNS = ("id", "article_id")  # article_id: the articles table of a batch output


def _optional_text(value: Any) -> str | None:
    return None if value is None else str(value)


ErrorHandler = Callable[[Path, ZitatError], None]


def _report(on_error: ErrorHandler | None, path: Path, error: InputError) -> None:
    """Skip-and-report with a handler (a batch goes on), raise without one."""
    if on_error is None:
        raise error
    on_error(path, error)


def iter_parquet_articles(
    path: Path, on_error: ErrorHandler | None = None, rows_per_read: int = 1024
) -> Iterator[Article]:
    """Articles from a Parquet file with columns ``id`` (or ``article_id``) and ``text``
    (optionally ``title``, ``date``, ``source``), read a few rows at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from zitat.formats.readers import normalize_date

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        _report(on_error, path, InputError(f"{path}: not a readable Parquet file ({exc})"))
        return
    names = parquet.schema_arrow.names
    id_column = next((c for c in _ID_COLUMNS if c in names), None)
    if id_column is None or "text" not in names:
        error = InputError(f"{path}: Parquet input needs the columns 'id' and 'text'")
        _report(on_error, path, error)
        return
    columns = [id_column, "text", *(c for c in _OPTIONAL_FIELDS if c in names)]
    row_number = 0
    for batch in parquet.iter_batches(batch_size=rows_per_read, columns=columns):
        for row in batch.to_pylist():
            row_number += 1
            if row[id_column] is None or not isinstance(row["text"], str):
                _report(on_error, path, InputError(f"{path}: row {row_number} has no id or text"))
                continue
            date = row.get("date")
            yield Article(
                id=str(row[id_column]),
                text=row["text"],
                title=_optional_text(row.get("title")),
                date=normalize_date(date.isoformat() if isinstance(date, dt.date) else date),
                source=_optional_text(row.get("source")),
            )


def _parquet_files(path: Path) -> list[Path]:
    """The Parquet files of ``path`` (itself, or those in a folder), hidden ones left out."""
    if path.is_file():
        return [path] if path.suffix.lower() in PARQUET_SUFFIXES else []
    if not path.is_dir():
        return []
    return sorted(
        p
        for p in path.rglob("*")
        if p.suffix.lower() in PARQUET_SUFFIXES
        and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
    )


def iter_jsonl_articles(path: Path, on_error: ErrorHandler | None = None) -> Iterator[Article]:
    """Articles of a JSONL file, one line at a time (the readers load a whole file, which a
    corpus-sized JSONL does not fit). Ids default to ``<stem>:<line>`` as in the readers.
    With ``on_error``, a bad line is reported and skipped; without, it raises."""
    from zitat.formats.readers import article_from_object

    try:
        with path.open("rb") as lines:
            for number, raw in enumerate(lines, start=1):
                where = f"{path}, line {number}"
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                    if not line.strip():
                        continue
                    yield article_from_object(json.loads(line), where, f"{path.stem}:{number}")
                except UnicodeDecodeError:
                    _report(on_error, path, InputError(f"{where}: not UTF-8 text"))
                except json.JSONDecodeError as exc:
                    message = f"{where}: invalid JSON at column {exc.colno}: {exc.msg}"
                    _report(on_error, path, InputError(message))
                except InputError as error:
                    _report(on_error, path, error)
    except OSError as exc:
        _report(on_error, path, InputError(f"{path}: cannot be read ({exc.strerror or exc})"))


def iter_inputs(
    paths: Iterable[str | Path], on_error: ErrorHandler | None = None
) -> Iterator[Article]:
    """Articles of every input in the order given, streamed: Parquet files (or folders of
    them) by row groups, JSONL files by lines, anything else (text, HTML, JSON, folders,
    globs) through :func:`zitat.formats.readers.iter_articles`."""
    from zitat.formats.readers import iter_articles

    for raw in paths:
        path = Path(raw)
        parquet = _parquet_files(path)
        if parquet:
            for file in parquet:
                yield from iter_parquet_articles(file, on_error)
        elif path.is_file() and path.suffix.lower() == ".jsonl":
            yield from iter_jsonl_articles(path, on_error)
        else:
            yield from iter_articles([raw], recursive=True, on_error=on_error)


@dataclass(frozen=True, slots=True)
class Partition:
    """A fixed run of consecutive input articles: the unit of work, output and resume."""

    index: int
    articles: tuple[Article, ...]
    digest: str
    """Fingerprint of the articles' ids and texts: a resumed run checks it is the same input."""

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}"


def fingerprint(articles: Iterable[Article]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for article in articles:
        for value in (article.id, article.text):
            encoded = value.encode("utf-8", "surrogatepass")
            digest.update(len(encoded).to_bytes(8, "little"))
            digest.update(encoded)
    return digest.hexdigest()


def partition(articles: Iterable[Article], size: int) -> Iterator[Partition]:
    """Cut the article stream into partitions of ``size`` articles; the same input in the
    same order always gives the same partitions, which is what makes resume possible."""
    if size < 1:
        raise InputError(f"partition size must be at least 1, not {size}")
    it = iter(articles)
    index = 0
    while chunk := tuple(islice(it, size)):
        yield Partition(index, chunk, fingerprint(chunk))
        index += 1
