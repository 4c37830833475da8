"""Ingest: read articles, analyse what is new or changed, keep the results in a store.

The workflow above the store. The store only writes results; reading the inputs and
running the pipeline happen here, and progress goes to whatever meter the caller passes
(the command line passes a progress bar).

>>> from zitat.ingest import ingest
>>> from zitat.store import Store
>>> with Store.open("corpus.db") as store:  # doctest: +SKIP
...     report = ingest(store, ["articles/"])
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from itertools import islice
from pathlib import Path
from typing import Protocol

from zitat.errors import ZitatError
from zitat.formats.readers import STDIN, iter_articles
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Article
from zitat.store import IngestReport, Store, WriteOutcome, content_hash

ANALYSIS_CHUNK = 16
"""Articles analysed together (models are faster on batches)."""


class Analyzer(Protocol):
    """What ingest needs of a pipeline (zitat.pipeline.Pipeline is one)."""

    @property
    def model_id(self) -> str: ...

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[AnalysisResult]: ...


class Meter(Protocol):
    """Where progress goes: one call per article dealt with."""

    def advance(self) -> None: ...


OpenMeter = Callable[[int | None], AbstractContextManager[Meter]]
"""Opens a meter for so many articles (None: a number not known in advance)."""


class _Silent:
    def advance(self) -> None:
        """No progress is shown."""


def _analyse(articles: list[Article], pipeline: Analyzer) -> list[AnalysisResult | Exception]:
    """Results of ``articles`` in order; an article the model fails on gets its exception.

    A model error on one article must not end the ingest of a corpus: when a batch fails,
    its articles are analysed one by one to find the culprit.
    """
    try:
        return list(pipeline.analyze_many(articles))
    except Exception:
        outcomes: list[AnalysisResult | Exception] = []
        for article in articles:
            try:
                outcomes.extend(pipeline.analyze_many([article]))
            except Exception as exc:
                outcomes.append(exc)
        return outcomes


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    pipeline: Analyzer | None = None,
    progress: OpenMeter | None = None,
    max_article_bytes: int | None = None,
    admit: Callable[[Article], bool] | None = None,
) -> IngestReport:
    """Read files, folders or globs, analyse what is new or changed, store it.

    ``pipeline`` defaults to the default model's. Unchanged articles are skipped before
    analysis; unreadable inputs are listed in the report's ``failed`` and skipped. Each
    article is committed on its own, so an interrupted ingest keeps everything stored
    so far and a re-run does the rest. With ``progress``, the inputs are first read once
    to count them, for the meter's ETA. An article over ``max_article_bytes`` (UTF-8) is
    listed in ``failed`` too. An article that ``admit`` refuses (say, one not in
    German) is passed over: neither stored nor listed.
    """
    inputs = [str(p) for p in paths]
    pipeline = pipeline or Pipeline(PipelineConfig())
    model = pipeline.model_id
    report = IngestReport()

    def skip(path: Path, error: ZitatError) -> None:
        report.failed.append((str(path), str(error)))

    read = functools.partial(iter_articles, inputs, max_article_bytes=max_article_bytes)
    total = None
    if progress is not None and STDIN not in inputs:
        total = sum(1 for _ in read(on_error=lambda _path, _error: None))
    meter = nullcontext(_Silent()) if progress is None else progress(total)
    with meter as bar:
        seen: set[str] = set()

        def changed() -> Iterator[tuple[Article, str]]:
            for article in read(on_error=skip):
                if admit is not None and not admit(article):
                    bar.advance()
                    continue
                if article.id in seen:
                    report.duplicate_ids.append(article.id)
                seen.add(article.id)
                digest = content_hash(article, model)
                if store.stored_hash(article.id) == digest:
                    report.count(WriteOutcome.UNCHANGED)
                    bar.advance()
                    continue
                yield article, digest

        pending = changed()
        while chunk := list(islice(pending, ANALYSIS_CHUNK)):
            for (article, digest), result in zip(
                chunk, _analyse([a for a, _ in chunk], pipeline), strict=True
            ):
                if isinstance(result, Exception):
                    report.failed.append((article.id, f"analysis failed: {result!r}"))
                else:
                    report.count(store.write(result, content_hash=digest))
                bar.advance()
    return report
