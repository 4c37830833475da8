"""The on-disk layout of a batch run and its atomic, resumable writes.

``OUT/articles/``, ``OUT/quotations/`` and ``OUT/entities/`` hold one Parquet file per
partition (readable as one dataset each, e.g. ``pyarrow.dataset.dataset(OUT / "quotations")``).
A partition counts as written only once its marker ``OUT/_done/<partition>.json`` exists,
and the marker is written last: a worker that dies half-way leaves no marker, so the
partition is redone. Every file is written under a hidden temporary name and renamed.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

from zitat.errors import InputError, StoreError
from zitat.formats.columnar import PARQUET_LAYOUT, arrow_table
from zitat.formats.tables import TABLE_COLUMNS, rows_by_table
from zitat.schema import SCHEMA_VERSION, AnalysisResult

DONE_DIR = "_done"
MANIFEST = "_batch.json"
SUCCESS = "_SUCCESS"
_TMP_SUFFIX = ".tmp"


@dataclass(frozen=True, slots=True)
class PartitionReport:
    """What one written partition holds, and what it cost the worker that wrote it."""

    name: str
    digest: str
    articles: int
    quotations: int
    entities: int
    words: int
    seconds: float
    cpu_seconds: float
    """CPU time of the worker process for this partition (its wall time less waiting)."""
    worker: str
    peak_rss_bytes: int


def _replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp_path)`` and rename the result to ``path`` (hidden until complete)."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}{_TMP_SUFFIX}")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {exc}") from exc


class BatchOutput:
    """One batch output folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def table_path(self, table: str, partition: str) -> Path:
        return self.root / table / f"{partition}.parquet"

    def marker_path(self, partition: str) -> Path:
        return self.root / DONE_DIR / f"{partition}.json"

    def prepare(self, settings: dict[str, Any]) -> None:
        """Create the folders, or check that an earlier run used the same settings, and
        remove temporary files that interrupted writers left behind."""
        try:
            for folder in (*TABLE_COLUMNS, DONE_DIR):
                (self.root / folder).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the output folder {self.root}: {exc}") from exc
        manifest = {"schema": SCHEMA_VERSION, "parquet_layout": PARQUET_LAYOUT, **settings}
        path = self.root / MANIFEST
        if path.is_file():
            earlier = json.loads(path.read_text(encoding="utf-8"))
            if earlier != manifest:
                changed = sorted(
                    k for k in manifest.keys() | earlier.keys() if manifest.get(k) != earlier.get(k)
                )
                raise InputError(
                    f"{self.root} holds a batch run with other settings ({', '.join(changed)}); "
                    "resume with the same settings or choose a new --out folder"
                )
        else:
            _replace_atomically(path, lambda tmp: tmp.write_text(json.dumps(manifest, indent=2)))
        for folder in (*TABLE_COLUMNS, DONE_DIR):
            for stale in (self.root / folder).glob(f".*{_TMP_SUFFIX}"):
                stale.unlink(missing_ok=True)
        (self.root / SUCCESS).unlink(missing_ok=True)

    def completed(self, name: str, digest: str) -> PartitionReport | None:
        """The report of partition ``name`` if an earlier run wrote it from the same input."""
        path = self.marker_path(name)
        if not path.is_file():
            return None
        report = PartitionReport(**json.loads(path.read_text(encoding="utf-8")))
        if report.digest != digest:
            raise InputError(
                f"{name} in {self.root} was written from different articles; the input changed "
                "since the earlier run (resume needs the same inputs in the same order)"
            )
        return report

    def write_tables(self, name: str, results: Iterable[AnalysisResult]) -> dict[str, int]:
        """Write the three tables of one partition; returns the row count of each."""
        import pyarrow.parquet as pq

        rows = rows_by_table(results)
        for table, table_rows in rows.items():
            data = arrow_table(table, table_rows)
            write = partial(pq.write_table, data, compression="zstd")
            _replace_atomically(self.table_path(table, name), write)
        return {table: len(table_rows) for table, table_rows in rows.items()}

    def mark_done(self, report: PartitionReport) -> None:
        text = json.dumps(asdict(report), indent=2)
        _replace_atomically(self.marker_path(report.name), lambda tmp: tmp.write_text(text))

    def mark_success(self, summary: dict[str, Any]) -> None:
        """Flag the whole run as complete (every partition written)."""
        text = json.dumps(summary, indent=2)
        _replace_atomically(self.root / SUCCESS, lambda tmp: tmp.write_text(text))
