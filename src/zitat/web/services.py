"""What the routes work with: the pipeline (loaded once), the analysis gate and the store.

A :class:`Store` serialises its calls, so each request-handling thread reads through its
own read-only store (SQLite's WAL mode lets readers run side by side), while all writes go
through one shared writable store, matching SQLite's single writer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Article
from zitat.store import Store
from zitat.web.errors import ApiError
from zitat.web.limits import AnalysisGate
from zitat.web.settings import ApiSettings

T = TypeVar("T")


class Services:
    def __init__(self, settings: ApiSettings) -> None:
        self.settings = settings
        self.gate = AnalysisGate(
            settings.max_concurrent_analyses,
            settings.max_waiting_analyses,
            settings.analysis_timeout_s,
        )
        self._pipeline: Pipeline | None = None
        self._pipeline_lock = threading.Lock()
        self._writer: Store | None = None
        self._writer_lock = threading.Lock()
        self._local = threading.local()
        self._opened: list[Store] = []
        self._opened_lock = threading.Lock()

    def pipeline(self) -> Pipeline:
        """The analysis pipeline, loaded on first use (raises ModelError if it cannot be)."""
        with self._pipeline_lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(PipelineConfig(model=self.settings.model))
            return self._pipeline

    async def analyze(self, read_article: Callable[[], Article]) -> AnalysisResult:
        """Read (e.g. extract from HTML) and analyse an article in the bounded analysis pool."""
        return await self.gate.run(lambda: self.pipeline().analyze(read_article()))

    @property
    def has_store(self) -> bool:
        return self.settings.db is not None

    def create_store(self) -> None:
        """Create the store file and schema if needed, so read-only connections can open it."""
        if self.settings.db is not None:
            Store.open(self.settings.db, create=True).close()

    def read(self, query: Callable[[Store], T]) -> T:
        """Run ``query`` on this thread's read-only store."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._track(Store.open(self.require_store(), create=False, readonly=True))
            self._local.store = store
        return query(store)

    def write(self, result: AnalysisResult) -> tuple[bool, AnalysisResult]:
        """Store ``result``: whether it changed the store (False when it was stored before
        unchanged), and the article as stored, with the corpus' entity ids."""
        writer = self._writable()
        changed = writer.add_result(result)
        return changed, writer.get_article(result.document.id) or result

    def change(self, update: Callable[[Store], T]) -> T:
        """Run ``update`` on the one writable store (e.g. a correction of its entities)."""
        return update(self._writable())

    def _writable(self) -> Store:
        with self._writer_lock:
            if self._writer is None:
                self._writer = self._track(Store.open(self.require_store(), create=False))
            return self._writer

    def require_store(self) -> Path:
        """The store's path; 503 when the server runs without one."""
        if self.settings.db is None:
            raise ApiError(503, "no article store configured; start the server with --db")
        return self.settings.db

    def _track(self, store: Store) -> Store:
        with self._opened_lock:
            self._opened.append(store)
        return store

    def close(self) -> None:
        """Release threads and connections; the next request opens them again."""
        self.gate.close()
        with self._writer_lock, self._opened_lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
            self._writer = None
            self._local = threading.local()
