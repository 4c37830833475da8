"""The :class:`Store`: a corpus of analysed articles in one SQLite file."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from zitat.errors import StoreError
from zitat.formats.tables import entity_from_row, quotation_from_row
from zitat.schema import AnalysisResult, Article, EntityKind, EntityMention, EntityRef, Gender
from zitat.speakers.identity import CorpusLink
from zitat.store import curation, db, export, writing
from zitat.store.context import in_context
from zitat.store.curation import Correction
from zitat.store.linking import Linker, identity_problems
from zitat.store.search import (
    ALL,
    NEWEST_FIRST,
    OLDEST_FIRST,
    SearchPage,
    SearchQuery,
    SpeakerProfile,
    check_paging,
    hit_from_row,
    hits_sql,
    query_filter,
    row_dict,
    where_clause,
)
from zitat.store.stats import CorpusStats, compute_stats
from zitat.store.writing import IngestReport, WriteOutcome

if TYPE_CHECKING:
    import pandas as pd

_RELINK_PENDING = "SELECT 1 FROM store_meta WHERE key = 'relink'"

_INVARIANT_CHECKS = (
    (
        "SELECT count(*) FROM quotation_fts WHERE rowid NOT IN (SELECT rowid FROM quotations)",
        "full-text rows without a quotation",
    ),
    (
        "SELECT count(*) FROM articles a WHERE n_quotations != "
        "(SELECT count(*) FROM quotations q WHERE q.article_rowid = a.rowid)",
        "articles whose quotation count does not match",
    ),
)
"""The store's own invariants: each query counts the rows that break one."""


