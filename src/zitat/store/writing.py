"""Writing analysis results into the store: one article, one transaction.

An article is identified by its id and versioned by a content hash over its text, metadata
and the model that analysed it. Writing the same content again changes nothing; different
content replaces every row of the old version in the same transaction, so a crash at any
moment leaves either the old or the new version, never a mix.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from zitat.formats.tables import article_row, entity_rows, quotation_rows
from zitat.schema import AnalysisResult, Article, Quotation
from zitat.store.linking import (
    ROLES,
    Linker,
    linked_quotation,
    local_entities,
    quotation_refs,
    speaker_words,
)
from zitat.store.text import fold


class WriteOutcome(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(slots=True)
class IngestReport:
    """What an ingest did; ``failed`` lists (input, reason) of inputs that were skipped."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.replaced + self.unchanged

    def merge(self, other: IngestReport) -> None:
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.failed.extend(other.failed)
        self.duplicate_ids.extend(other.duplicate_ids)

    def count(self, outcome: WriteOutcome) -> None:
        if outcome is WriteOutcome.ADDED:
            self.added += 1
        elif outcome is WriteOutcome.REPLACED:
            self.replaced += 1
        else:
            self.unchanged += 1


def content_hash(article: Article, model: str) -> str:
    """Fingerprint of what an article's rows depend on: its text, metadata and the model."""
    payload = [article.id, article.title, article.date, article.source, article.text, model]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


_ISO_DAY = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def quotation_date(row: dict[str, Any]) -> str | None:
    """The date a quotation is filed under: its resolved time anchor, else the article date."""
    for value in (row.get("when_date"), row.get("article_date")):
        found = _ISO_DAY.match(value or "")
        if found:
            return found.group()
    return None


def stored_hash(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute(
        "SELECT content_hash FROM articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return None if row is None else str(row[0])


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    columns = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    return int(cursor.lastrowid or 0)


def write_result(conn: sqlite3.Connection, result: AnalysisResult, digest: str) -> WriteOutcome:
    """Store ``result`` unless the same content is stored; the caller owns the transaction.

    The article's own resolution is kept (``*_local_*`` columns, ``article_entities``);
    the quotation rows hold the corpus view, which :class:`Linker` keeps up to date.
    """
    old = conn.execute(
        "SELECT rowid, content_hash FROM articles WHERE article_id = ?", (result.document.id,)
    ).fetchone()
    if old is not None and old["content_hash"] == digest:
        return WriteOutcome.UNCHANGED
    linker = Linker(conn)
    result = linker.corrections.result(result)
    if old is not None:
        linker.forget(old["rowid"])
        delete_article(conn, old["rowid"])
    article = article_row(result)
    article.update(content_hash=digest, ingested_at=datetime.now(UTC).isoformat())
    article_rowid = _insert(conn, "articles", article)
    refs = quotation_refs(result)
    links = linker.add(article_rowid, result.document.id, local_entities(refs, result.entities))
    linked = replace(result, quotations=[linked_quotation(q, links) for q in result.quotations])
    for position, (quotation, row, local) in enumerate(
        zip(linked.quotations, quotation_rows(linked), result.quotations, strict=True)
    ):
        row.update(
            article_rowid=article_rowid,
            position=position,
            quotation_date=quotation_date(row),
            **_local_columns(local),
        )
        rowid = _insert(conn, "quotations", row)
        speaker = quotation.speaker
        conn.execute(
            "INSERT INTO quotation_fts (rowid, quote, speaker) VALUES (?, ?, ?)",
            (
                rowid,
                fold(quotation.quote.text),
                "" if speaker is None else speaker_words(speaker.text, speaker.entity),
            ),
        )
    for position, entity in enumerate(entity_rows(result)):
        del entity["article_id"]
        entity.update(article_rowid=article_rowid, position=position)
        _insert(conn, "article_entities", entity)
    for position, mention in enumerate(result.mentions):
        conn.execute(
            'INSERT INTO mentions (article_rowid, position, start, "end", label, text) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            (article_rowid, position, mention.start, mention.end, mention.label, mention.text),
        )
    linker.count(refs, result.entities, links)
    linker.settle(written=article_rowid)
    return WriteOutcome.ADDED if old is None else WriteOutcome.REPLACED


def _local_columns(quotation: Quotation) -> dict[str, str | None]:
    """The speaker's and addressee's entity as the article itself resolved them."""
    columns: dict[str, str | None] = {}
    for name in ROLES:
        role = getattr(quotation, name)
        ref = None if role is None else role.entity
        columns[f"{name}_local_id"] = None if ref is None else ref.id
        columns[f"{name}_local_name"] = None if ref is None else ref.name
        columns[f"{name}_local_kind"] = None if ref is None else ref.kind.value
    return columns


def delete_article(conn: sqlite3.Connection, article_rowid: int) -> None:
    """Remove an article with every row derived from it (after :meth:`Linker.forget`)."""
    conn.execute(
        "DELETE FROM quotation_fts WHERE rowid IN "
        "(SELECT rowid FROM quotations WHERE article_rowid = ?)",
        (article_rowid,),
    )
    conn.execute("DELETE FROM articles WHERE rowid = ?", (article_rowid,))