class Store:
    """Analysed articles kept in SQLite: searchable, countable and exportable.

    Open with :meth:`open` (also a context manager). One store object may be shared by
    threads; its calls are serialised.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, readonly: bool = False) -> Store:
        """Open the store at ``path``; create it if missing (unless ``create=False``)."""
        store = cls(
            db.connect(path, create=create, readonly=readonly), Path(path), readonly=readonly
        )
        if not readonly and store._rows(_RELINK_PENDING):
            try:
                store._relink(only_if_pending=True)  # a store migrated from schema 1
            except BaseException:
                store.close()
                raise
        return store

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StoreError(f"{self.path} is opened read-only")
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise db.database_error("write to", self.path, exc) from exc
                raise

    def write(self, result: AnalysisResult, *, content_hash: str | None = None) -> WriteOutcome:
        """Store one analysed article in its own transaction; what that did.

        ``content_hash`` defaults to a hash of the article's text, metadata and model, so
        a result of the same article by the same model counts as unchanged.
        """
        digest = content_hash or writing.content_hash(result.document, result.model)
        with self._transaction() as conn:
            return writing.write_result(conn, result, digest)

    def relink(self) -> None:
        """Recompute every article's corpus entity ids from scratch, in one transaction.

        Writes keep them up to date, with the same result; this is for a store migrated
        from an older schema (done on open) and for checking.
        """
        self._relink(only_if_pending=False)

    def _relink(self, *, only_if_pending: bool) -> None:
        with self._transaction() as conn:
            if only_if_pending and not conn.execute(_RELINK_PENDING).fetchone():
                return  # another process did it meanwhile
            Linker(conn).rebuild()
            conn.execute("DELETE FROM store_meta WHERE key = 'relink'")

    def correct(self, action: str, *, author: str, **what: Any) -> Correction:
        """Record one correction of the corpus entities (see :mod:`zitat.store.curation`:
        ``rename`` entity_id, name; ``merge`` entity_id, target_id; ``split``/``reject``
        article_id, quotation_id) by ``author``, and relink the corpus with it."""
        with self._transaction() as conn:
            correction = curation.record(conn, {"action": action, "author": author, **what})
            Linker(conn).rebuild()
        return correction

    def corrections(self) -> list[Correction]:
        """Every correction made to this store, oldest first (the audit log)."""
        with self._reading() as conn:
            return curation.history(conn)

    def add_result(self, result: AnalysisResult, *, content_hash: str | None = None) -> bool:
        """Store one analysed article (see :meth:`write`); False if it was stored as is."""
        return self.write(result, content_hash=content_hash) is not WriteOutcome.UNCHANGED

    def add_results(self, results: Iterable[AnalysisResult]) -> IngestReport:
        """Store already analysed results (e.g. the Parquet output of ``zitat batch``)."""
        report = IngestReport()
        for result in results:
            report.count(self.write(result))
        return report

    # -- reading ------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection for reading: calls serialised, SQLite's errors one-line StoreErrors."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise db.database_error("read", self.path, exc) from exc

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """Reads that see one state of the store, even while another process writes."""
        with self._reading() as conn:
            conn.execute("BEGIN")
            try:
                yield
            finally:
                conn.execute("COMMIT")

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._reading() as conn:
            return conn.execute(sql, list(params)).fetchall()

    def stored_hash(self, article_id: str) -> str | None:
        """The content hash the article ``article_id`` was stored with; None if it is not."""
        with self._reading() as conn:
            return writing.stored_hash(conn, article_id)

    def __len__(self) -> int:
        """The number of articles."""
        return int(self._rows("SELECT count(*) FROM articles")[0][0])

    def article_ids(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT article_id FROM articles ORDER BY rowid")]

    def get_article(self, article_id: str) -> AnalysisResult | None:
        """The stored result of one article as it was added, with the corpus' entity ids
        (see :mod:`zitat.store.linking`)."""
        found = self._rows("SELECT * FROM articles WHERE article_id = ?", [article_id])
        if not found:
            return None
        return self._result(found[0])

    def _result(
        self, article: sqlite3.Row, quotation_filter: Callable[[str], bool] | None = None
    ) -> AnalysisResult:
        rowid = article["rowid"]
        quotations = [
            quotation_from_row(row_dict(row))
            for row in self._rows(
                "SELECT * FROM quotations WHERE article_rowid = ? ORDER BY position", [rowid]
            )
        ]
        if quotation_filter is not None:
            quotations = [q for q in quotations if quotation_filter(q.id)]
        entities = [
            CorpusLink(row["corpus_id"] or row["entity_id"], row["linked_name"]).entity(
                entity_from_row(row_dict(row))
            )
            for row in self._rows(
                "SELECT e.*, l.entity_id AS corpus_id, l.linked_name FROM article_entities e "
                "LEFT JOIN article_links l "
                "ON l.article_rowid = e.article_rowid AND l.local_id = e.entity_id "
                "WHERE e.article_rowid = ? ORDER BY e.position",
                [rowid],
            )
        ]
        mentions = [
            EntityMention(row["start"], row["end"], row["label"], row["text"])
            for row in self._rows(
                "SELECT * FROM mentions WHERE article_rowid = ? ORDER BY position", [rowid]
            )
        ]
        document = Article(
            id=article["article_id"],
            text=article["text"],
            title=article["title"],
            date=article["date"],
            source=article["source"],
        )
        return AnalysisResult(document, quotations, entities, article["model"], mentions)

    def search(self, query: SearchQuery) -> SearchPage:
        """One page of the quotations matching ``query``, newest first, and their total."""
        check_paging(query)
        found = query_filter(query)
        where, params = found.where()
        with self._snapshot():
            total = int(self._rows(*found.count())[0][0])
            rows = self._rows(
                hits_sql(where, NEWEST_FIRST, paged=True), [*params, query.limit, query.offset]
            )
        expected = min(query.limit, max(0, total - query.offset))
        if len(rows) != expected:
            # a damaged page can hide rows from one query plan and not from the other
            raise db.damage_error(
                self.path,
                f"{total} quotations match, but {len(rows)} of the {expected} on this page "
                "could be read",
            )
        return SearchPage(total=total, hits=[hit_from_row(row) for row in rows])

    def quotation_rows(self, query: SearchQuery | None = None) -> list[sqlite3.Row]:
        """The stored rows of every quotation matching ``query`` (paging ignored), newest first."""
        where, params = where_clause(query or SearchQuery())
        return self._rows(hits_sql(where, NEWEST_FIRST), params)

    def speaker(self, entity_id: str) -> SpeakerProfile | None:
        """A speaker entity with its aliases and quotations in date order, or None if unknown."""
        found = self._rows("SELECT * FROM entities WHERE entity_id = ?", [entity_id])
        if not found:
            return None
        row = found[0]
        entity = EntityRef(
            id=row["entity_id"],
            name=row["name"],
            kind=EntityKind(row["kind"]),
            gender=Gender(row["gender"]),
            role=row["role"],
        )
        aliases = [
            alias
            for (alias,) in self._rows(
                "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", [entity_id]
            )
        ]
        hits = [
            hit_from_row(hit)
            for hit in self._rows(hits_sql("q.speaker_entity_id = ?", OLDEST_FIRST), [entity_id])
        ]
        texts = {
            row[0]: row[1]
            for row in self._rows(
                "SELECT DISTINCT a.article_id, a.text FROM quotations q "
                "JOIN articles a ON a.rowid = q.article_rowid WHERE q.speaker_entity_id = ?",
                [entity_id],
            )
        }
        hits = [
            replace(hit, context=in_context(texts[hit.article_id], hit.quotation)) for hit in hits
        ]
        return SpeakerProfile(entity=entity, aliases=aliases, quotations=hits)

    def stats(self, query: SearchQuery | None = None, *, top: int = 20) -> CorpusStats:
        """Counts over the quotations matching ``query`` (all when None)."""
        where, params = where_clause(query or SearchQuery())
        with self._reading() as conn:
            return compute_stats(conn, where, params, top=top)

    def iter_results(self, query: SearchQuery | None = None) -> Iterator[AnalysisResult]:
        """Stored results in insertion order; with filters in ``query``, only the articles
        with a match, each holding only its matching quotations."""
        where, params = where_clause(query or SearchQuery())
        if where == ALL:
            for article in self._rows("SELECT * FROM articles ORDER BY rowid"):
                yield self._result(article)
            return
        matches: dict[int, set[str]] = {}
        for row in self._rows(
            f"SELECT q.article_rowid, q.quotation_id FROM quotations q WHERE {where}", params
        ):
            matches.setdefault(row[0], set()).add(row[1])
        for rowid in sorted(matches):
            found = self._rows("SELECT * FROM articles WHERE rowid = ?", [rowid])
            if not found:  # a damaged page hides the article of a matching quotation
                raise db.damage_error(
                    self.path,
                    f"article row {rowid}, which matching quotations belong to, is missing",
                )
            yield self._result(found[0], matches[rowid].__contains__)

    def export(
        self, path: str | Path, format: str = "jsonl", query: SearchQuery | None = None
    ) -> int:
        """Write the store, or what ``query`` matches, to ``path``; returns the records written.

        Formats: ``jsonl`` (one zitat/1 result per article), ``csv`` and ``parquet`` (one
        row per quotation, the columns of zitat.formats.tables); :func:`zitat.export.export`
        also writes the corpus format.
        """
        return export.export(self, Path(path), format, query)

    def quotations_frame(self, query: SearchQuery | None = None, **filters: Any) -> pd.DataFrame:
        """The quotations matching ``query`` and ``filters`` (the fields of
        :class:`SearchQuery` as keywords: ``speaker="Merkel", date_from="2024"``; paging is
        ignored) as a pandas DataFrame, newest first: the columns of the Parquet export,
        typed (see :mod:`zitat.frames`; needs ``zitat[pandas]``)."""
        return export.quotations_frame(self, replace(query or SearchQuery(), **filters))

    def counts(self) -> dict[str, int]:
        """How many articles, quotations and speaker entities the store holds."""
        return {
            table: int(self._rows(f"SELECT count(*) FROM {table}")[0][0])
            for table in ("articles", "quotations", "entities")
        }

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity check, FTS5's check of the full-text indexes (where the store
        could be written) and the store's invariants; empty when all is well."""
        try:
            problems = [
                line
                for (report,) in self._rows("PRAGMA integrity_check")
                for line in report.splitlines()
                if report != "ok" and not line.startswith("***")
            ]
        except StoreError as exc:
            problems = [f"SQLite's integrity check stopped: {exc.__cause__}"]
        problems += db.full_text_problems(self.path) or []
        for count_sql, problem in _INVARIANT_CHECKS:
            try:
                found = self._rows(count_sql)[0][0]
            except StoreError as exc:  # a damaged page: SQLite's check reports it above
                problems.append(f"{problem}: not checked ({exc.__cause__})")
                continue
            if found:
                problems.append(f"{found} {problem}")
        with self._lock:
            try:
                problems += identity_problems(self._conn)
            except sqlite3.Error as exc:
                problems.append(f"corpus identity: not checked ({exc})")
        return problems
